/**
 * The device ledger: every collected or imported device, recorded on disk before anyone is told it is
 * saved, with its history (added, seen again, replaced, exported, deleted, restored).
 *
 * One process owns a ledger folder at a time (`ledger.lock`). The journal is append-only and each batch is
 * fsync'd before its promise resolves; a crash can cost only the batch being written, which was never
 * acknowledged. A mirror journal (the laptop's app data when the primary is on the stick) receives every
 * durable batch as well, best effort.
 *
 * `readOnly` opens only look: no lock, no folder or file created, nothing repaired. That is safe next to a
 * writer because the journal is only appended to, and compaction renames a complete new file over it, so
 * a reader sees the old file or the new one (at worst a line being written, skipped as torn).
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CsvFormat } from '../../shared/csv/csv-writer';
import type { DeviceRow } from '../../shared/device';
import { hardwareFingerprint, hashText } from '../../shared/hardware-hash';
import { inReplayOrder, LedgerState } from '../../shared/ledger/ledger-state';
import type { DeviceSubmission, SubmissionJob } from '../../shared/ledger/ledger-state';
import type {
  DeviceSource,
  JournalEvent,
  JournalRecord,
  LedgerDevice,
  SubmissionDeviceDetail,
  SubmissionDeviceState,
  SubmissionService,
} from '../../shared/ledger/ledger-events';
import { errorCode, writeFailureKind } from '../files/atomic-write';
import { makeFolder } from '../files/make-folder';
import { nodeSha256 } from '../platform/sha256';
import {
  appendToJournal,
  entryKey,
  ForeignLine,
  journalLines,
  nodeLedgerFs,
  readJournal,
  replaceJournal,
} from './journal';
import type { JournalEntry, LedgerFs, SkippedLine } from './journal';
import { acquireLock, LOCK_FILE, releaseLock } from './ledger-lock';
import type { LockHolder } from './ledger-lock';

export { defaultLedgerDirs } from './ledger-dirs';
export type { LedgerFs } from './journal';
export type { DeviceSubmission, SubmissionJob, SubmissionJobDevice } from '../../shared/ledger/ledger-state';

/** A submission job about to start (see `Ledger.startSubmission`). */
export interface SubmissionStart {
  readonly jobId: string;
  readonly service: SubmissionService;
  readonly customerTenantId?: string;
  readonly groupTag: string;
  readonly devices: readonly { readonly deviceId: string; readonly serial: string }[];
  readonly correlationId: string;
  readonly retryOf?: string;
}

/** One device's new state in a job, with what the service said. */
export interface SubmissionUpdate {
  readonly jobId: string;
  readonly deviceId: string;
  readonly state: SubmissionDeviceState;
  readonly detail?: SubmissionDeviceDetail;
}

/** The journal's file name inside the ledger folder. */
export const JOURNAL_FILE = 'journal.jsonl';

export type MirrorStatus = 'in-sync' | 'repaired' | 'unavailable' | 'diverged';

/** What opening found, for the UI and the CLI to tell the technician (nothing here stops the ledger). */
export interface LedgerOpenReport {
  /** Records read (and applied) from the journal. */
  readonly records: number;
  /** Devices listed (deleted ones not counted). */
  readonly devices: number;
  /** Journal lines left out: `torn` is a write cut short at the end, `checksum` damage in the middle,
   * `schema` a sound line this version cannot read (kept as is by compaction). */
  readonly skipped: readonly SkippedLine[];
  /** A lock left by a process that no longer runs was taken over. */
  readonly recoveredStaleLock: boolean;
  /**
   * `in-sync`: the mirror holds the same records. `repaired`: a copy lacked records the other held (its
   * latest ones, or each had some the other lacked) and got them: both hold the union. `unavailable`: the
   * mirror cannot be written (then or since). `diverged`: each held records the other lacked and the
   * union could not be written to the mirror; the primary holds it all, the mirror keeps its own records
   * and is left alone (neither appended to nor compacted) until an open completes it. Undefined when no
   * mirror was asked for, and for read-only opens (which do not look at the mirror).
   */
  readonly mirror: { readonly dir: string; readonly status: MirrorStatus } | undefined;
}

/**
 * `added`: new to the ledger, or a deleted device that came again (it is back in the list).
 * `duplicate`: the same hardware again (recorded in its history only). `replaced`: the same serial,
 * maker and model with different hardware; the new hash is kept and the device is `new` again.
 */
export type LedgerAddOutcome = {
  readonly kind: 'added' | 'duplicate' | 'replaced';
  readonly device: LedgerDevice;
};

export type LedgerErrorKind = 'locked' | 'write-failed' | 'unreadable';

/**
 * The `code` of the `write-failed` `LedgerError` that a change to a ledger opened `readOnly` fails with.
 * (Not a kind of its own: callers that map each kind to a message, like the CLI, keep compiling.)
 */
export const READ_ONLY_LEDGER = 'LEDGER_READ_ONLY';

/** A ledger operation that failed, naming the file and (in the message) what to do about it. */
export class LedgerError extends Error {
  constructor(
    readonly kind: LedgerErrorKind,
    readonly file: string,
    readonly code: string | undefined,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'LedgerError';
  }
}

/**
 * A device's ledger id: the same for every collection of the same machine (Windows writes a new hash text
 * each time, but serial, maker and model are what `isSameDevice` compares). First 16 hex of SHA-256 of
 * the JSON `[manufacturer, model, serial]`.
 */
export function deviceIdFor(device: {
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([device.manufacturer, device.model, device.serial]))
    .digest('hex')
    .slice(0, 16);
}

/** A journal this process writes, and where its torn last line starts, if it ends in one (cut off before the next append). */
interface JournalTarget {
  readonly file: string;
  tornAt: number | undefined;
}

interface Mirror {
  readonly dir: string;
  readonly journal: JournalTarget;
  status: MirrorStatus;
  /** Still written to; false once it failed (it is repaired at the next open). */
  active: boolean;
  lock: LockHolder | undefined;
}

/** The device ledger of one folder, held open (and locked, unless read-only) until `close`. */
export class Ledger {
  private state: LedgerState;
  /** Every journal entry in file order: what compaction writes and mirror repair compares. */
  private entries: JournalEntry[];
  private nextSeq: number;
  /**
   * A write failed after some of its lines may have reached the disk: the journal is read again before
   * the next change, so what is on disk is what the next append plans with and what compaction keeps.
   */
  private dirty = false;
  /** Operations run one at a time, in call order. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Mirror writes trail the acknowledged primary writes, in the same order. */
  private mirrorWrites: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly primary: JournalTarget;
  private readonly opened: Omit<LedgerOpenReport, 'mirror'>;

  private constructor(
    readonly dir: string,
    private readonly fs: LedgerFs,
    private readonly now: () => Date,
    /** Undefined when read-only. */
    private readonly lock: LockHolder | undefined,
    private readonly mirror: Mirror | undefined,
    opened: { readonly skipped: readonly SkippedLine[]; readonly recoveredStaleLock: boolean },
    entries: JournalEntry[],
    lastSeq: number,
    tornAt: number | undefined,
  ) {
    this.primary = { file: path.join(dir, JOURNAL_FILE), tornAt };
    this.entries = entries;
    this.nextSeq = lastSeq + 1;
    const replayed = replay(entries);
    this.state = replayed.state;
    this.opened = { ...opened, records: replayed.records, devices: this.state.devices().length };
  }

  /**
   * Opens (creating if needed) and locks the ledger in `dir`, reads the journal, and brings the mirror up
   * to date. Fails with `LedgerError`: `locked` (another process has it), `unreadable`, `write-failed`.
   *
   * `readOnly`: only reads the journal, as it is now: takes no lock (so it works while another process
   * has the ledger), creates nothing (a missing folder is an empty ledger), repairs nothing and ignores
   * `mirrorDir`. Every change then fails with a `write-failed` `LedgerError` whose code is
   * `READ_ONLY_LEDGER`. Fails only with `unreadable`.
   */
  static async open(options: {
    readonly dir: string;
    readonly mirrorDir?: string;
    readonly now?: () => Date;
    readonly fs?: LedgerFs;
    readonly readOnly?: boolean;
  }): Promise<Ledger> {
    const fs = options.fs ?? nodeLedgerFs;
    const now = options.now ?? (() => new Date());
    const dir = path.resolve(options.dir);
    const journal = path.join(dir, JOURNAL_FILE);
    if (options.readOnly === true) {
      const contents = await readJournal(fs, journal).catch((error: unknown) => {
        throw unreadable(journal, error);
      });
      const { entries, lastSeq, skipped } = contents;
      const opened = { skipped, recoveredStaleLock: false };
      return new Ledger(dir, fs, now, undefined, undefined, opened, entries, lastSeq, undefined);
    }
    await makeDir(fs, dir);
    const lock = await takeLock(fs, dir, now);
    try {
      const contents = await readJournal(fs, journal).catch((error: unknown) => {
        throw unreadable(journal, error);
      });
      const entries = contents.entries;
      const primary: JournalTarget = { file: journal, tornAt: contents.tornAt };
      let lastSeq = contents.lastSeq;
      let mirror: Mirror | undefined;
      if (options.mirrorDir !== undefined && path.resolve(options.mirrorDir) !== dir) {
        const synced = await openMirror(fs, path.resolve(options.mirrorDir), primary, entries, now);
        mirror = synced.mirror;
        lastSeq = Math.max(lastSeq, synced.lastSeq);
      }
      const ledger = new Ledger(
        dir,
        fs,
        now,
        lock.holder,
        mirror,
        { skipped: contents.skipped, recoveredStaleLock: lock.recoveredStale },
        entries,
        lastSeq,
        primary.tornAt,
      );
      // Damage in the middle of the journal is skipped on every open, and said every time, until the
      // journal is rewritten without it: compact now (the report still tells what this open found). A
      // torn last line needs no rewrite: the next append cuts it off. Compaction keeps every sound record,
      // so nothing else ever makes it worthwhile. Failing to compact leaves the journal as it was.
      if (contents.skipped.some((line) => line.reason === 'checksum')) {
        await ledger.compact().catch(() => undefined);
      }
      return ledger;
    } catch (error) {
      await releaseLock(fs, dir, lock.holder).catch(() => undefined);
      throw error;
    }
  }

  /** Opened with `readOnly`: changes fail (see `open`). */
  get readOnly(): boolean {
    return this.lock === undefined;
  }

  /** What opening found; `mirror.status` follows later mirror failures. */
  get report(): LedgerOpenReport {
    return {
      ...this.opened,
      mirror: this.mirror ? { dir: this.mirror.dir, status: this.mirror.status } : undefined,
    };
  }

  /** Devices in the order they were first added; deleted ones only when asked for. */
  list(options: { readonly includeDeleted?: boolean } = {}): readonly LedgerDevice[] {
    return this.state.devices(options);
  }

  get(id: string): LedgerDevice | undefined {
    return this.state.get(id);
  }

  /**
   * Records rows as one batch: appended and fsync'd together, and only then applied and resolved, so each
   * outcome is an acknowledgement that the device is on disk. On failure (`LedgerError` `write-failed`)
   * nothing of the batch is applied or acknowledged.
   *
   * A row whose device is known is a `duplicate` (same hardware fingerprint: a `device-seen` record) or
   * `replaced` (a `device-replaced` record). A deleted device that comes again is restored
   * (`devices-restored`, then seen or replaced) and reported as `added`: it is back in the list.
   */
  addRows(rows: readonly DeviceRow[], source: (row: DeviceRow) => DeviceSource): Promise<LedgerAddOutcome[]> {
    return this.change(async () => {
      if (rows.length === 0) return [];
      const at = this.now().toISOString();
      const records: JournalRecord[] = [];
      const planned: {
        readonly id: string;
        readonly kind: LedgerAddOutcome['kind'];
        readonly end: number;
      }[] = [];
      /** What earlier rows of this batch did, which the state does not know yet. */
      const pending = new Map<string, string>();
      for (const row of rows) {
        const id = deviceIdFor(row);
        const from = source(row);
        const hash = hashText(row.hash);
        const fingerprint = hardwareFingerprint(row.hash, nodeSha256);
        const known = this.state.get(id);
        const knownFingerprint = pending.get(id) ?? known?.fingerprint;
        const deleted = !pending.has(id) && known?.state === 'deleted';
        let kind: LedgerAddOutcome['kind'];
        const data = {
          productId: row.productId,
          groupTag: row.groupTag,
          assignedUser: row.assignedUser,
          hash,
          fingerprint,
          source: from,
        };
        if (knownFingerprint === undefined) {
          kind = 'added';
          records.push(
            this.record(at, {
              type: 'device-added',
              deviceId: id,
              serial: row.serial,
              manufacturer: row.manufacturer,
              model: row.model,
              ...data,
            }),
          );
        } else {
          if (deleted) records.push(this.record(at, { type: 'devices-restored', deviceIds: [id] }));
          if (knownFingerprint === fingerprint) {
            kind = 'duplicate';
            records.push(this.record(at, { type: 'device-seen', deviceId: id, source: from }));
          } else {
            kind = 'replaced';
            // A collected row carries no Windows Product ID (as Get-WindowsAutoPilotInfo): it never erases one
            // a CSV brought for this device.
            const productId = data.productId.length > 0 ? data.productId : (known?.productId ?? '');
            records.push(this.record(at, { type: 'device-replaced', deviceId: id, ...data, productId }));
          }
          if (deleted) kind = 'added';
        }
        pending.set(id, fingerprint);
        planned.push({ id, kind, end: records.length });
      }
      await this.append(records);
      const outcomes: LedgerAddOutcome[] = [];
      let applied = 0;
      for (const { id, kind, end } of planned) {
        for (; applied < end; applied++) this.state.apply(records[applied]!);
        outcomes.push({ kind, device: this.state.get(id)! });
      }
      return outcomes;
    });
  }

  /** Records that these devices were written to `file` (they become `exported`). */
  recordExport(
    deviceIds: readonly string[],
    file: string,
    format: CsvFormat,
    groupTag: string,
  ): Promise<void> {
    return this.change(async () => {
      const ids = this.knownIds(deviceIds);
      if (ids.length === 0) return;
      await this.commit({ type: 'devices-exported', deviceIds: ids, file, format, groupTag });
    });
  }

  /**
   * Sets the devices' own group tag, recorded in their history with the tag each had (one event per
   * previous tag). Devices that already have it, and deleted ones, are skipped; the ids changed are returned.
   * The caller decides which tags may be set (the API allows only known tags).
   */
  setGroupTag(deviceIds: readonly string[], groupTag: string): Promise<string[]> {
    return this.change(async () => {
      const byFrom = new Map<string, string[]>();
      for (const id of this.knownIds(deviceIds)) {
        const device = this.state.get(id);
        if (device === undefined || device.state === 'deleted' || device.groupTag === groupTag) continue;
        byFrom.set(device.groupTag, [...(byFrom.get(device.groupTag) ?? []), id]);
      }
      if (byFrom.size === 0) return [];
      const at = this.now().toISOString();
      const records = [...byFrom].map(([from, ids]) =>
        this.record(at, { type: 'group-tag-set', deviceIds: ids, groupTag, from }),
      );
      await this.append(records);
      for (const record of records) this.state.apply(record);
      return [...byFrom.values()].flat();
    });
  }

  /** Deletes devices from the list: a recorded event, undone by `restore`. Deleted ones are skipped. */
  remove(deviceIds: readonly string[]): Promise<void> {
    return this.change(async () => {
      const ids = this.knownIds(deviceIds).filter((id) => this.state.get(id)?.state !== 'deleted');
      if (ids.length === 0) return;
      await this.commit({ type: 'devices-deleted', deviceIds: ids });
    });
  }

  /** Brings deleted devices back, in the state they had before. Devices not deleted are skipped. */
  restore(deviceIds: readonly string[]): Promise<void> {
    return this.change(async () => {
      const ids = this.knownIds(deviceIds).filter((id) => this.state.get(id)?.state === 'deleted');
      if (ids.length === 0) return;
      await this.commit({ type: 'devices-restored', deviceIds: ids });
    });
  }

  /** Submission jobs in the order they were started (snapshots). */
  submissionJobs(): readonly SubmissionJob[] {
    return this.state.jobs();
  }

  submissionJob(jobId: string): SubmissionJob | undefined {
    return this.state.job(jobId);
  }

  /** The device's latest submission state, or undefined if it was never submitted. */
  submissionOf(deviceId: string): DeviceSubmission | undefined {
    return this.state.submissionOf(deviceId);
  }

  /**
   * Journals the start of a submission job (every device `pending`), durably, before anything is sent. A
   * job id already in the ledger is a caller's mistake (RangeError, nothing written).
   */
  startSubmission(start: SubmissionStart): Promise<SubmissionJob> {
    return this.change(async () => {
      if (this.state.job(start.jobId) !== undefined) {
        throw new RangeError(`Submission job ${start.jobId} is already in the ledger in ${this.dir}.`);
      }
      await this.commit({
        type: 'submission-started',
        jobId: start.jobId,
        service: start.service,
        ...(start.customerTenantId !== undefined ? { customerTenantId: start.customerTenantId } : {}),
        groupTag: start.groupTag,
        devices: start.devices.map((d) => ({ deviceId: d.deviceId, serial: d.serial })),
        correlationId: start.correlationId,
        ...(start.retryOf !== undefined ? { retryOf: start.retryOf } : {}),
      });
      return this.state.job(start.jobId)!;
    });
  }

  /**
   * Journals device state changes as one batch: one write and one fsync, resolved only once they are on
   * disk, so a caller reports a state (a final one above all) only after it is durable. Updates for a job
   * the ledger does not know are a caller's mistake (RangeError, nothing written).
   */
  recordSubmissionStates(updates: readonly SubmissionUpdate[]): Promise<void> {
    return this.change(async () => {
      if (updates.length === 0) return;
      const unknown = updates.find((u) => this.state.job(u.jobId) === undefined);
      if (unknown) throw new RangeError(`No submission job ${unknown.jobId} in the ledger in ${this.dir}.`);
      const at = this.now().toISOString();
      const records = updates.map((u) =>
        this.record(at, {
          type: 'submission-device',
          jobId: u.jobId,
          deviceId: u.deviceId,
          state: u.state,
          ...definedOnly(u.detail ?? {}),
        }),
      );
      await this.append(records);
      for (const record of records) this.state.apply(record);
    });
  }

  /** Journals that a job is done: every device reached a final state, or the run ended (it is not resumed). */
  finishSubmission(jobId: string): Promise<void> {
    return this.change(async () => {
      const job = this.state.job(jobId);
      if (job === undefined) throw new RangeError(`No submission job ${jobId} in the ledger in ${this.dir}.`);
      if (job.finishedAt !== undefined) return;
      await this.commit({ type: 'submission-finished', jobId });
    });
  }

  /**
   * Rewrites the journal without the lines opening skipped as torn or damaged (history is the point of the
   * ledger, so every sound record stays, including lines from a newer version). Writes a new file and
   * renames it over the journal: a failure leaves the old journal as it was. The mirror is rewritten the
   * same way, unless it diverged (it holds records the primary lacks).
   */
  compact(): Promise<void> {
    return this.change(async () => {
      await this.mirrorWrites;
      try {
        await replaceJournal(this.fs, this.primary.file, this.entries);
      } catch (error) {
        throw writeFailed(this.primary.file, error);
      }
      this.primary.tornAt = undefined;
      const mirror = this.mirror;
      if (mirror?.active && mirror.status !== 'diverged') {
        await replaceJournal(this.fs, mirror.journal.file, this.entries).then(
          () => (mirror.journal.tornAt = undefined),
          () => {
            mirror.active = false;
            mirror.status = 'unavailable';
          },
        );
      }
    });
  }

  /** Waits for pending writes (the mirror's included) and releases the locks. Idempotent. */
  close(): Promise<void> {
    if (this.closed) return this.queue.then(() => undefined);
    const done = this.run(async () => {
      await this.mirrorWrites;
      if (this.lock) await releaseLock(this.fs, this.dir, this.lock).catch(() => undefined);
      const mirror = this.mirror;
      if (mirror?.lock) await releaseLock(this.fs, mirror.dir, mirror.lock).catch(() => undefined);
    });
    this.closed = true;
    return done;
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`The ledger in ${this.dir} is closed.`));
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs a change: refused when read-only; after a failed write, first reads back what reached the disk
   * (see `dirty`).
   */
  private change<T>(task: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      if (this.readOnly) throw readOnlyRefusal(this.primary.file);
      if (this.dirty) await this.reread();
      return task();
    });
  }

  /**
   * Reads the journal again after a failed write. Lines of that write may be on disk (its cut-off failed
   * too, or the fsync failed after the data got there): they were never acknowledged, but they will be
   * read at the next open, so they are taken in now too (and passed on to the mirror), and a half line at
   * the end is cut off before the next append. Entries only memory holds (none, unless someone replaced
   * the file) are kept, so compaction writes them back rather than lose them.
   */
  private async reread(): Promise<void> {
    let contents;
    try {
      contents = await readJournal(this.fs, this.primary.file);
    } catch (error) {
      throw unreadable(this.primary.file, error);
    }
    const onDisk = new Set(contents.entries.map(entryKey));
    const inMemory = new Set(this.entries.map(entryKey));
    const found = contents.entries.filter((entry) => !inMemory.has(entryKey(entry)));
    const entries = contents.entries;
    for (const entry of this.entries) if (!onDisk.has(entryKey(entry))) entries.push(entry);
    this.entries = entries;
    this.primary.tornAt = contents.tornAt;
    this.nextSeq = Math.max(this.nextSeq, contents.lastSeq + 1);
    if (found.length > 0) {
      this.state = replay(entries).state;
      this.queueMirror(journalLines(found));
    }
    this.dirty = false;
  }

  /** Ids the ledger knows, each once. An unknown id is a caller's mistake, reported before anything is written. */
  private knownIds(deviceIds: readonly string[]): string[] {
    const ids = [...new Set(deviceIds)];
    const unknown = ids.find((id) => this.state.get(id) === undefined);
    if (unknown !== undefined) throw new RangeError(`No device ${unknown} in the ledger in ${this.dir}.`);
    return ids;
  }

  private record(at: string, event: JournalEvent): JournalRecord {
    return { id: randomUUID(), seq: this.nextSeq++, at, event };
  }

  private async commit(event: JournalEvent): Promise<void> {
    const record = this.record(this.now().toISOString(), event);
    await this.append([record]);
    this.state.apply(record);
  }

  /** Appends durably (throwing `write-failed`), then queues the same lines for the mirror. */
  private async append(records: readonly JournalRecord[]): Promise<void> {
    const text = [...journalLines(records)];
    try {
      await appendLines(this.fs, this.primary, text);
    } catch (error) {
      // Part of the batch may be on disk even so (see `reread`).
      this.dirty = true;
      throw writeFailed(this.primary.file, error);
    }
    for (const record of records) this.entries.push(record);
    this.queueMirror(text);
  }

  /** Mirror writes trail the primary's, in order; a failure stops them until the next open repairs it. */
  private queueMirror(lines: Iterable<string>): void {
    const mirror = this.mirror;
    if (!mirror?.active) return;
    const text = [...lines];
    this.mirrorWrites = this.mirrorWrites.then(async () => {
      if (!mirror.active) return;
      await appendLines(this.fs, mirror.journal, text).catch(() => {
        mirror.active = false;
        mirror.status = 'unavailable';
      });
    });
  }
}

/** The fields of `detail` that hold a value (JSON would drop `undefined` anyway; the state should too). */
function definedOnly(detail: SubmissionDeviceDetail): SubmissionDeviceDetail {
  return Object.fromEntries(
    Object.entries(detail).filter(([, v]) => v !== undefined),
  ) as SubmissionDeviceDetail;
}

/** The state a journal's records give, replayed in `inReplayOrder`, and how many records there were. */
function replay(entries: readonly JournalEntry[]): { readonly state: LedgerState; readonly records: number } {
  const records: JournalRecord[] = [];
  for (const entry of entries) if (!(entry instanceof ForeignLine)) records.push(entry);
  const state = new LedgerState();
  for (const record of inReplayOrder(records)) state.apply(record);
  return { state, records: records.length };
}

/** Appends to a journal this process holds, cutting off its torn last line first (see `appendToJournal`). */
async function appendLines(fs: LedgerFs, target: JournalTarget, lines: Iterable<string>): Promise<void> {
  await appendToJournal(fs, target.file, lines, target.tornAt);
  target.tornAt = undefined;
}

async function makeDir(fs: LedgerFs, dir: string): Promise<void> {
  try {
    await makeFolder(dir, fs);
  } catch (error) {
    throw writeFailed(dir, error);
  }
}

async function takeLock(
  fs: LedgerFs,
  dir: string,
  now: () => Date,
): Promise<{ readonly holder: LockHolder; readonly recoveredStale: boolean }> {
  const file = path.join(dir, LOCK_FILE);
  let result;
  try {
    result = await acquireLock(fs, dir, now);
  } catch (error) {
    throw writeFailed(file, error);
  }
  if (result.kind === 'acquired') return result;
  const who = result.holder
    ? `process ${result.holder.pid} on ${result.holder.hostname} (since ${result.holder.since})`
    : 'another process';
  throw new LedgerError(
    'locked',
    file,
    undefined,
    `The ledger in ${dir} is in use by ${who}. Close the other Autopilot Harvester window or command and ` +
      `try again; if none is running there, delete ${file}.`,
  );
}

/**
 * Locks and reads the mirror and gives each copy the records (by id) it lacks, appended in the order the
 * other copy holds them, so both hold the union (a device added only to the mirror, on another computer,
 * is not hidden). Never fails the open for the mirror's sake, only when the primary cannot take records
 * the mirror alone holds.
 */
async function openMirror(
  fs: LedgerFs,
  dir: string,
  primary: JournalTarget,
  entries: JournalEntry[],
  now: () => Date,
): Promise<{ readonly mirror: Mirror; readonly lastSeq: number }> {
  const mirror: Mirror = {
    dir,
    journal: { file: path.join(dir, JOURNAL_FILE), tornAt: undefined },
    status: 'unavailable',
    active: false,
    lock: undefined,
  };
  const unavailable = { mirror, lastSeq: 0 };
  try {
    await makeFolder(dir, fs);
    const lock = await acquireLock(fs, dir, now);
    if (lock.kind === 'held') return unavailable;
    mirror.lock = lock.holder;
  } catch {
    return unavailable;
  }
  let contents;
  try {
    contents = await readJournal(fs, mirror.journal.file);
  } catch {
    await releaseLock(fs, dir, mirror.lock).catch(() => undefined);
    mirror.lock = undefined;
    return unavailable;
  }
  mirror.journal.tornAt = contents.tornAt;
  const { aLacks: primaryLacks, bLacks: mirrorLacks } = difference(entries, contents.entries);
  mirror.active = true;
  mirror.status = primaryLacks.length === 0 && mirrorLacks.length === 0 ? 'in-sync' : 'repaired';
  if (primaryLacks.length > 0) {
    try {
      await appendLines(fs, primary, journalLines(primaryLacks));
    } catch (error) {
      await releaseLock(fs, dir, mirror.lock).catch(() => undefined);
      throw writeFailed(primary.file, error);
    }
    for (const entry of primaryLacks) entries.push(entry);
  }
  if (mirrorLacks.length > 0) {
    try {
      await appendLines(fs, mirror.journal, journalLines(mirrorLacks));
    } catch {
      mirror.active = false;
      mirror.status = primaryLacks.length > 0 ? 'diverged' : 'unavailable';
    }
  }
  return { mirror, lastSeq: contents.lastSeq };
}

/** The entries each of two journals lacks (by `entryKey`), in the order the other one holds them. */
function difference(
  a: readonly JournalEntry[],
  b: readonly JournalEntry[],
): { readonly aLacks: JournalEntry[]; readonly bLacks: JournalEntry[] } {
  let common = 0;
  const shorter = Math.min(a.length, b.length);
  while (common < shorter && entryKey(a[common]!) === entryKey(b[common]!)) common++;
  if (common === a.length && common === b.length) return { aLacks: [], bLacks: [] };
  // Past the common start only: a record there is in both or in neither.
  const inA = new Set(a.slice(common).map(entryKey));
  const inB = new Set(b.slice(common).map(entryKey));
  return {
    aLacks: b.slice(common).filter((entry) => !inA.has(entryKey(entry))),
    bLacks: a.slice(common).filter((entry) => !inB.has(entryKey(entry))),
  };
}

/** What a change to a ledger opened read-only fails with. */
function readOnlyRefusal(file: string): LedgerError {
  return new LedgerError(
    'write-failed',
    file,
    READ_ONLY_LEDGER,
    `The ledger ${file} was opened read-only (to look at it, for example while another window has it), so ` +
      'nothing was changed. Close the other Autopilot Harvester window or command, then open the ledger ' +
      'normally to make changes.',
  );
}

function unreadable(file: string, error: unknown): LedgerError {
  const code = errorCode(error);
  return new LedgerError(
    'unreadable',
    file,
    code,
    `Cannot read the ledger journal ${file} (${code ?? String(error)}). Check that the drive is connected ` +
      'and readable, then try again.',
    error,
  );
}

/** A failed write, with what the technician can do about it. */
function writeFailed(file: string, error: unknown): LedgerError {
  const code = errorCode(error);
  const safe = 'Devices saved before this are safe.';
  let advice: string;
  switch (writeFailureKind(code)) {
    case 'no-space':
      advice = `the drive is full. Free some space on it (or use another ledger folder) and try again. ${safe}`;
      break;
    case 'read-only':
      advice = `the drive is read-only (is the USB stick write-protected?). Make it writable or use another ledger folder. ${safe}`;
      break;
    case 'not-found':
    case 'io':
      advice = `the drive stopped responding or was removed. Reconnect it and try again. ${safe}`;
      break;
    case 'permission':
      advice = `access was denied. Check that the folder can be written, or use another ledger folder. ${safe}`;
      break;
    case 'not-a-folder':
      advice = `a file stands where the ledger folder should be. Move it away or use another ledger folder.`;
      break;
    case 'unknown':
      advice = `the write failed. Check the drive and try again. ${safe}`;
      break;
  }
  return new LedgerError(
    'write-failed',
    file,
    code,
    `Cannot write ${file} (${code ?? String(error)}): ${advice}`,
    error,
  );
}
