import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { main } from '../../../../electron/cli/main';
import { Ledger } from '../../../../electron/ledger/ledger';
import { buildHash } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LANG: 'en_US.UTF-8', ...env },
    isTty: false,
  };
  return { code: await main(args, io), stdout, stderr };
}

const A = buildHash({ serial: 'PF3AAAA1' });
const A_AGAIN = buildHash({ serial: 'PF3AAAA1', nonce: 4 });
const B = buildHash({ serial: 'PF3BBBB2' });
const C = buildHash({ serial: 'PF3CCCC3' });

describe('harvester ledger add', () => {
  const temp = useTempDir();

  it('prints added, duplicate and rejected lines, one per row', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const input = temp.file(
      'in.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3AAAA1', '', A_AGAIN],
        ['Default string', '', C],
      ]),
    );
    const result = await run(['ledger', 'add', input, '--ledger', ledger]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `added PF3AAAA1\nduplicate PF3AAAA1\nrejected ${input}:4 serial-placeholder\n`,
    );
  });

  it('recognises devices already in the ledger on a second import', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    await run(['ledger', 'add', input, '--ledger', ledger]);
    const again = temp.file(
      'again.csv',
      scriptCsv([
        ['PF3AAAA1', '', A_AGAIN],
        ['PF3BBBB2', '', B],
      ]),
    );
    expect((await run(['ledger', 'add', again, '--ledger', ledger])).stdout).toBe(
      'duplicate PF3AAAA1\nadded PF3BBBB2\n',
    );
  });

  it('counts devices added, already there and rejected apart in the summary', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    await run(['ledger', 'add', temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', ledger]);
    const again = temp.file(
      'again.csv',
      scriptCsv([
        ['PF3AAAA1', '', A_AGAIN],
        ['PF3BBBB2', '', B],
        ['PF3CCCC3', '', 'not-a-hash'],
      ]),
    );

    const result = await run(['ledger', 'add', again, '--ledger', ledger]);

    expect(result.stderr).toContain(`: 1 device added, 1 already there; 1 rejected.`);
  });

  it('prints added for new hardware of a device already there, and says so on stderr', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    await run(['ledger', 'add', temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', ledger]);
    const newDisk = buildHash({ serial: 'PF3AAAA1', diskSerials: ['NEW-DISK'] });
    const result = await run([
      'ledger',
      'add',
      temp.file('later.csv', scriptCsv([['PF3AAAA1', '', newDisk]])),
      '--ledger',
      ledger,
    ]);
    expect(result.stdout).toBe('added PF3AAAA1\n');
    expect(result.stderr).toContain('the newer hash was recorded');
  });

  it('uses the folder named by HARVESTER_LEDGER', async () => {
    const ledger = path.join(temp.path(), 'from-env');
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    await run(['ledger', 'add', input], { HARVESTER_LEDGER: ledger });
    const list = await run(['ledger', 'list', '--json'], { HARVESTER_LEDGER: ledger });
    expect(
      (JSON.parse(list.stdout) as { devices: { serial: string }[] }).devices.map((d) => d.serial),
    ).toEqual(['PF3AAAA1']);
  });

  it('exits 1 when nothing could be added', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const result = await run(['ledger', 'add', path.join(temp.path(), 'missing.csv'), '--ledger', ledger]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`rejected ${path.join(temp.path(), 'missing.csv')}:0 unreadable-file\n`);
  });
});

describe('harvester ledger list', () => {
  const temp = useTempDir();

  it('lists devices with the contract fields first', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    await run(['ledger', 'add', input, '--ledger', ledger]);
    const result = await run(['ledger', 'list', '--ledger', ledger, '--json']);
    expect(result.code).toBe(0);
    const devices = (JSON.parse(result.stdout) as { devices: Record<string, unknown>[] }).devices;
    expect(Object.keys(devices[0]!).slice(0, 5)).toEqual([
      'serial',
      'manufacturer',
      'model',
      'groupTag',
      'state',
    ]);
    expect(devices[0]).toMatchObject({
      serial: 'PF3AAAA1',
      manufacturer: 'LENOVO',
      model: '20XW0026JP',
      groupTag: '',
      state: 'new',
      source: { kind: 'imported', file: input, line: 2 },
    });
  });
});

describe('harvester ledger list while the ledger is in use', () => {
  const temp = useTempDir();

  it('lists the devices while another command holds the ledger open', async () => {
    const dir = path.join(temp.path(), 'ledger');
    await run(['ledger', 'add', temp.file('a.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', dir]);
    const holder = await Ledger.open({ dir });
    try {
      const result = await run(['ledger', 'list', '--ledger', dir, '--json']);
      expect(result.code).toBe(0);
      expect(
        (JSON.parse(result.stdout) as { devices: { serial: string }[] }).devices.map((d) => d.serial),
      ).toEqual(['PF3AAAA1']);
      const add = await run([
        'ledger',
        'add',
        temp.file('b.csv', scriptCsv([['PF3BBBB2', '', B]])),
        '--ledger',
        dir,
      ]);
      expect(add.code).toBe(1);
      expect(add.stderr).toContain('in use by another Autopilot Harvester');
    } finally {
      await holder.close();
    }
  });
});

describe('harvester ledger remove and restore', () => {
  const temp = useTempDir();

  it('removes a device as a recorded event and brings it back with restore', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    await run([
      'ledger',
      'add',
      temp.file(
        'a.csv',
        scriptCsv([
          ['PF3AAAA1', '', A],
          ['PF3BBBB2', '', B],
        ]),
      ),
      '--ledger',
      ledger,
    ]);
    const removed = await run(['ledger', 'remove', 'PF3AAAA1', '--ledger', ledger]);
    expect(removed).toMatchObject({ code: 0, stdout: 'removed PF3AAAA1\n' });
    const serials = async (...extra: string[]) =>
      (
        JSON.parse((await run(['ledger', 'list', '--ledger', ledger, '--json', ...extra])).stdout) as {
          devices: { serial: string; state: string }[];
        }
      ).devices.map((d) => `${d.serial}:${d.state}`);
    expect(await serials()).toEqual(['PF3BBBB2:new']);
    expect(await serials('--all')).toEqual(['PF3AAAA1:deleted', 'PF3BBBB2:new']);
    expect((await run(['ledger', 'restore', 'PF3AAAA1', '--ledger', ledger])).stdout).toBe(
      'restored PF3AAAA1\n',
    );
    expect(await serials()).toEqual(['PF3AAAA1:new', 'PF3BBBB2:new']);
  });

  it('says which names it could not find and exits 1', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    await run(['ledger', 'add', temp.file('a.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', ledger]);
    const result = await run(['ledger', 'remove', 'NOPE', '--ledger', ledger]);
    expect(result).toMatchObject({ code: 1, stdout: 'not-found NOPE\n' });
  });
});

describe('harvester export', () => {
  const temp = useTempDir();

  it('writes the ledger devices into --out and marks them exported', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const out = path.join(temp.path(), 'usb');
    const input = temp.file(
      'in.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3BBBB2', '', B],
      ]),
    );
    await run(['ledger', 'add', input, '--ledger', ledger]);
    const result = await run(['export', '--ledger', ledger, '--out', out, '--format', 'intune', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { files: { path: string; devices: number }[] };
    expect(report.files.map((f) => f.devices)).toEqual([2]);
    expect(readFileSync(report.files[0]!.path, 'latin1')).toBe(
      'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag\r\n' +
        `PF3AAAA1,,${A},Microsoft365Managed_Autopilot\r\nPF3BBBB2,,${B},Microsoft365Managed_Autopilot\r\n`,
    );
    const list = JSON.parse((await run(['ledger', 'list', '--ledger', ledger, '--json'])).stdout) as {
      devices: { state: string; exports: { file: string }[] }[];
    };
    expect(list.devices.map((d) => d.state)).toEqual(['exported', 'exported']);
    expect(list.devices[0]!.exports.map((e) => e.file)).toEqual([report.files[0]!.path]);
  });

  it('exports only devices never exported with --new', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const out = path.join(temp.path(), 'usb');
    await run(['ledger', 'add', temp.file('a.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', ledger]);
    await run(['export', '--ledger', ledger, '--out', out]);
    await run(['ledger', 'add', temp.file('b.csv', scriptCsv([['PF3BBBB2', '', B]])), '--ledger', ledger]);
    const result = await run(['export', '--ledger', ledger, '--out', out, '--new', '--json']);
    const report = JSON.parse(result.stdout) as { devices: { serial: string }[] };
    expect(report.devices.map((d) => d.serial)).toEqual(['PF3BBBB2']);
    const none = await run(['export', '--ledger', ledger, '--out', out, '--new']);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('Nothing was exported.');
  });

  it('uses the tag given with --tag for every device', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    await run(['ledger', 'add', temp.file('a.csv', scriptCsv([['PF3AAAA1', '', A]])), '--ledger', ledger]);
    const result = await run([
      'export',
      '--ledger',
      ledger,
      '--out',
      path.join(temp.path(), 'usb'),
      '--tag',
      'Microsoft365Managed_Kiosk',
      '--json',
    ]);
    expect((JSON.parse(result.stdout) as { devices: { groupTag: string }[] }).devices[0]!.groupTag).toBe(
      'Microsoft365Managed_Kiosk',
    );
  });

  it('exits 2 without --out', async () => {
    const result = await run(['export', '--ledger', temp.path()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give --out.');
  });
});
