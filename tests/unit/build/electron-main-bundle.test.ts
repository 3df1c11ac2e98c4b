/**
 * The bundled main process (build/bundle-electron.js) as Electron would start it, with `electron` resolved to
 * a stand-in (./fake-electron) since this machine has no Electron binary: it must register the `app` scheme
 * as privileged before `ready`, serve the renderer build beside it through that scheme, and load the page
 * from there. Bundled into a scratch folder under node_modules/.cache (ignored by git, lint and formatting),
 * where its external packages resolve from the project's node_modules as they do from dist/electron.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES } from '../../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shell/content-security-policy';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const cache = path.join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const scratch = mkdtempSync(path.join(cache, 'harvester-bundle-test-'));
const mainDir = path.join(scratch, 'dist', 'electron');
const INDEX_HTML = '<!doctype html><script type="module" crossorigin src="./assets/index-abc.js"></script>';

interface Event {
  readonly call: string;
  readonly [key: string]: unknown;
}

let events: Event[] = [];
let exitCode: number | null = null;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const bundled = spawnSync(
    process.execPath,
    [path.join(root, 'build', 'bundle-electron.js'), '--out-dir', mainDir],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (bundled.status !== 0) throw new Error(`bundling failed:\n${bundled.stderr}`);
  const renderer = path.join(scratch, 'dist', 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log("app");');

  const started = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(import.meta.dirname, 'fake-electron', 'register.mjs'),
      path.join(mainDir, 'main.js'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HARVESTER_LEDGER: path.join(scratch, 'ledger'), NODE_POWERSHELL: undefined },
      timeout: 30_000,
    },
  );
  exitCode = started.status;
  events = started.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Event);
}, 120_000);

describe('the bundled main process', () => {
  it('starts and loads its page without an error box', () => {
    expect(exitCode).toBe(0);
    expect(events.map((e) => e.call)).not.toContain('dialog.showErrorBox');
  });

  it('registers the app scheme as privileged once, before the app is ready', () => {
    const registrations = events.filter((e) => e.call === 'registerSchemesAsPrivileged');
    expect(registrations).toEqual([
      {
        call: 'registerSchemesAsPrivileged',
        ready: false,
        schemes: [{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }],
      },
    ]);
  });

  it('handles the app scheme once ready, then opens the window on app://harvester/index.html', () => {
    const order = events.map((e) => e.call);
    expect(events.find((e) => e.call === 'protocol.handle')).toEqual({
      call: 'protocol.handle',
      ready: true,
      scheme: 'app',
    });
    expect(order.indexOf('protocol.handle')).toBeLessThan(order.indexOf('loadURL'));
    expect(events.find((e) => e.call === 'loadURL')?.url).toBe(APP_PAGE_URL);
  });

  it('gives the window the preload bundled beside main', () => {
    expect(events.find((e) => e.call === 'new BrowserWindow')?.preload).toBe(
      path.join(mainDir, 'preload.cjs'),
    );
  });

  it('serves the renderer build beside it, with the Content-Security-Policy, through the scheme', () => {
    const served = events.filter((e) => e.call === 'served');
    expect(served).toEqual([
      {
        call: 'served',
        url: APP_PAGE_URL,
        status: 200,
        contentType: 'text/html; charset=utf-8',
        csp: CONTENT_SECURITY_POLICY,
        body: INDEX_HTML,
      },
      {
        call: 'served',
        url: 'app://harvester/assets/index-abc.js',
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        csp: CONTENT_SECURITY_POLICY,
      },
    ]);
  });
});
