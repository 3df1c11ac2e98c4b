import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeJournalLine } from '../../../../electron/ledger/journal';
import { hashText } from '../../../../shared/hardware-hash';
import {
  JOURNAL_FILE,
  Ledger,
  LedgerError,
  READ_ONLY_LEDGER,
  deviceIdFor,
} from '../../../../electron/ledger/ledger';
import { fileURLToPath } from 'node:url';
import { useTempDir } from '../../../support/temp-dir';
import { again, collected, deviceRow, deviceRows, imported, replacedDisk } from './device-rows';
import { faultyFs } from './faulty-fs';
import { nodeProcessSystem } from '../../../../electron/ledger/process-identity';

const temp = useTempDir('harvester-ledger-');
const open: Ledger[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close().catch(() => undefined)));
});

function dir(name = 'ledger'): string {
  return path.join(temp.path(), name);
}

async function openLedger(options: Partial<Parameters<typeof Ledger.open>[0]> = {}): Promise<Ledger> {
  const ledger = await Ledger.open({ dir: dir(), ...options });
  open.push(ledger);
  return ledger;
}

async function reopen(
  ledger: Ledger,
  options: Partial<Parameters<typeof Ledger.open>[0]> = {},
): Promise<Ledger> {
  await ledger.close();
  return openLedger({ dir: ledger.dir, ...options });
}

const lockChild = fileURLToPath(new URL('../../../integration/ledger/lock-child.ts', import.meta.url));

/** Another process that opens the ledger in `ledgerDir` and holds it until `stop`. */
async function lockHolder(ledgerDir: string): Promise<{ readonly pid: number; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', lockChild, ledgerDir], { cwd: process.cwd() });
  const exited = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  const stop = async () => {
    proc.stdin.end();
    await exited;
  };
  let stdout = '';
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  let told = false;
  const answer = await new Promise<string>((resolve) => {
    proc.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
      if (!told && stdout.includes('ready\n')) {
        told = true;
        proc.stdin.write('go\n');
      }
      const line = stdout.split('\n').find((l) => l.startsWith('won') || l === 'locked');
      if (line !== undefined) resolve(line);
    });
    void exited.then(() => resolve(`exited: ${stderr}`));
  });
  if (!answer.startsWith('won')) {
    await stop();
    throw new Error(`the other process could not open the ledger: ${answer}`);
  }
  return { pid: proc.pid!, stop };
}

function journalText(name = 'ledger'): string {
  return readFileSync(path.join(dir(name), JOURNAL_FILE), 'utf8');
}

async function rejection(promise: Promise<unknown>): Promise<LedgerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

const A = { serial: 'PF3AAAA1' };
const B = { serial: 'PF3BBBB2' };

describe('deviceIdFor', () => {
  it('is the first 16 hex of SHA-256 of [manufacturer, model, serial]', () => {
    const expected = createHash('sha256').update('["LENOVO","20XW","PF3A"]').digest('hex').slice(0, 16);

    expect(deviceIdFor({ serial: 'PF3A', manufacturer: 'LENOVO', model: '20XW' })).toBe(expected);
  });

  it('is the same for every collection of the same device', () => {
    expect(deviceIdFor(deviceRow(again(A, 1)))).toBe(deviceIdFor(deviceRow(again(A, 2))));
  });
});

describe('adding devices', () => {
  it('adds a new device and keeps it across reopening', async () => {
    const ledger = await openLedger();
    const [outcome] = await ledger.addRows([deviceRow(A, { productId: '3305404496774' })], imported);

    expect(outcome?.kind).toBe('added');
    const reopened = await reopen(ledger);
    expect(reopened.list()).toEqual([outcome?.device]);
    expect(reopened.list()[0]).toMatchObject({
      serial: 'PF3AAAA1',
      productId: '3305404496774',
      state: 'new',
    });
  });

  it('keeps the hash as base64 text and the hardware fingerprint', async () => {
    const row = deviceRow(A);
    const ledger = await openLedger();
    const [outcome] = await ledger.addRows([row], imported);

    expect(outcome?.device.hash).toBe(hashText(row.hash));
    expect(outcome?.device.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports the same hardware again as a duplicate and keeps the sighting in the history', async () => {
    const ledger = await openLedger();
    await ledger.addRows([deviceRow(again(A, 1))], imported);
    const [outcome] = await ledger.addRows([deviceRow(again(A, 2))], collected);

    expect(outcome?.kind).toBe('duplicate');
    expect(ledger.list()).toHaveLength(1);
    expect(outcome?.device.history.map((r) => r.event)).toMatchObject([
      { type: 'device-added', source: { kind: 'imported', file: 'devices.csv' } },
      { type: 'device-seen', source: { kind: 'collected', computerName: 'DESKTOP-TECH01' } },
    ]);
  });

  it('keeps the later hash when the same device comes with different hardware', async () => {
    const ledger = await openLedger();
    const [first] = await ledger.addRows([deviceRow(A)], imported);
    const [outcome] = await ledger.addRows([deviceRow(replacedDisk(A), { groupTag: 'Site-B' })], imported);

    expect(outcome?.kind).toBe('replaced');
    expect(outcome?.device.fingerprint).not.toBe(first?.device.fingerprint);
    expect(outcome?.device.groupTag).toBe('Site-B');
    expect(ledger.list()).toHaveLength(1);
  });

  it('keeps the Windows Product ID a CSV brought when the device is collected with new hardware', async () => {
    const ledger = await openLedger();
    await ledger.addRows([deviceRow(A, { productId: '3305404496774' })], imported);
    const [outcome] = await ledger.addRows([deviceRow(replacedDisk(A), { productId: '' })], collected);

    expect(outcome?.kind).toBe('replaced');
    expect(outcome?.device.productId).toBe('3305404496774');
  });

  it('takes a new Windows Product ID when the replacing row carries one', async () => {
    const ledger = await openLedger();
    await ledger.addRows([deviceRow(A, { productId: '3305404496774' })], imported);
    const [outcome] = await ledger.addRows(
      [deviceRow(replacedDisk(A), { productId: '3305404496775' })],
      imported,
    );

    expect(outcome?.device.productId).toBe('3305404496775');
  });

  it('recognises a device that appears twice in one batch', async () => {
    const ledger = await openLedger();
    const outcomes = await ledger.addRows([deviceRow(again(A, 1)), deviceRow(again(A, 2))], imported);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'duplicate']);
    expect(ledger.list()).toHaveLength(1);
  });

  it('brings a deleted device back when it comes again and reports it as added', async () => {
    const ledger = await openLedger();
    const [first] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.remove([first!.device.id]);
    const [outcome] = await ledger.addRows([deviceRow(again(A, 5))], collected);

    expect(outcome?.kind).toBe('added');
    expect(outcome?.device.state).toBe('new');
    expect(outcome?.device.history.map((r) => r.event.type)).toEqual([
      'device-added',
      'devices-deleted',
      'devices-restored',
      'device-seen',
    ]);
  });

  it('fsyncs the journal once per batch', async () => {
    const fs = faultyFs();
    const ledger = await openLedger({ fs });
    fs.syncs.length = 0;
    await ledger.addRows(deviceRows('SN', 25), imported);

    expect(fs.syncs.filter((f) => f.endsWith(JOURNAL_FILE))).toHaveLength(1);
  });

  it('adds nothing and writes nothing for an empty batch', async () => {
    const ledger = await openLedger();

    expect(await ledger.addRows([], imported)).toEqual([]);
    expect(existsSync(path.join(dir(), JOURNAL_FILE))).toBe(false);
  });

  it('runs concurrent batches one after another', async () => {
    const ledger = await openLedger();
    const [one, two] = await Promise.all([
      ledger.addRows([deviceRow(again(A, 1))], imported),
      ledger.addRows([deviceRow(again(A, 2))], imported),
    ]);

    expect([one?.[0]?.kind, two?.[0]?.kind]).toEqual(['added', 'duplicate']);
  });
});

describe('exporting, deleting and restoring', () => {
  it('marks exported devices with the file, format and group tag', async () => {
    const ledger = await openLedger({ now: () => new Date('2025-11-24T12:00:00Z') });
    const [a, b] = await ledger.addRows([deviceRow(A), deviceRow(B)], imported);
    await ledger.recordExport([a!.device.id], 'E:\\out.csv', 'intune', 'Site-B');

    const reopened = await reopen(ledger);
    expect(reopened.get(a!.device.id)).toMatchObject({
      state: 'exported',
      exports: [
        { file: 'E:\\out.csv', format: 'intune', groupTag: 'Site-B', at: '2025-11-24T12:00:00.000Z' },
      ],
    });
    expect(reopened.get(b!.device.id)?.state).toBe('new');
  });

  it('refuses to record an export of a device it does not know, writing nothing', async () => {
    const ledger = await openLedger();
    await ledger.addRows([deviceRow(A)], imported);
    const before = journalText();

    await expect(ledger.recordExport(['0000000000000000'], 'x.csv', 'intune', '')).rejects.toThrow(
      RangeError,
    );
    expect(journalText()).toBe(before);
  });

  it('deletes a device as a recorded event that restore undoes', async () => {
    const ledger = await openLedger();
    const [a] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.remove([a!.device.id]);
    expect(ledger.list()).toEqual([]);
    expect(ledger.list({ includeDeleted: true }).map((d) => d.state)).toEqual(['deleted']);

    await ledger.restore([a!.device.id]);
    const reopened = await reopen(ledger);
    expect(reopened.list().map((d) => d.serial)).toEqual(['PF3AAAA1']);
    expect(reopened.list()[0]?.history.map((r) => r.event.type)).toEqual([
      'device-added',
      'devices-deleted',
      'devices-restored',
    ]);
  });

  it('writes nothing when deleting a device already deleted', async () => {
    const ledger = await openLedger();
    const [a] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.remove([a!.device.id]);
    const before = journalText();
    await ledger.remove([a!.device.id]);

    expect(journalText()).toBe(before);
  });
});

describe('opening a journal', () => {
  it('skips a torn last line, reports it, and leaves the file as it was', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 3), imported);
    await ledger.close();
    const file = path.join(dir(), JOURNAL_FILE);
    appendFileSync(file, '{"id":"torn","seq":9,"at":"2025-');
    const before = readFileSync(file);

    const reopened = await openLedger();

    expect(reopened.report).toMatchObject({ records: 3, devices: 3, skipped: [{ line: 4, reason: 'torn' }] });
    expect(readFileSync(file)).toEqual(before);
  });

  it('cuts a torn last line off before the next append, so it is reported once and never as damage', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 2), imported);
    await ledger.close();
    appendFileSync(path.join(dir(), JOURNAL_FILE), '{"id":"torn"');
    const second = await openLedger();
    expect(second.report.skipped).toEqual([{ line: 3, reason: 'torn' }]);
    await second.addRows([deviceRow(A)], imported);

    const third = await reopen(second);

    expect(third.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002', 'PF3AAAA1']);
    expect(third.report.skipped).toEqual([]);
    expect(journalText()).not.toContain('"torn"');
  });

  it('cuts a torn last line of the mirror off before appending to it', async () => {
    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.addRows(deviceRows('SN', 2), imported);
    await ledger.close();
    appendFileSync(path.join(dir('mirror'), JOURNAL_FILE), '{"id":"torn"');
    const second = await openLedger({ mirrorDir: dir('mirror') });
    await second.addRows([deviceRow(A)], imported);
    await second.close();

    expect(journalText('mirror')).toBe(journalText());
  });

  it('continues numbering records after the highest sequence number read', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 3), imported);
    const reopened = await reopen(ledger);
    const [outcome] = await reopened.addRows([deviceRow(A)], imported);

    expect(outcome?.device.history[0]?.seq).toBe(4);
  });
});

describe('the ledger lock', () => {
  it('refuses a second open of the same ledger and says which process holds it', async () => {
    await openLedger();
    const error = await rejection(Ledger.open({ dir: dir() }));

    expect(error.kind).toBe('locked');
    expect(error.file).toBe(path.join(dir(), 'ledger.lock'));
    expect(error.message).toContain(`process ${process.pid} on ${os.hostname()}`);
  });

  it('can be opened again after close', async () => {
    const ledger = await openLedger();
    await ledger.close();

    await expect(openLedger()).resolves.toBeInstanceOf(Ledger);
  });

  it('takes over a lock left by a process that no longer runs and reports it', async () => {
    mkdirSync(dir(), { recursive: true });
    const stale = { pid: 2 ** 30, hostname: os.hostname(), since: '2025-11-24T00:00:00.000Z', token: 'old' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(stale));

    const ledger = await openLedger();

    expect(ledger.report.recoveredStaleLock).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir(), 'ledger.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
  });

  it('takes over a lock from an earlier boot whose PID now belongs to a running process', async () => {
    mkdirSync(dir(), { recursive: true });
    // Our own PID is certainly alive: as after a reboot, when the number went to another process.
    const earlierBoot = {
      pid: process.pid,
      hostname: os.hostname(),
      since: '2025-11-24T00:00:00.000Z',
      token: 'old',
      bootId: '00000000-0000-4000-8000-000000000000',
      bootedAt: '2025-11-23T08:00:00.000Z',
    };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(earlierBoot));

    const ledger = await openLedger();

    expect(ledger.report.recoveredStaleLock).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir(), 'ledger.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      bootedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('treats a lock of a running process with the same boot and start marks as held', async () => {
    mkdirSync(dir(), { recursive: true });
    const running = {
      pid: process.pid,
      hostname: os.hostname(),
      since: '2025-11-24T00:00:00.000Z',
      token: 'mine',
      ...nodeProcessSystem.marks(process.pid),
    };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(running));

    expect((await rejection(Ledger.open({ dir: dir() }))).kind).toBe('locked');
  });

  it('treats a lock without boot marks (an older version) of a running PID as held', async () => {
    mkdirSync(dir(), { recursive: true });
    const old = { pid: process.pid, hostname: os.hostname(), since: '2025-11-24T00:00:00.000Z', token: 'o' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(old));

    expect((await rejection(Ledger.open({ dir: dir() }))).kind).toBe('locked');
  });

  it('treats a lock taken on another computer as held', async () => {
    mkdirSync(dir(), { recursive: true });
    const other = { pid: 2 ** 30, hostname: 'OTHER-LAPTOP', since: '2025-11-24T00:00:00.000Z', token: 't' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(other));

    const error = await rejection(Ledger.open({ dir: dir() }));

    expect(error.kind).toBe('locked');
    expect(error.message).toContain('OTHER-LAPTOP');
  });

  it('clears a takeover left unfinished by a process that no longer runs', async () => {
    mkdirSync(dir(), { recursive: true });
    const gone = { pid: 2 ** 30, hostname: os.hostname(), since: '2025-11-24T00:00:00.000Z', token: 'old' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(gone));
    writeFileSync(path.join(dir(), 'ledger.lock.takeover'), JSON.stringify({ ...gone, token: 'guard' }));

    const ledger = await openLedger();

    expect(ledger.report.recoveredStaleLock).toBe(true);
    expect(readdirSync(dir()).sort()).toEqual(['ledger.lock']);
  });

  it('treats a stale lock as held while a running process is taking it over', async () => {
    mkdirSync(dir(), { recursive: true });
    const gone = { pid: 2 ** 30, hostname: os.hostname(), since: '2025-11-24T00:00:00.000Z', token: 'old' };
    const taking = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString(), token: 't' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(gone));
    writeFileSync(path.join(dir(), 'ledger.lock.takeover'), JSON.stringify(taking));

    const error = await rejection(Ledger.open({ dir: dir() }));

    expect(error.kind).toBe('locked');
    expect(JSON.parse(readFileSync(path.join(dir(), 'ledger.lock'), 'utf8'))).toEqual(gone);
  });

  it('clears a takeover guard once it is old, even if its process still runs', async () => {
    mkdirSync(dir(), { recursive: true });
    const gone = { pid: 2 ** 30, hostname: os.hostname(), since: '2025-11-24T00:00:00.000Z', token: 'old' };
    const stuck = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString(), token: 't' };
    writeFileSync(path.join(dir(), 'ledger.lock'), JSON.stringify(gone));
    writeFileSync(path.join(dir(), 'ledger.lock.takeover'), JSON.stringify(stuck));
    const later = () => new Date(Date.now() + 60_000);

    const ledger = await openLedger({ now: later });

    expect(ledger.report.recoveredStaleLock).toBe(true);
  });

  it('treats an unreadable lock as held while it is fresh', async () => {
    mkdirSync(dir(), { recursive: true });
    writeFileSync(path.join(dir(), 'ledger.lock'), '');

    expect((await rejection(Ledger.open({ dir: dir() }))).kind).toBe('locked');
  });

  it('takes over an unreadable lock once it is old', async () => {
    mkdirSync(dir(), { recursive: true });
    writeFileSync(path.join(dir(), 'ledger.lock'), '');
    const later = () => new Date(Date.now() + 60_000);

    const ledger = await openLedger({ now: later });

    expect(ledger.report.recoveredStaleLock).toBe(true);
  });

  it('removes its lock on close', async () => {
    const ledger = await openLedger();
    await ledger.close();

    expect(existsSync(path.join(dir(), 'ledger.lock'))).toBe(false);
  });

  it('rejects operations after close', async () => {
    const ledger = await openLedger();
    await ledger.close();

    await expect(ledger.addRows([deviceRow(A)], imported)).rejects.toThrow(/closed/);
  });
});

describe('the mirror', () => {
  it('receives every durable batch', async () => {
    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.addRows(deviceRows('SN', 3), imported);
    await ledger.addRows([deviceRow(A)], imported);
    await ledger.close();

    expect(journalText('mirror')).toBe(journalText());
  });

  it('reports a mirror holding the same records as in sync', async () => {
    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.addRows(deviceRows('SN', 2), imported);

    const reopened = await reopen(ledger, { mirrorDir: dir('mirror') });

    expect(reopened.report.mirror).toEqual({ dir: dir('mirror'), status: 'in-sync' });
  });

  it('repairs a mirror that lacks the latest records by appending them', async () => {
    const first = await openLedger();
    await first.addRows(deviceRows('SN', 2), imported);
    await first.close();
    const withMirror = await openLedger({ mirrorDir: dir('mirror') });
    await withMirror.close();
    const noMirror = await openLedger();
    await noMirror.addRows([deviceRow(A)], imported);
    await noMirror.close();

    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.close();

    expect(ledger.report.mirror?.status).toBe('repaired');
    expect(journalText('mirror')).toBe(journalText());
  });

  it('repairs the primary from a mirror that holds more (a new stick)', async () => {
    const appData = await openLedger({ dir: dir('mirror') });
    await appData.addRows(deviceRows('SN', 3), imported);
    await appData.close();

    const ledger = await openLedger({ mirrorDir: dir('mirror') });

    expect(ledger.report.mirror?.status).toBe('repaired');
    expect(ledger.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002', 'SN0003']);
    expect(journalText()).toBe(journalText('mirror'));
  });

  /** A primary and a mirror that each got devices the other lacks (the stick was used elsewhere). */
  async function diverged(): Promise<void> {
    const common = await openLedger({ mirrorDir: dir('mirror') });
    await common.addRows(deviceRows('SN', 2), imported);
    await common.close();
    const primary = await openLedger();
    await primary.addRows([deviceRow(A)], imported);
    await primary.close();
    const other = await openLedger({ dir: dir('mirror') });
    await other.addRows([deviceRow(B)], imported);
    await other.close();
  }

  function recordIds(name: string): string[] {
    return journalText(name)
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => (JSON.parse(line.slice(0, line.lastIndexOf('\t'))) as { id: string }).id)
      .sort();
  }

  it('gives each of two diverged copies the records it lacks and reports them repaired', async () => {
    await diverged();

    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.close();

    expect(ledger.report.mirror?.status).toBe('repaired');
    expect(
      ledger
        .list()
        .map((d) => d.serial)
        .sort(),
    ).toEqual(['PF3AAAA1', 'PF3BBBB2', 'SN0001', 'SN0002']);
    expect(recordIds('mirror')).toEqual(recordIds('ledger'));
    expect(recordIds('ledger')).toHaveLength(4);
  });

  it('finds the two copies in sync at the next open after merging them', async () => {
    await diverged();
    await (await openLedger({ mirrorDir: dir('mirror') })).close();

    const ledger = await openLedger({ mirrorDir: dir('mirror') });

    expect(ledger.report.mirror?.status).toBe('in-sync');
  });

  it('replays both merged copies to the same devices, though each holds the records in its own order', async () => {
    const common = await openLedger({ mirrorDir: dir('mirror') });
    const [a] = await common.addRows([deviceRow(A)], imported);
    await common.close();
    const primary = await openLedger();
    await primary.recordExport([a!.device.id], 'E:\\out.csv', 'intune', 'T');
    await primary.close();
    const other = await openLedger({ dir: dir('mirror') });
    await other.addRows([deviceRow(replacedDisk(A))], imported);
    await other.close();
    await (await openLedger({ mirrorDir: dir('mirror') })).close();

    const fromPrimary = await openLedger({ readOnly: true });
    const fromMirror = await openLedger({ dir: dir('mirror'), readOnly: true });

    expect(journalText()).not.toBe(journalText('mirror'));
    expect(fromPrimary.list()).toEqual(fromMirror.list());
    expect(fromPrimary.list()[0]?.history).toHaveLength(3);
  });

  it('reports a diverged mirror it cannot complete as diverged, and leaves it alone', async () => {
    await diverged();
    const mirrorBefore = journalText('mirror');
    const fs = faultyFs({ target: path.join('mirror', JOURNAL_FILE), write: 'EIO' });

    const ledger = await openLedger({ mirrorDir: dir('mirror'), fs });
    await ledger.addRows([deviceRow({ serial: 'AFTER1' })], imported);
    await ledger.compact();

    expect(ledger.report.mirror?.status).toBe('diverged');
    expect(
      ledger
        .list()
        .map((d) => d.serial)
        .sort(),
    ).toEqual(['AFTER1', 'PF3AAAA1', 'PF3BBBB2', 'SN0001', 'SN0002']);
    expect(journalText('mirror')).toBe(mirrorBefore);
  });

  it('reports a mirror it cannot create as unavailable and still adds', async () => {
    writeFileSync(dir('blocked'), 'a file where the folder should be');

    const ledger = await openLedger({ mirrorDir: path.join(dir('blocked'), 'ledger') });
    const [outcome] = await ledger.addRows([deviceRow(A)], imported);

    expect(ledger.report.mirror?.status).toBe('unavailable');
    expect(outcome?.kind).toBe('added');
  });

  it('reports a mirror that fails later as unavailable and still acknowledges the batch', async () => {
    const fs = faultyFs();
    const ledger = await openLedger({ mirrorDir: dir('mirror'), fs });
    fs.faults.target = path.join('mirror', JOURNAL_FILE);
    fs.faults.write = 'EIO';

    const [outcome] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.close();

    expect(outcome?.kind).toBe('added');
    expect(ledger.report.mirror?.status).toBe('unavailable');
    expect((await openLedger({ mirrorDir: dir('mirror') })).report.mirror?.status).toBe('repaired');
  });

  it('leaves a mirror another process has locked alone', async () => {
    const appData = await openLedger({ dir: dir('mirror') });

    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.addRows([deviceRow(A)], imported);

    expect(ledger.report.mirror?.status).toBe('unavailable');
    expect(appData.list()).toEqual([]);
    expect(existsSync(path.join(dir('mirror'), JOURNAL_FILE))).toBe(false);
  });
});

describe('a read-only ledger', () => {
  it('lists the devices while another process holds the write lock', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 3), imported);
    await ledger.close();
    const holder = await lockHolder(dir());
    try {
      const reader = await openLedger({ readOnly: true });

      expect(reader.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002', 'SN0003']);
      expect(reader.readOnly).toBe(true);
      expect(JSON.parse(readFileSync(path.join(dir(), 'ledger.lock'), 'utf8'))).toMatchObject({
        pid: holder.pid,
      });
    } finally {
      await holder.stop();
    }
  }, 30_000);

  it('refuses every change with a LedgerError that says it is read-only, and writes nothing', async () => {
    const ledger = await openLedger();
    const [a] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.close();
    const before = journalText();
    const reader = await openLedger({ readOnly: true });
    const id = a!.device.id;

    const errors = await Promise.all([
      rejection(reader.addRows([deviceRow(B)], imported)),
      rejection(reader.recordExport([id], 'E:\\out.csv', 'intune', 'T')),
      rejection(reader.remove([id])),
      rejection(reader.restore([id])),
      rejection(reader.compact()),
    ]);

    for (const error of errors) {
      expect(error).toMatchObject({ kind: 'write-failed', code: READ_ONLY_LEDGER });
      expect(error.message).toMatch(/read-only/);
    }
    expect(journalText()).toBe(before);
    expect(reader.list()).toHaveLength(1);
  });

  it('opens a missing folder as an empty ledger without creating anything', async () => {
    const reader = await openLedger({ dir: dir('missing'), readOnly: true, mirrorDir: dir('mirror') });

    expect(reader.list()).toEqual([]);
    expect(reader.report).toMatchObject({ records: 0, devices: 0, skipped: [], mirror: undefined });
    expect(readdirSync(temp.path())).toEqual([]);
  });

  it('reports a torn last line but leaves it and the lock alone', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 2), imported);
    await ledger.close();
    appendFileSync(path.join(dir(), JOURNAL_FILE), '{"id":"torn"');
    const before = journalText();

    const reader = await openLedger({ readOnly: true });
    await reader.close();

    expect(reader.report.skipped).toEqual([{ line: 3, reason: 'torn' }]);
    expect(journalText()).toBe(before);
    expect(readdirSync(dir())).toEqual([JOURNAL_FILE]);
  });
});

describe('compaction', () => {
  it('drops torn and damaged lines and keeps every record and its history', async () => {
    const ledger = await openLedger();
    const [a] = await ledger.addRows([deviceRow(A)], imported);
    await ledger.recordExport([a!.device.id], 'E:\\out.csv', 'partner-center', 'T');
    await ledger.close();
    appendFileSync(path.join(dir(), JOURNAL_FILE), 'garbage line\n{"id":"torn"');
    const damaged = await openLedger();
    expect(damaged.report.skipped).toHaveLength(2);

    await damaged.compact();
    const compacted = await reopen(damaged);

    expect(compacted.report.skipped).toEqual([]);
    expect(compacted.list()).toEqual(damaged.list());
    expect(compacted.get(a!.device.id)?.history).toHaveLength(2);
  });

  it('compacts on open a journal damaged in the middle, so the damage is reported once', async () => {
    const ledger = await openLedger();
    await ledger.addRows(deviceRows('SN', 2), imported);
    await ledger.close();
    const file = path.join(dir(), JOURNAL_FILE);
    const [first, second] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${first}\nnot a journal line\n${second}\n`);

    const damaged = await openLedger();
    expect(damaged.report.skipped).toEqual([{ line: 2, reason: 'checksum' }]);
    expect(journalText()).not.toContain('not a journal line');
    const again = await reopen(damaged);

    expect(again.report.skipped).toEqual([]);
    expect(again.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002']);
  });

  it('keeps lines from a newer version as they were written', async () => {
    const ledger = await openLedger();
    await ledger.addRows([deviceRow(A)], imported);
    await ledger.close();
    const future = encodeJournalLine({
      id: 'f',
      seq: 99,
      at: '2025-11-24T10:00:00Z',
      event: { type: 'x' },
    } as never);
    appendFileSync(path.join(dir(), JOURNAL_FILE), future);

    const reopened = await openLedger();
    await reopened.compact();

    expect(journalText().endsWith(future)).toBe(true);
  });

  it('compacts the mirror the same way and leaves no temporary files', async () => {
    const ledger = await openLedger({ mirrorDir: dir('mirror') });
    await ledger.addRows(deviceRows('SN', 3), imported);
    await ledger.compact();
    await ledger.close();

    expect(journalText('mirror')).toBe(journalText());
    expect(readdirSync(dir()).sort()).toEqual([JOURNAL_FILE]);
  });
});
