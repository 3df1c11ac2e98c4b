/**
 * The ledger's devices, derived by replaying its records in order. The journal is the truth; this is a view
 * of it that the services keep in memory and update as each batch becomes durable.
 */
import type {
  DeviceState,
  JournalRecord,
  LedgerDevice,
  LedgerExport,
  LedgerRecord,
  SubmissionDeviceDetail,
  SubmissionDeviceState,
  SubmissionEvent,
  SubmissionService,
} from './ledger-events';

/** One device of a submission job as it stands now. */
export interface SubmissionJobDevice {
  readonly deviceId: string;
  readonly serial: string;
  readonly state: SubmissionDeviceState;
  /** When the state last changed (the job's start while `pending`). */
  readonly at: string;
  /** What the service answered, from the latest `submission-device` record (empty while `pending`). */
  readonly detail: SubmissionDeviceDetail;
}

/** A submission job: which devices, which service, each device's latest state. Immutable snapshot. */
export interface SubmissionJob {
  readonly id: string;
  readonly service: SubmissionService;
  readonly customerTenantId: string | undefined;
  readonly groupTag: string;
  readonly correlationId: string;
  readonly retryOf: string | undefined;
  readonly startedAt: string;
  /** Undefined while the job is unfinished (running, or the app was killed: it is resumed). */
  readonly finishedAt: string | undefined;
  /** In the order the job listed them. */
  readonly devices: readonly SubmissionJobDevice[];
}

/** A device's latest submission, for lists ("submitted", "failed") and `submit --new`. */
export interface DeviceSubmission {
  readonly jobId: string;
  readonly service: SubmissionService;
  /** Its state in the latest job that named it. */
  readonly state: SubmissionDeviceState;
  readonly at: string;
  /** Some job ended it `registered` or `already-registered` (a later job's failure does not undo that). */
  readonly registered: boolean;
}

interface JobEntry {
  readonly start: Extract<SubmissionEvent, { type: 'submission-started' }>;
  readonly startedAt: string;
  finishedAt: string | undefined;
  /** Ids in the job's order; a device listed twice is kept once. */
  readonly order: string[];
  readonly devices: Map<string, SubmissionJobDevice>;
  snapshot: SubmissionJob | undefined;
}

/** What a device is beyond its snapshot: the facts its `state` is derived from. */
interface Entry {
  device: LedgerDevice;
  /** Exported since its hash last changed. */
  exported: boolean;
  deleted: boolean;
}

/**
 * Replays records into devices. Devices are immutable snapshots: one handed out earlier never changes, so
 * the UI can hold a list while batches keep arriving. Each record costs O(devices it names), so replaying
 * 100,000 devices takes a few tens of milliseconds.
 *
 * Rules a caller relies on:
 * - `device-added` for an id already known (a journal that holds a retried batch twice) updates the device
 *   like a replacement, and brings it back if it was deleted; `addedAt` and `source` stay the first ones.
 * - `device-replaced` makes an exported device `new` again: the hash that was exported is no longer its own.
 * - `devices-restored` gives back the state the device had before it was deleted.
 * - `group-tag-set` changes the device's own tag and makes an exported device `new` again (its file carries
 *   the old tag).
 * - Records naming unknown devices are ignored (only their own history would show them).
 * - Records are applied in the order given; a journal is replayed in `inReplayOrder`.
 */
export class LedgerState {
  private readonly entries = new Map<string, Entry>();
  /** Ids in the order devices were first added. */
  private readonly order: string[] = [];
  private listed: LedgerDevice[] | undefined;
  private listedWithDeleted: LedgerDevice[] | undefined;
  private readonly jobEntries = new Map<string, JobEntry>();
  private readonly submissions = new Map<string, DeviceSubmission>();

  apply(record: JournalRecord): void {
    const event = record.event;
    switch (event.type) {
      case 'submission-started':
      case 'submission-device':
      case 'submission-finished':
        this.applySubmission(event, record.at);
        break;
      case 'device-added': {
        const entry = this.entries.get(event.deviceId);
        if (entry === undefined) {
          this.order.push(event.deviceId);
          this.entries.set(event.deviceId, {
            device: {
              id: event.deviceId,
              serial: event.serial,
              manufacturer: event.manufacturer,
              model: event.model,
              productId: event.productId,
              groupTag: event.groupTag,
              assignedUser: event.assignedUser,
              hash: event.hash,
              fingerprint: event.fingerprint,
              state: 'new',
              addedAt: record.at,
              source: event.source,
              exports: NO_EXPORTS,
              history: [record as LedgerRecord],
            },
            exported: false,
            deleted: false,
          });
          this.listed = undefined;
          this.listedWithDeleted = undefined;
        } else {
          entry.exported &&= entry.device.fingerprint === event.fingerprint;
          entry.deleted = false;
          this.update(entry, record as LedgerRecord, {
            serial: event.serial,
            manufacturer: event.manufacturer,
            model: event.model,
            productId: event.productId,
            groupTag: event.groupTag,
            assignedUser: event.assignedUser,
            hash: event.hash,
            fingerprint: event.fingerprint,
          });
        }
        break;
      }
      case 'device-seen': {
        const entry = this.entries.get(event.deviceId);
        if (entry) this.update(entry, record as LedgerRecord, {});
        break;
      }
      case 'device-replaced': {
        const entry = this.entries.get(event.deviceId);
        if (!entry) break;
        entry.exported = false;
        this.update(entry, record as LedgerRecord, {
          productId: event.productId,
          groupTag: event.groupTag,
          assignedUser: event.assignedUser,
          hash: event.hash,
          fingerprint: event.fingerprint,
        });
        break;
      }
      case 'devices-exported': {
        const done: LedgerExport = {
          file: event.file,
          format: event.format,
          groupTag: event.groupTag,
          at: record.at,
        };
        for (const entry of this.named(event.deviceIds)) {
          entry.exported = true;
          this.update(entry, record as LedgerRecord, { exports: [...entry.device.exports, done] });
        }
        break;
      }
      case 'group-tag-set':
        for (const entry of this.named(event.deviceIds)) {
          // An exported file carries the tag the device had then: after a change it is to be exported again.
          if (entry.device.groupTag !== event.groupTag) entry.exported = false;
          this.update(entry, record as LedgerRecord, { groupTag: event.groupTag });
        }
        break;
      case 'devices-deleted':
      case 'devices-restored':
        for (const entry of this.named(event.deviceIds)) {
          entry.deleted = event.type === 'devices-deleted';
          this.update(entry, record as LedgerRecord, {});
        }
        break;
      default:
        // A record type this version does not know changes nothing it knows.
        break;
    }
  }

  /**
   * Devices in the order they were first added; deleted ones only when asked for. A new array each call
   * (a copy of a cached list, well under a millisecond for 100,000 devices).
   */
  devices(options: { readonly includeDeleted?: boolean } = {}): LedgerDevice[] {
    if (options.includeDeleted) {
      this.listedWithDeleted ??= this.order.map((id) => this.entries.get(id)!.device);
      return this.listedWithDeleted.slice();
    }
    this.listed ??= this.order.map((id) => this.entries.get(id)!.device).filter((d) => d.state !== 'deleted');
    return this.listed.slice();
  }

  get(id: string): LedgerDevice | undefined {
    return this.entries.get(id)?.device;
  }

  /** Devices known, deleted ones included. */
  get size(): number {
    return this.order.length;
  }

  /** Submission jobs in the order they were started. A new array each call; the jobs are snapshots. */
  jobs(): SubmissionJob[] {
    return [...this.jobEntries.values()].map(snapshotOf);
  }

  job(id: string): SubmissionJob | undefined {
    const entry = this.jobEntries.get(id);
    return entry ? snapshotOf(entry) : undefined;
  }

  /** The device's latest submission, or undefined if no job ever named it. */
  submissionOf(deviceId: string): DeviceSubmission | undefined {
    return this.submissions.get(deviceId);
  }

  /**
   * Rules: a second `submission-started` for a known job id is ignored (the first wins); device records for
   * an unknown job, or for a device the job does not list, are ignored; `submission-finished` is kept the
   * first time. A device record after the finish still applies (a late answer is still the truth).
   */
  private applySubmission(event: SubmissionEvent, at: string): void {
    switch (event.type) {
      case 'submission-started': {
        if (this.jobEntries.has(event.jobId)) return;
        const devices = new Map<string, SubmissionJobDevice>();
        const order: string[] = [];
        for (const d of event.devices) {
          if (devices.has(d.deviceId)) continue;
          order.push(d.deviceId);
          devices.set(d.deviceId, {
            deviceId: d.deviceId,
            serial: d.serial,
            state: 'pending',
            at,
            detail: {},
          });
          this.noteSubmission(d.deviceId, event.jobId, event.service, 'pending', at);
        }
        this.jobEntries.set(event.jobId, {
          start: event,
          startedAt: at,
          finishedAt: undefined,
          order,
          devices,
          snapshot: undefined,
        });
        return;
      }
      case 'submission-device': {
        const entry = this.jobEntries.get(event.jobId);
        const known = entry?.devices.get(event.deviceId);
        if (!entry || !known) return;
        const { type: _type, jobId: _jobId, deviceId: _deviceId, state, ...detail } = event;
        entry.devices.set(event.deviceId, { ...known, state, at, detail });
        entry.snapshot = undefined;
        this.noteSubmission(event.deviceId, event.jobId, entry.start.service, state, at);
        return;
      }
      case 'submission-finished': {
        const entry = this.jobEntries.get(event.jobId);
        if (!entry || entry.finishedAt !== undefined) return;
        entry.finishedAt = at;
        entry.snapshot = undefined;
        return;
      }
    }
  }

  private noteSubmission(
    deviceId: string,
    jobId: string,
    service: SubmissionService,
    state: SubmissionDeviceState,
    at: string,
  ): void {
    const before = this.submissions.get(deviceId);
    const registered =
      (before?.registered ?? false) || state === 'registered' || state === 'already-registered';
    this.submissions.set(deviceId, { jobId, service, state, at, registered });
  }

  private *named(ids: readonly string[]): Iterable<Entry> {
    for (const id of new Set(ids)) {
      const entry = this.entries.get(id);
      if (entry) yield entry;
    }
  }

  private update(entry: Entry, record: LedgerRecord, changes: Partial<LedgerDevice>): void {
    entry.device = {
      ...entry.device,
      ...changes,
      state: stateOf(entry),
      history: [...entry.device.history, record],
    };
    this.listed = undefined;
    this.listedWithDeleted = undefined;
  }
}

function snapshotOf(entry: JobEntry): SubmissionJob {
  entry.snapshot ??= {
    id: entry.start.jobId,
    service: entry.start.service,
    customerTenantId: entry.start.customerTenantId,
    groupTag: entry.start.groupTag,
    correlationId: entry.start.correlationId,
    retryOf: entry.start.retryOf,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    devices: entry.order.map((id) => entry.devices.get(id)!),
  };
  return entry.snapshot;
}

/** Shared by every device not yet exported: 100,000 empty arrays are worth saving on open. */
const NO_EXPORTS: readonly LedgerExport[] = Object.freeze([]);

function stateOf(entry: Entry): DeviceState {
  if (entry.deleted) return 'deleted';
  return entry.exported ? 'exported' : 'new';
}

/**
 * The order a journal's records are replayed in: by `seq`, then `at`, then `id`. One writer numbers its
 * records in increasing `seq`, so for a journal only one process wrote this is its file order (checked in
 * one pass, no copy). When a primary and a mirror diverged, each got the other's records appended, in a
 * different order in each copy; both must still give the same devices. Ordering by `seq` keeps each
 * writer's own order (a device is added before it is exported), and the two writers' records never depend
 * on each other, so interleaving them by `seq` is as causal as any order, and the same for both copies.
 * `at` is only a tie-break: two laptops' clocks may disagree, so time alone could put an export before the
 * add it refers to.
 */
export function inReplayOrder<R extends JournalRecord>(records: readonly R[]): readonly R[] {
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.seq <= records[i - 1]!.seq) return [...records].sort(compareForReplay);
  }
  return records;
}

function compareForReplay(a: JournalRecord, b: JournalRecord): number {
  if (a.seq !== b.seq) return a.seq - b.seq;
  const time = Date.parse(a.at) - Date.parse(b.at);
  if (time !== 0 && !Number.isNaN(time)) return time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
