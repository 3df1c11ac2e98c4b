/**
 * `harvester submit` as a real process against the mock Graph on 127.0.0.1: the --json contract, exit codes,
 * progress lines, and a SIGKILL mid-run followed by a second run that completes the job without importing
 * any device twice. Timings are scaled down (mock: one look per import; CLI: hidden --poll-ms).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALREADY_ASSIGNED, OTHER_TENANT } from '../../fakes/mock-graph';
import type { MockGraph } from '../../fakes/mock-graph';
import { buildHash } from '../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../support/temp-dir';
import { OTHER_TENANT as PC_OTHER_TENANT } from '../../fakes/mock-partner-center';
import { CUSTOMER, useMockPartnerCenter } from './partner-center-fixture';
import { TOKEN, useMockGraph } from './submission-fixture';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin/harvester.js');
const temp = useTempDir('harvester-cli-submit-');
const FAST = ['--poll-ms', '20'];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a process (asynchronously: the mock answers from this process's event loop). */
function harvester(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  killWhen?: (stderr: string) => boolean,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: {
        ...process.env,
        LANG: 'en_US.UTF-8',
        HARVESTER_LANG: undefined,
        HARVESTER_LEDGER: undefined,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (killWhen?.(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function csv(serials: readonly string[]): string {
  return temp.file(
    `devices-${serials[0]}.csv`,
    scriptCsv(serials.map((serial) => [serial, '', buildHash({ serial })])),
  );
}

/** A ledger holding these devices, through the CLI. */
async function ledgerWith(serials: readonly string[]): Promise<string> {
  const dir = path.join(temp.path(), 'ledger');
  const added = await harvester(['ledger', 'add', csv(serials), '--ledger', dir]);
  expect(added.code, added.stderr).toBe(0);
  return dir;
}

function graphEnv(graph: MockGraph): Record<string, string> {
  return { HARVESTER_GRAPH_URL: graph.url, HARVESTER_TOKEN: TOKEN };
}

const serials = (count: number, prefix = 'PF') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);

describe('harvester submit', () => {
  const mockGraph = useMockGraph();

  it('prints exactly the contract object and exits 0 when every device is registered or already there', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1, outcomes: { PF0002: [ALREADY_ASSIGNED] } });
    const dir = await ledgerWith(serials(3));
    const run = await harvester(
      ['submit', '--to', 'graph', '--ledger', dir, '--json', ...FAST],
      graphEnv(graph),
    );

    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { devices: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['devices']);
    for (const d of out.devices) expect(Object.keys(d)).toEqual(['serial', 'state', 'errorCode', 'message']);
    expect(out.devices.map((d) => [d.serial, d.state, d.errorCode])).toEqual([
      ['PF0001', 'registered', null],
      ['PF0002', 'already-registered', '806'],
      ['PF0003', 'registered', null],
    ]);
    expect(out.devices[1]?.message).toContain('already registered');
    expect(graph.lastImportBody('PF0001')).toMatchObject({ groupTag: 'Microsoft365Managed_Autopilot' });
  });

  it('exits 1 with the explanation when a device is held by another tenant (808)', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1, outcomes: { PF0001: [OTHER_TENANT] } });
    const dir = await ledgerWith(serials(2));
    const run = await harvester(
      ['submit', '--to', 'graph', '--ledger', dir, '--json', ...FAST],
      graphEnv(graph),
    );

    expect(run.code, run.stderr).toBe(1);
    const out = JSON.parse(run.stdout) as {
      devices: { serial: string; state: string; errorCode: string | null; message: string }[];
    };
    expect(out.devices[0]).toMatchObject({ serial: 'PF0001', state: 'failed', errorCode: '808' });
    expect(out.devices[0]?.message).toContain('deregister');
    expect(out.devices[1]).toMatchObject({ state: 'registered', errorCode: null });
  });

  it('prints one progress line per device state change on stderr, in the chosen language', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1, outcomes: { PF0002: [OTHER_TENANT] } });
    const dir = await ledgerWith(serials(2));
    const run = await harvester(['submit', '--to', 'graph', '--ledger', dir, ...FAST], graphEnv(graph));
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Submitting 2 devices to Microsoft Graph with the group tag Microsoft365Managed_Autopilot/,
    );
    expect(lines.filter((l) => l.startsWith('PF0001:'))).toEqual([
      'PF0001: sent, Microsoft is processing it',
      'PF0001: registered',
    ]);
    expect(lines.filter((l) => l.startsWith('PF0002:'))).toEqual([
      'PF0002: sent, Microsoft is processing it',
      expect.stringMatching(/^PF0002: failed: This device is registered in another organisation.* \[808\]$/),
    ]);
    expect(run.stdout).toContain('1 registered, 0 already registered, 1 failed.');

    const ja = await harvester(
      ['submit', '--to', 'graph', '--ledger', dir, '--new', '--lang', 'ja', ...FAST],
      graphEnv(graph),
    );
    expect(ja.stderr).toContain('PF0002: 失敗しました');
    expect(ja.stderr).not.toContain('PF0001');
  });

  it('submits devices from CSV files without a ledger, leaving rejected rows out', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1 });
    const good = csv(['PF0001']);
    const bad = temp.file('bad.csv', scriptCsv([['PF0009', '', 'not-a-hash']]));
    const run = await harvester(['submit', '--to', 'graph', good, bad, '--json', ...FAST], graphEnv(graph));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ devices: [{ serial: 'PF0001', state: 'registered' }] });
    expect(run.stderr).toContain('not journaled');
    expect(run.stderr).toMatch(/rejected .*bad\.csv:2 hash-invalid/);

    const clean = await harvester(['submit', '--to', 'graph', good, '--json', ...FAST], graphEnv(graph));
    expect(clean.code).toBe(0);
  });

  it.each([
    ['an unknown service', ['--to', 'intune'], /Unknown service "intune"/],
    ['no service', [], /--to graph/],
    ['partner-center without --customer', ['--to', 'partner-center'], /--customer TENANT_ID/],
    [
      'a customer that is not a tenant id',
      ['--to', 'partner-center', '--customer', 'contoso'],
      /not a tenant ID/,
    ],
    [
      'both --ledger and files',
      ['--to', 'graph', '--ledger', 'x', 'a.csv'],
      /either --ledger DIR or CSV files/,
    ],
    [
      'a near-miss tag',
      ['--to', 'graph', '--tag', 'Microsoft365Managed-Autopilot'],
      /Did you mean "Microsoft365Managed_Autopilot"/,
    ],
    ['a custom tag without --allow-custom-tag', ['--to', 'graph', '--tag', 'Site-B'], /--allow-custom-tag/],
    ['--customer with graph', ['--to', 'graph', '--customer', CUSTOMER], /partner-center only/],
    [
      '--sync with partner-center',
      ['--to', 'partner-center', '--customer', CUSTOMER, '--sync'],
      /Partner Center has no Autopilot sync/,
    ],
  ])('exits 2 for %s', async (_name, args, message) => {
    const run = await harvester(['submit', ...args], {
      HARVESTER_TOKEN: TOKEN,
      HARVESTER_GRAPH_URL: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('exits 2 and says how to set HARVESTER_TOKEN when there is no token', async () => {
    const run = await harvester(['submit', '--to', 'graph', '--ledger', temp.path()], {
      HARVESTER_TOKEN: undefined,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HARVESTER_TOKEN');
  });

  it('completes a job killed mid-run on the next run, importing no device twice', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1 });
    const list = serials(12);
    const dir = await ledgerWith(list);
    const args = ['submit', '--to', 'graph', '--ledger', dir, '--concurrency', '3', ...FAST];

    const killed = await harvester(
      args,
      graphEnv(graph),
      (stderr) => (stderr.match(/: registered$/gm) ?? []).length >= 4,
    );
    expect(killed.code).toBeNull();
    const done = (killed.stderr.match(/^(\S+): registered$/gm) ?? []).map((l) => l.split(':')[0]);
    expect(done.length).toBeGreaterThanOrEqual(4);
    expect(done.length).toBeLessThan(list.length);

    const resumed = await harvester([...args, '--json'], graphEnv(graph));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming the unfinished job/);
    for (const serial of done) expect(resumed.stderr).not.toContain(`${serial}: sent`);
    const out = JSON.parse(resumed.stdout) as { devices: { serial: string; state: string }[] };
    expect(out.devices.map((d) => d.serial)).toEqual(list);
    expect(out.devices.every((d) => d.state === 'registered')).toBe(true);
    for (const serial of list) expect(graph.importsOf(serial), serial).toBe(1);
    // A device journaled `registered` just before the kill may keep its complete import record (the kill came
    // before the delete, maybe before its progress line): harmless, never a second import, and the resumed
    // run did not handle it again (the journal already had it registered).
    for (const left of graph.liveRecords()) {
      expect(left.status).toBe('complete');
      expect(resumed.stderr.split('\n')).not.toContain(`${left.serialNumber}: registered`);
    }
  });
});

describe('harvester submit --to partner-center', () => {
  const mockPartnerCenter = useMockPartnerCenter();
  const env = (url: string) => ({ HARVESTER_PARTNER_CENTER_URL: url, HARVESTER_TOKEN: TOKEN });

  it('registers the devices for the customer and keeps the same contract (808: exit 1)', async () => {
    const mock = await mockPartnerCenter({ looksUntilFinished: 1, outcomes: { PF0002: [PC_OTHER_TENANT] } });
    const dir = await ledgerWith(serials(3));
    const run = await harvester(
      ['submit', '--to', 'partner-center', '--customer', CUSTOMER, '--ledger', dir, '--json', ...FAST],
      env(mock.url),
    );
    expect(run.code, run.stderr).toBe(1);
    const out = JSON.parse(run.stdout) as { devices: Record<string, unknown>[] };
    expect(out.devices.map((d) => [d.serial, d.state, d.errorCode])).toEqual([
      ['PF0001', 'registered', null],
      ['PF0002', 'failed', '808'],
      ['PF0003', 'registered', null],
    ]);
    // The batch is named by the tag, exactly.
    expect([...mock.batches(CUSTOMER).keys()]).toEqual(['Microsoft365Managed_Autopilot']);
  });

  it('uploads each device as hash + serial only, without the maker and model the ledger knows', async () => {
    const mock = await mockPartnerCenter({ looksUntilFinished: 1 });
    const dir = await ledgerWith(serials(1));
    const run = await harvester(
      ['submit', '--to', 'partner-center', '--customer', CUSTOMER, '--ledger', dir, '--json', ...FAST],
      env(mock.url),
    );
    expect(run.code, run.stderr).toBe(0);
    // The ledger decoded maker and model from the hash (buildHash's defaults); beside a hash they are not
    // a documented combination, so they stay home.
    const body = mock.lastUploadBody('PF0001') as { batchId: string; devices: Record<string, unknown>[] };
    expect(body.batchId).toBe('Microsoft365Managed_Autopilot');
    expect(body.devices.map((d) => Object.keys(d).sort())).toEqual([['hardwareHash', 'serialNumber']]);
  });

  it('follows the accepted upload after a kill instead of uploading the devices again', async () => {
    const mock = await mockPartnerCenter({ looksUntilFinished: 12 });
    const list = serials(5);
    const dir = await ledgerWith(list);
    const args = ['submit', '--to', 'partner-center', '--customer', CUSTOMER, '--ledger', dir, ...FAST];

    const killed = await harvester(args, env(mock.url), (stderr) => /: sent/.test(stderr));
    expect(killed.code).toBeNull();
    const resumed = await harvester([...args, '--json'], env(mock.url));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming the unfinished job/);
    for (const serial of list) expect(mock.uploadsOf(serial), serial).toBe(1);
  });
});
