/**
 * Writes that fail the way a full disk or a pulled USB stick fails: nothing acknowledged earlier is lost,
 * the failed batch is not acknowledged or applied, and the error names the file and what to do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, Ledger, LedgerError } from '../../../../electron/ledger/ledger';
import { useTempDir } from '../../../support/temp-dir';
import { deviceRow, deviceRows, imported } from './device-rows';
import { faultyFs } from './faulty-fs';

const temp = useTempDir('harvester-ledger-faults-');
const open: Ledger[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close().catch(() => undefined)));
});

function dir(): string {
  return path.join(temp.path(), 'ledger');
}

function journal(): string {
  return path.join(dir(), JOURNAL_FILE);
}

async function openLedger(fs = faultyFs()): Promise<Ledger> {
  const ledger = await Ledger.open({ dir: dir(), fs });
  open.push(ledger);
  return ledger;
}

async function rejection(promise: Promise<unknown>): Promise<LedgerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

/** A ledger with three devices on disk, and its file system ready to fail. */
async function ledgerWithThree() {
  const fs = faultyFs();
  const ledger = await openLedger(fs);
  await ledger.addRows(deviceRows('SN', 3), imported);
  return { fs, ledger, before: readFileSync(journal()) };
}

describe('a ledger write that fails', () => {
  it('names the journal and says the disk is full on ENOSPC', async () => {
    const { fs, ledger } = await ledgerWithThree();
    fs.faults.write = 'ENOSPC';

    const error = await rejection(ledger.addRows([deviceRow({ serial: 'NEW1' })], imported));

    expect(error).toMatchObject({ kind: 'write-failed', file: journal(), code: 'ENOSPC' });
    expect(error.message).toContain(journal());
    expect(error.message).toMatch(/full/);
  });

  it('says the drive was removed on EIO', async () => {
    const { fs, ledger } = await ledgerWithThree();
    fs.faults.sync = 'EIO';

    const error = await rejection(ledger.addRows([deviceRow({ serial: 'NEW1' })], imported));

    expect(error).toMatchObject({ kind: 'write-failed', code: 'EIO' });
    expect(error.message).toMatch(/removed|stopped responding/);
  });

  it('leaves the in-memory ledger as it was', async () => {
    const { fs, ledger } = await ledgerWithThree();
    const listed = ledger.list();
    fs.faults.write = 'ENOSPC';

    await rejection(ledger.addRows([deviceRow({ serial: 'NEW1' })], imported));

    expect(ledger.list()).toEqual(listed);
  });

  it('cuts the half-written batch off, so the journal is as it was', async () => {
    const { fs, ledger, before } = await ledgerWithThree();
    fs.faults.write = 'ENOSPC';

    await rejection(ledger.addRows(deviceRows('NEW', 5), imported));

    expect(readFileSync(journal())).toEqual(before);
  });

  it('keeps every earlier device when even the cut-off fails, and cuts the half line off before the next batch', async () => {
    const { fs, ledger } = await ledgerWithThree();
    Object.assign(fs.faults, { write: 'EIO', truncate: 'EIO' });
    await rejection(ledger.addRows([deviceRow({ serial: 'LOST1' })], imported));
    Object.assign(fs.faults, { write: undefined, truncate: undefined });

    await ledger.addRows([deviceRow({ serial: 'AFTER1' })], imported);
    await ledger.close();
    const reopened = await openLedger();

    expect(reopened.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002', 'SN0003', 'AFTER1']);
    expect(reopened.report.skipped).toEqual([]);
  });

  it('takes in a failed batch that reached the disk before compacting, so compaction keeps it', async () => {
    const { fs, ledger } = await ledgerWithThree();
    Object.assign(fs.faults, { sync: 'EIO', truncate: 'EIO' });
    await rejection(ledger.addRows([deviceRow({ serial: 'ONDISK1' })], imported));
    Object.assign(fs.faults, { sync: undefined, truncate: undefined });

    await ledger.compact();
    await ledger.close();
    const reopened = await openLedger();

    expect(reopened.list().map((d) => d.serial)).toEqual(['SN0001', 'SN0002', 'SN0003', 'ONDISK1']);
  });

  it('plans the next batch with a failed batch that reached the disk, so the device is not added twice', async () => {
    const { fs, ledger } = await ledgerWithThree();
    Object.assign(fs.faults, { sync: 'EIO', truncate: 'EIO' });
    await rejection(ledger.addRows([deviceRow({ serial: 'ONDISK1' })], imported));
    Object.assign(fs.faults, { sync: undefined, truncate: undefined });

    const [outcome] = await ledger.addRows([deviceRow({ serial: 'ONDISK1' })], imported);

    expect(outcome?.kind).toBe('duplicate');
    expect(ledger.list()).toHaveLength(4);
    expect(outcome?.device.history.map((r) => r.event.type)).toEqual(['device-added', 'device-seen']);
  });

  it('adds the device once when the failed batch is retried', async () => {
    const { fs, ledger } = await ledgerWithThree();
    fs.faults.sync = 'EIO';
    await rejection(ledger.addRows([deviceRow({ serial: 'NEW1' })], imported));
    fs.faults.sync = undefined;

    const [outcome] = await ledger.addRows([deviceRow({ serial: 'NEW1' })], imported);

    expect(outcome?.kind).toBe('added');
    expect(ledger.list()).toHaveLength(4);
  });

  it('fails a delete with write-failed and keeps the device listed', async () => {
    const { fs, ledger } = await ledgerWithThree();
    fs.faults.write = 'EIO';

    const error = await rejection(ledger.remove([ledger.list()[0]!.id]));

    expect(error.kind).toBe('write-failed');
    expect(ledger.list()).toHaveLength(3);
  });
});

describe('a compaction that fails', () => {
  it('leaves the journal untouched and no temporary file when the rename fails', async () => {
    const { fs, ledger, before } = await ledgerWithThree();
    fs.faults.rename = 'EIO';

    const error = await rejection(ledger.compact());

    expect(error).toMatchObject({ kind: 'write-failed', file: journal(), code: 'EIO' });
    expect(readFileSync(journal())).toEqual(before);
    expect(readdirSync(dir()).sort()).toEqual([JOURNAL_FILE, 'ledger.lock']);
  });

  it('leaves the ledger usable', async () => {
    const { fs, ledger } = await ledgerWithThree();
    fs.faults.write = 'ENOSPC';
    await rejection(ledger.compact());
    fs.faults.write = undefined;

    await ledger.addRows([deviceRow({ serial: 'NEW1' })], imported);
    await ledger.close();

    expect((await openLedger()).list()).toHaveLength(4);
  });
});

describe('opening a ledger that cannot be read or written', () => {
  it('fails with unreadable, naming the journal, and releases the lock', async () => {
    await (await ledgerWithThree()).ledger.close();
    const fs = faultyFs({ target: JOURNAL_FILE, open: 'EIO' });

    const error = await rejection(Ledger.open({ dir: dir(), fs }));

    expect(error).toMatchObject({ kind: 'unreadable', file: journal(), code: 'EIO' });
    expect((await openLedger()).list()).toHaveLength(3);
  });

  it('fails with write-failed, naming the folder, when it cannot be created', async () => {
    const fs = faultyFs({ mkdir: 'EROFS' });

    const error = await rejection(Ledger.open({ dir: dir(), fs }));

    expect(error).toMatchObject({ kind: 'write-failed', file: dir(), code: 'EROFS' });
    expect(error.message).toMatch(/read-only/);
  });
});
