import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpawnLike } from '../../../../electron/browser-host/open-browser';
import { openBrowser } from '../../../../electron/browser-host/open-browser';
import { useTempDir } from '../../../support/temp-dir';

const URL = 'http://127.0.0.1:49152/#token=abcDEF_123-xyzabcDEF_123-xyz';
const DESKTOP = { DISPLAY: ':0' };

interface Spawned {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: SpawnOptions;
}

/** Records what would be started and plays a child that starts and then exits with `exitCode`. */
function recordingSpawn(exitCode: number | 'enoent' = 0): { spawn: SpawnLike; calls: Spawned[] } {
  const calls: Spawned[] = [];
  const fake: SpawnLike = (command, args, options) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: () => undefined });
    setImmediate(() => {
      if (exitCode === 'enoent') {
        child.emit('error', Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' }));
      } else {
        child.emit('spawn');
        child.emit('exit', exitCode, null);
      }
    });
    return child as unknown as ChildProcess;
  };
  return { spawn: fake, calls };
}

describe('openBrowser', () => {
  it('starts explorer.exe from the Windows folder with the URL as its only argument on Windows', async () => {
    const { spawn, calls } = recordingSpawn(1);
    const result = await openBrowser(URL, { platform: 'win32', env: { SystemRoot: 'C:\\Windows' }, spawn });
    expect(result).toEqual({ kind: 'opened' });
    expect(calls.map((c) => [c.command, c.args])).toEqual([['C:\\Windows\\explorer.exe', [URL]]]);
  });

  it('starts open with the URL on macOS', async () => {
    const { spawn, calls } = recordingSpawn();
    expect(await openBrowser(URL, { platform: 'darwin', env: {}, spawn })).toEqual({ kind: 'opened' });
    expect(calls.map((c) => [c.command, c.args])).toEqual([['open', [URL]]]);
  });

  it('starts xdg-open with the URL on a Linux desktop', async () => {
    const { spawn, calls } = recordingSpawn();
    expect(await openBrowser(URL, { platform: 'linux', env: DESKTOP, spawn })).toEqual({ kind: 'opened' });
    expect(calls.map((c) => [c.command, c.args])).toEqual([['xdg-open', [URL]]]);
  });

  it('starts the opener without a shell', async () => {
    const { spawn, calls } = recordingSpawn();
    await openBrowser(URL, { platform: 'linux', env: DESKTOP, spawn });
    expect(calls[0]?.options.shell).toBe(false);
  });

  it('accepts a Wayland session as a display', async () => {
    const { spawn } = recordingSpawn();
    const result = await openBrowser(URL, {
      platform: 'linux',
      env: { WAYLAND_DISPLAY: 'wayland-0' },
      spawn,
    });
    expect(result).toEqual({ kind: 'opened' });
  });

  it('reports no browser on Linux without DISPLAY or WAYLAND_DISPLAY, starting nothing', async () => {
    const { spawn, calls } = recordingSpawn();
    const result = await openBrowser(URL, { platform: 'linux', env: {}, spawn });
    expect(result).toEqual({ kind: 'no-browser', reason: 'no-display' });
    expect(calls).toEqual([]);
  });

  it('reports no browser when CI is set, starting nothing', async () => {
    const { spawn, calls } = recordingSpawn();
    const result = await openBrowser(URL, { platform: 'win32', env: { CI: 'true' }, spawn });
    expect(result).toEqual({ kind: 'no-browser', reason: 'ci' });
    expect(calls).toEqual([]);
  });

  it('still opens when CI is set to false', async () => {
    const { spawn } = recordingSpawn();
    const result = await openBrowser(URL, { platform: 'darwin', env: { CI: 'false' }, spawn });
    expect(result).toEqual({ kind: 'opened' });
  });

  it('reports no browser when xdg-open is missing', async () => {
    const { spawn } = recordingSpawn('enoent');
    const result = await openBrowser(URL, { platform: 'linux', env: DESKTOP, spawn });
    expect(result).toMatchObject({ kind: 'no-browser', reason: 'opener-missing' });
  });

  it('reports no browser when xdg-open exits with an error', async () => {
    const { spawn } = recordingSpawn(3);
    const result = await openBrowser(URL, { platform: 'linux', env: DESKTOP, spawn });
    expect(result).toMatchObject({ kind: 'no-browser', reason: 'opener-failed' });
  });

  it.each([
    'http://127.0.0.1:49152/#token=a&calc.exe',
    'http://127.0.0.1:49152/#token=a"b',
    'http://evil.example/',
    'file:///C:/Windows/System32/calc.exe',
    'http://127.0.0.1:49152/ --new-window',
  ])('refuses to hand %s to the opener', async (url) => {
    const { spawn, calls } = recordingSpawn();
    expect(await openBrowser(url, { platform: 'win32', env: {}, spawn })).toEqual({
      kind: 'no-browser',
      reason: 'bad-url',
    });
    expect(calls).toEqual([]);
  });
});

describe.skipIf(process.platform === 'win32')('openBrowser with real processes (POSIX only)', () => {
  const temp = useTempDir('harvester-open-browser-');

  it('runs the xdg-open found on PATH with the URL as one argument', async () => {
    const received = path.join(temp.path(), 'received.txt');
    const opener = temp.file('xdg-open', `#!/bin/sh\nprintf '%s\\n' "$#" "$1" > '${received}'\n`);
    chmodSync(opener, 0o755);
    const env = { PATH: temp.path(), DISPLAY: ':0' };
    expect(await openBrowser(URL, { platform: 'linux', env, spawn })).toEqual({ kind: 'opened' });
    expect(readFileSync(received, 'utf8')).toBe(`1\n${URL}\n`);
  });

  it('reports no browser when no xdg-open is on PATH', async () => {
    const env = { PATH: temp.path(), DISPLAY: ':0' };
    const result = await openBrowser(URL, { platform: 'linux', env, spawn });
    expect(result).toMatchObject({ kind: 'no-browser', reason: 'opener-missing' });
  });
});
