/**
 * Sends many devices to Autopilot through Graph and brings every one of them to a definite state:
 * `registered`, `already-registered` or `failed` with an explained problem. What it guarantees:
 * - No device is imported twice. The tenant's import records are listed once at the start; a record that
 *   exists for a serial is reused (polled, or read as final) instead of importing again, and after an import
 *   whose answer was lost (dropped connection, timeout, 5xx) the records are looked at again before any new
 *   POST, because the service may have created the record before the answer was lost. Any record of that
 *   serial that the listing taken before the send did not have is this import, whatever its state (it may
 *   have finished with 808 or 802 meanwhile): it is followed, never posted again.
 * - The request rate stays under Intune's documented limits (RateBudget), and a Retry-After from the service
 *   blocks every request of the run until it has passed. Only a few requests are in flight at once, each
 *   sent the moment the budget let it go, on the client's kept-alive connections.
 * - Devices are final first, clean-up after: import-record deletes are writes (Intune counts POST, PUT,
 *   PATCH and DELETE), so they wait until every device has had its import sent, and then take only the write
 *   slots no other write waits for (low priority). A device is reported final (`concluded`, `finished`) as
 *   soon as its state is, before its record is deleted; the report says which records were.
 * - `unknown`, `pending` and `partial` are not final: the record is polled (adaptively) until it is
 *   `complete` or `error`, and one still not final at the poll schedule's deadline is reported
 *   `still-processing` and kept for the next run, never polled forever.
 * - Passing faults are retried with jittered backoff, a bounded number of times; StorageError (the service's
 *   own fault) imports the device again, also bounded.
 * - Only records this job created or reused for its own device are deleted (BRIEF §9), and only once they
 *   reached a final state and that state was reported (`concluded`, journaled first by a job). Anybody else's
 *   finished record of the same serial is left alone. A record still processing at the deadline is kept, so
 *   the next run picks it up.
 * - A device is reported registered only with the chosen group tag: a reused record carrying another tag
 *   (compared exactly), or an 806 naming the registered device, gets it set with updateDeviceProperties;
 *   when that fails the device fails with `tag-not-set`.
 * - An interrupted run (`signal`, or a clock that stopped waiting) sends nothing more, never spins on the
 *   budget, and ends its unfinished devices `interrupted` (not final).
 * - A 401 renews the token once; when the renewed token is refused too, or a 403 says the account lacks the
 *   permission, the run stops and every unfinished device fails with that problem.
 *
 * The clock, the sleep and the random source are injected so tests run fast and exactly.
 */
import type { ImportOutcome } from '../../shared/submission/graph-errors';
import { mapImportError } from '../../shared/submission/graph-errors';
import type { PollSchedule } from '../../shared/submission/poll-schedule';
import { DEFAULT_POLL_SCHEDULE, nextPoll } from '../../shared/submission/poll-schedule';
import type {
  RateBudgetConfig,
  Reservation,
  RequestKind,
  RequestPriority,
  SlotOutcome,
} from '../../shared/submission/rate-budget';
import { INTUNE_ENROLLMENT_LIMITS, RateBudget } from '../../shared/submission/rate-budget';
import type { RetryPolicy } from '../../shared/submission/retry-policy';
import { DEFAULT_RETRY_POLICY, backoffDelay, decideRetry } from '../../shared/submission/retry-policy';
import type { SubmissionProblem } from '../../shared/submission/submission-problem';
import type {
  GraphClient,
  GraphFailure,
  GraphResult,
  ImportStatus,
  ImportedRecord,
  TokenSource,
} from './graph-client';
import type { StopProblem } from './request-pacer';
import { guardedProgress, serialKey, uniqueBySerial } from './submission-devices';
import { RequestPacer } from './request-pacer';

/** One device to send. The tag has already passed resolveGroupTag. */
export interface SubmitDevice {
  readonly serial: string;
  /** Base64, as collected. Never logged. */
  readonly hardwareHash: string;
  readonly groupTag: string;
  readonly productKey?: string;
  readonly assignedUser?: string;
}

export type DeviceResult =
  | {
      readonly serial: string;
      readonly state: 'registered';
      /** The windowsAutopilotDeviceIdentities id, when the service gave it. */
      readonly registrationId: string | undefined;
      readonly recordDeleted: boolean;
    }
  | {
      readonly serial: string;
      readonly state: 'already-registered';
      readonly outcome: Extract<ImportOutcome, { readonly kind: 'already-registered' }>;
      /**
       * Set only when the service named the registered device and the app set its group tag to the chosen
       * one; absent, the device keeps the group tag it had.
       */
      readonly registrationId?: string;
      readonly recordDeleted: boolean;
    }
  | {
      readonly serial: string;
      readonly state: 'failed';
      readonly problem: SubmissionProblem;
      /** False also when the record was kept on purpose (still processing, run stopped). */
      readonly recordDeleted: boolean;
    }
  /**
   * Not final: the run was interrupted (its `signal` aborted, or its clock stopped waiting) before this
   * device reached a final state. A job keeps it as it was, so resuming the job sends it again.
   */
  | { readonly serial: string; readonly state: 'interrupted'; readonly recordDeleted: false };

export type DeviceState = DeviceResult['state'];

/** Per-device progress, reported as it changes. */
export type DeviceProgress =
  | { readonly kind: 'queued' }
  /** An import record for this serial already existed and is used instead of importing again. */
  | ({ readonly kind: 'reusing'; readonly status: ImportStatus } & RecordIds)
  | { readonly kind: 'importing'; readonly attempt: number }
  | ({ readonly kind: 'processing'; readonly status: ImportStatus } & RecordIds)
  /** The service failed on its side (StorageError) or the answer was lost; trying again after a wait. */
  | { readonly kind: 'retrying'; readonly reason: 'service-fault' | 'answer-lost'; readonly delayMs: number }
  /**
   * The device's final state is known and its import record is about to be deleted: a job journals it now
   * (and the journaled client waits for that write before deleting), so a kill in between never leaves a
   * device the journal calls `imported` whose record is gone. `finished` follows with the same state.
   */
  | { readonly kind: 'concluded'; readonly result: Exclude<DeviceResult, { readonly state: 'interrupted' }> }
  | { readonly kind: 'finished'; readonly result: DeviceResult };

/** The Graph ids of the record a progress report is about (Partner Center has none). */
export interface RecordIds {
  /** The importedWindowsAutopilotDeviceIdentities id. */
  readonly importId?: string;
  /** The windowsAutopilotDeviceIdentities id, once the service gave it. */
  readonly registrationId?: string;
}

export interface SubmissionReport {
  /** One result per input device, in input order. */
  readonly devices: readonly DeviceResult[];
  /** Set when the run stopped early; every unfinished device carries the same problem. */
  readonly stopped: StopProblem | undefined;
  /** True when the run was interrupted: the devices it had not finished are `interrupted`, not final. */
  readonly interrupted?: boolean;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`; a clock that honours `signal` resolves early once it is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A run's interruption: the caller's `signal`, or a clock found to have stopped waiting (a sleep that
 * resolves at once while the budget still says wait: the app's stopped run). Once interrupted, no request
 * is sent, every wait ends at once and every unfinished device ends `interrupted`.
 */
export class Interruption {
  private dead = false;
  private readonly aborted: Promise<void>;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.aborted = new Promise((resolve) => {
      if (signal === undefined) return;
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  get interrupted(): boolean {
    return this.dead || this.signal?.aborted === true;
  }

  /** The clock's sleep, cut short by the signal. */
  async sleep(ms: number): Promise<void> {
    if (this.interrupted) return;
    await Promise.race([this.clock.sleep(ms, this.signal), this.aborted]);
  }

  /**
   * Waits until `reserve` says go and returns its slot; undefined once the run is interrupted or `halted`
   * says so. Never spins: a sleep that ends before half its time while the budget still says wait means the
   * clock no longer waits (a stopped run), and the run is interrupted rather than looping on microtasks.
   */
  async acquire(
    reserve: () => Reservation,
    halted: () => boolean,
    released: () => Promise<void> = () => Promise.resolve(),
  ): Promise<{ readonly done: (outcome?: SlotOutcome) => void } | undefined> {
    let cutShort = false;
    for (;;) {
      if (halted() || this.interrupted) return undefined;
      const reservation = reserve();
      if (reservation.kind === 'go') return reservation;
      if (reservation.kind === 'busy') {
        // Another request of the budget is in flight: its end (not a timer) lets this one try again.
        await Promise.race([released(), this.aborted]);
        continue;
      }
      if (cutShort) {
        this.dead = true;
        return undefined;
      }
      const before = this.clock.now();
      await this.sleep(reservation.ms);
      cutShort = reservation.ms >= 2 && this.clock.now() - before < reservation.ms / 2;
    }
  }
}

/** The calls the submitter makes; GraphClient has them, and unit tests give a fake. */
export type GraphApi = Pick<
  GraphClient,
  'listImportedPage' | 'importDevice' | 'getImported' | 'deleteImported' | 'updateDeviceProperties'
>;

export interface GraphSubmitterOptions {
  readonly client: GraphApi;
  readonly token: TokenSource;
  readonly clock?: Clock;
  /** In [0, 1), like Math.random (the default). */
  readonly random?: () => number;
  /**
   * The limits to stay under (default: Intune's documented ones), or a budget shared with other runs. The
   * service counts per app and tenant, not per run: a run started right after another must know the writes
   * the first one made, so the app keeps one RateBudget per tenant and passes it to every run.
   */
  readonly budget?: RateBudgetConfig | RateBudget;
  readonly retry?: RetryPolicy;
  readonly poll?: PollSchedule;
  /**
   * Devices in progress at once (waiting for the budget, or polled). The budget, not this, paces requests;
   * this only has to exceed what one 20 s window can import (Intune's 100 writes), so the whole window goes
   * to imports at once rather than one device after another has finished. Default 250.
   */
  readonly concurrency?: number;
  /** Imports of one device when the service fails on its side (StorageError). Default 3. */
  readonly importAttempts?: number;
  /** Called on every per-device change. Must not throw (a throw is logged and ignored). */
  readonly onProgress?: (serial: string, progress: DeviceProgress) => void;
  /** The technical log. Serials and record ids only; never tokens or hashes. */
  readonly log?: (line: string) => void;
  /**
   * Interrupts the run: no request is sent after it, every wait ends, and the devices not yet final end
   * `interrupted` (not final: a job stays resumable).
   */
  readonly signal?: AbortSignal;
  /**
   * Import record ids this job created in an earlier run (journaled). A final record of one of the run's
   * serials is deleted only when it is one of these; anybody else's record is left alone (BRIEF §9).
   */
  readonly ownImportIds?: ReadonlySet<string>;
}

type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: GraphFailure | StopProblem };

export async function submitToGraph(
  devices: readonly SubmitDevice[],
  options: GraphSubmitterOptions,
): Promise<SubmissionReport> {
  return new GraphSubmission(options).run(devices);
}

class GraphSubmission {
  private readonly client: GraphApi;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly budget: RateBudget;
  private readonly retry: RetryPolicy;
  private readonly poll: PollSchedule;
  private readonly concurrency: number;
  private readonly importAttempts: number;
  private readonly requests: RequestPacer<GraphFailure>;
  private readonly log: (line: string) => void;
  private readonly onProgress: (serial: string, progress: DeviceProgress) => void;
  private readonly interruption: Interruption;
  private readonly ownImportIds: ReadonlySet<string>;
  /**
   * Every import record id this run has known of before sending an import: the first listing's, and the
   * records this run created or followed. After a lost answer, a record of the serial not among them is the
   * one that import created.
   */
  private readonly knownIds = new Set<string>();
  /** Records to delete once the devices no longer need the write slots (trailing clean-up). */
  private readonly cleanup: { readonly record: ImportedRecord; readonly onDeleted: () => void }[] = [];
  private readonly cleanupSignal = new Signal();
  /** Devices that may still send their first import; clean-up waits until none is left. */
  private importsOpen = 0;
  private devicesDone = false;

  constructor(options: GraphSubmitterOptions) {
    this.client = options.client;
    this.clock = options.clock ?? systemClock;
    this.interruption = new Interruption(this.clock, options.signal);
    this.ownImportIds = options.ownImportIds ?? new Set();
    this.random = options.random ?? Math.random;
    this.budget =
      options.budget instanceof RateBudget
        ? options.budget
        : new RateBudget(options.budget ?? INTUNE_ENROLLMENT_LIMITS, () => this.clock.now());
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.poll = options.poll ?? DEFAULT_POLL_SCHEDULE;
    this.concurrency = Math.max(1, options.concurrency ?? 250);
    this.importAttempts = Math.max(1, options.importAttempts ?? 3);
    this.log = options.log ?? (() => undefined);
    this.requests = new RequestPacer<GraphFailure>({
      service: 'graph',
      token: options.token,
      budget: this.budget,
      clock: this.clock,
      interruption: this.interruption,
      retry: this.retry,
      random: this.random,
      log: this.log,
      interrupted: INTERRUPTED,
    });
    this.onProgress = guardedProgress(options.onProgress, this.log);
  }

  async run(devices: readonly SubmitDevice[]): Promise<SubmissionReport> {
    // One submission per serial: a serial listed twice is sent once and both entries get its result.
    const unique = uniqueBySerial(devices);
    for (const device of unique.values()) this.onProgress(device.serial, { kind: 'queued' });

    const results = new Map<string, DeviceResult>();
    const existing = await this.listBySerial();
    if (existing.ok)
      for (const list of existing.value.values()) for (const r of list) this.knownIds.add(r.id);
    if (!existing.ok) {
      const problem = this.problemOf(existing.failure);
      for (const [key, device] of unique) {
        results.set(
          key,
          this.finish(device, { serial: device.serial, state: 'failed', problem, recordDeleted: false }),
        );
      }
    } else {
      const queue = [...unique.entries()];
      this.importsOpen = queue.length;
      const worker = async (): Promise<void> => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const [key, device] = next;
          const claim = this.importClaim();
          let result: DeviceResult;
          try {
            result = await this.submitDevice(device, existing.value.get(key) ?? [], claim, (deleted) => {
              // The trailing delete of this device's record went through: the report says so.
              const known = results.get(key);
              if (known !== undefined && known.state !== 'interrupted') {
                results.set(key, { ...known, recordDeleted: deleted });
              }
            });
          } finally {
            claim();
          }
          results.set(key, this.finish(device, result));
        }
      };
      const devices = Promise.all(
        Array.from({ length: Math.min(this.concurrency, queue.length) }, worker),
      ).finally(() => {
        this.devicesDone = true;
        this.cleanupSignal.notify();
      });
      const cleaners = Array.from({ length: CLEANUP_WORKERS }, () => this.cleanupWorker());
      await devices;
      await Promise.all(cleaners);
    }
    return {
      devices: devices.map((device) => results.get(serialKey(device.serial))!),
      stopped: this.stopped,
      interrupted: this.interruption.interrupted,
    };
  }

  private finish(device: SubmitDevice, outcome: DeviceResult): DeviceResult {
    // A device that failed once the run was interrupted failed because of it: not final, sent again later.
    const result: DeviceResult =
      outcome.state === 'failed' && this.interruption.interrupted && this.stopped === undefined
        ? { serial: outcome.serial, state: 'interrupted', recordDeleted: false }
        : outcome;
    this.log(
      `submission ${device.serial}: ${result.state}${result.state === 'failed' ? ` (${result.problem.kind})` : ''}`,
    );
    this.onProgress(device.serial, { kind: 'finished', result });
    return result;
  }

  // -------------------------------------------------------------------------------------------------------
  // One device

  private async submitDevice(
    device: SubmitDevice,
    existing: readonly ImportedRecord[],
    importSent: () => void,
    onDeleted: (deleted: boolean) => void,
  ): Promise<DeviceResult> {
    const failed = (
      problem: SubmissionProblem,
      recordDeleted = false,
    ): Extract<DeviceResult, { readonly state: 'failed' }> => ({
      serial: device.serial,
      state: 'failed',
      problem,
      recordDeleted,
    });
    if (this.stopped) return failed(this.stopped);
    if (this.interruption.interrupted) return failed({ kind: 'network' });

    // Earlier records of this serial: one still going (or done) is used instead of importing again. Other
    // finished ones are cleared only when this job created them (an earlier run of it); anybody else's
    // record (another technician's, another tool's) is left alone (BRIEF §9).
    let record = pickReusable(existing);
    for (const stale of existing) {
      if (stale !== record && isFinal(stale.status) && this.ownImportIds.has(stale.id)) {
        this.deleteLater(stale, () => undefined);
      }
    }
    if (record !== undefined) {
      importSent();
      this.onProgress(device.serial, { kind: 'reusing', status: record.status, ...idsOf(record) });
    }
    let imports = 0;

    for (;;) {
      if (this.interruption.interrupted) return failed({ kind: 'network' });
      if (record === undefined) {
        imports++;
        const created = await this.importOnce(device, imports);
        importSent();
        if (!created.ok) return failed(created.problem);
        record = created.record;
        this.knownIds.add(record.id);
      }

      const finalRecord = await this.waitForFinal(device, record);
      if (!finalRecord.ok) return failed(finalRecord.problem);
      record = finalRecord.record;

      if (record.status === 'complete') {
        // Registered, but maybe with another tag (a reused record of an earlier import): set the chosen one
        // before saying so. When that fails the record is kept, so retrying the device tries again.
        const tagged = await this.ensureTag(device, record.registrationId, record.groupTag);
        if (!tagged.ok) return failed(tagged.problem);
        const registered = {
          serial: device.serial,
          state: 'registered',
          registrationId: record.registrationId,
        } as const;
        return {
          ...registered,
          recordDeleted: this.conclude(record, { ...registered, recordDeleted: false }, onDeleted),
        };
      }
      const outcome = mapImportError(record.errorCode, record.errorName);
      this.log(
        `submission ${device.serial}: import error ${record.errorCode ?? '-'} ${record.errorName ?? '-'}`,
      );
      if (outcome.kind === 'already-registered') {
        // 806: registered in this tenant already, with whatever tag it had. When the service names the
        // device, its tag is set to the chosen one; otherwise it is kept (and the notice says so).
        const registrationId = record.registrationId;
        if (registrationId !== undefined) {
          const tagged = await this.ensureTag(device, registrationId, undefined);
          if (!tagged.ok) {
            return failed(tagged.problem, this.conclude(record, failed(tagged.problem), onDeleted));
          }
        }
        const done = {
          serial: device.serial,
          state: 'already-registered',
          outcome,
          ...(registrationId !== undefined ? { registrationId } : {}),
        } as const;
        return {
          ...done,
          recordDeleted: this.conclude(record, { ...done, recordDeleted: false }, onDeleted),
        };
      }
      if (outcome.kind === 'retryable' && imports < this.importAttempts) {
        // Not final yet: the record goes, and the device is imported again (only once it is gone).
        if (await this.deleteRecord(record)) {
          const delayMs = backoffDelay(imports, this.retry, this.random);
          this.onProgress(device.serial, { kind: 'retrying', reason: 'service-fault', delayMs });
          await this.interruption.sleep(delayMs);
          record = undefined;
          continue;
        }
        return failed({ kind: 'import-error', outcome });
      }
      const problem: SubmissionProblem = { kind: 'import-error', outcome };
      return failed(problem, this.conclude(record, failed(problem), onDeleted));
    }
  }

  /**
   * Makes the registered device carry the chosen group tag: nothing to do when `currentTag` is it already
   * (compared exactly), else `updateDeviceProperties` on `registrationId`. `currentTag` undefined: unknown.
   */
  private async ensureTag(
    device: SubmitDevice,
    registrationId: string | undefined,
    currentTag: string | undefined,
  ): Promise<{ readonly ok: true } | { readonly ok: false; readonly problem: SubmissionProblem }> {
    if (currentTag === device.groupTag) return { ok: true };
    const notSet: SubmissionProblem = {
      kind: 'tag-not-set',
      ...(currentTag !== undefined ? { currentTag } : {}),
    };
    if (registrationId === undefined) {
      this.log(
        `submission ${device.serial}: registered with another group tag, and no device id to change it`,
      );
      return { ok: false, problem: notSet };
    }
    const groupTag = device.groupTag;
    const updated = await this.call('write', (token) =>
      this.client.updateDeviceProperties(token, registrationId, { groupTag }),
    );
    if (updated.ok) {
      this.log(`submission ${device.serial}: group tag of ${registrationId} set`);
      return { ok: true };
    }
    this.log(`submission ${device.serial}: group tag of ${registrationId} not set (${updated.failure.kind})`);
    if (this.stopped || this.interruption.interrupted)
      return { ok: false, problem: this.problemOf(updated.failure) };
    return { ok: false, problem: notSet };
  }

  /**
   * Reports the device's final state (`concluded`, journaled by a job) and leaves its record to the trailing
   * clean-up (the journaled client waits for the journal before deleting, so the journal never lags behind
   * the tenant). Always false: the record is not deleted yet; `onDeleted` hears when it is.
   */
  private conclude(
    record: ImportedRecord,
    result: Exclude<DeviceResult, { readonly state: 'interrupted' }>,
    onDeleted: (deleted: boolean) => void,
  ): false {
    if (this.interruption.interrupted || this.stopped) return false;
    this.onProgress(result.serial, { kind: 'concluded', result });
    this.deleteLater(record, () => onDeleted(true));
    return false;
  }

  /** Queues a record for the trailing clean-up. */
  private deleteLater(record: ImportedRecord, onDeleted: () => void): void {
    this.cleanup.push({ record, onDeleted });
    this.cleanupSignal.notify();
  }

  /**
   * A device's claim on an import slot: released (the returned function, idempotent) once its first import
   * was sent and answered, or it needs none. Clean-up starts when no claim is left.
   */
  private importClaim(): () => void {
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.importsOpen--;
      if (this.importsOpen === 0) this.cleanupSignal.notify();
    };
  }

  /**
   * Deletes queued records once every device has had its import sent, at low priority: a write any device
   * still needs (a re-import, a group tag) goes first. Ends when the devices are done and the queue is empty,
   * or the run stopped.
   */
  private async cleanupWorker(): Promise<void> {
    for (;;) {
      if (this.stopped || this.interruption.interrupted) return;
      const ready = this.importsOpen <= 0 || this.devicesDone;
      const next = ready ? this.cleanup.shift() : undefined;
      if (next === undefined) {
        if (this.devicesDone && this.cleanup.length === 0) return;
        await this.cleanupSignal.wait();
        continue;
      }
      if (await this.deleteRecord(next.record, 'low')) next.onDeleted();
    }
  }

  /**
   * POSTs the device once, and when the answer is lost finds out whether the record was created anyway
   * before posting again. Returns the record to poll.
   */
  private async importOnce(
    device: SubmitDevice,
    attempt: number,
  ): Promise<
    | { readonly ok: true; readonly record: ImportedRecord }
    | { readonly ok: false; readonly problem: SubmissionProblem }
  > {
    for (let lost = 0; ; lost++) {
      this.onProgress(device.serial, { kind: 'importing', attempt });
      const created = await this.call(
        'write',
        (token) =>
          this.client.importDevice(token, {
            serialNumber: device.serial,
            hardwareHash: device.hardwareHash,
            groupTag: device.groupTag,
            ...(device.productKey ? { productKey: device.productKey } : {}),
            ...(device.assignedUser ? { assignedUserPrincipalName: device.assignedUser } : {}),
          }),
        { retryLostAnswers: false },
      );
      if (created.ok) {
        this.onProgress(device.serial, {
          kind: 'processing',
          status: created.value.status,
          ...idsOf(created.value),
        });
        return { ok: true, record: created.value };
      }
      if (!answerLost(created.failure)) return { ok: false, problem: this.problemOf(created.failure) };

      // The POST may have been carried out: look before sending it again. A record of this serial that no
      // listing before the send had is the one this import created, whatever its state: it may already have
      // finished with an error (808, 802), and posting again would import the device twice.
      const found = await this.listBySerial();
      if (!found.ok) return { ok: false, problem: this.problemOf(found.failure) };
      const records = (found.value.get(serialKey(device.serial)) ?? []).filter(
        (r) => !this.knownIds.has(r.id),
      );
      const record = records.find((r) => r.status === 'complete') ?? records[0];
      if (record !== undefined) {
        this.log(
          `submission ${device.serial}: import answer lost, record ${record.id} (${record.status}) found and followed`,
        );
        this.onProgress(device.serial, { kind: 'reusing', status: record.status, ...idsOf(record) });
        return { ok: true, record };
      }
      const decision = decideRetry(lost + 1, undefined, this.retry, this.random);
      if (decision.kind === 'give-up') return { ok: false, problem: this.problemOf(created.failure) };
      this.onProgress(device.serial, { kind: 'retrying', reason: 'answer-lost', delayMs: decision.delayMs });
      await this.interruption.sleep(decision.delayMs);
      if (this.interruption.interrupted) return { ok: false, problem: { kind: 'network' } };
    }
  }

  /** Polls adaptively until the record is complete or error, the deadline passes, or the run stops. */
  private async waitForFinal(
    device: SubmitDevice,
    first: ImportedRecord,
  ): Promise<
    | { readonly ok: true; readonly record: ImportedRecord }
    | { readonly ok: false; readonly problem: SubmissionProblem }
  > {
    let record = first;
    const started = this.clock.now();
    for (let poll = 0; !isFinal(record.status); poll++) {
      if (this.interruption.interrupted) return { ok: false, problem: { kind: 'network' } };
      const step = nextPoll(poll, started, this.clock.now(), this.poll);
      if (step.kind === 'deadline') {
        this.log(
          `submission ${device.serial}: record ${record.id} still ${record.status}; kept for the next run`,
        );
        return { ok: false, problem: { kind: 'still-processing', waitedMs: this.clock.now() - started } };
      }
      await this.interruption.sleep(step.delayMs);
      const id = record.id;
      const read = await this.call('read', (token) => this.client.getImported(token, id));
      if (!read.ok) {
        if (read.failure.kind === 'not-found') return { ok: false, problem: { kind: 'record-removed' } };
        return { ok: false, problem: this.problemOf(read.failure) };
      }
      if (read.value.status !== record.status) {
        this.onProgress(device.serial, {
          kind: 'processing',
          status: read.value.status,
          ...idsOf(read.value),
        });
      }
      record = read.value;
    }
    return { ok: true, record };
  }

  /** Deletes one of this run's records; false when it could not (it is then left for the next run). */
  private async deleteRecord(record: ImportedRecord, priority: RequestPriority = 'normal'): Promise<boolean> {
    if (this.stopped || this.interruption.interrupted) return false;
    const id = record.id;
    const deleted = await this.call('write', (token) => this.client.deleteImported(token, id), {
      retryLostAnswers: true,
      priority,
    });
    if (deleted.ok || deleted.failure.kind === 'not-found') return true;
    this.log(`submission: could not delete import record ${id} (${deleted.failure.kind})`);
    return false;
  }

  /** The tenant's import records by serial, all pages. */
  private async listBySerial(): Promise<CallResult<ReadonlyMap<string, readonly ImportedRecord[]>>> {
    const bySerial = new Map<string, ImportedRecord[]>();
    let nextLink: string | undefined;
    do {
      const link = nextLink;
      const page = await this.call('read', (token) => this.client.listImportedPage(token, link));
      if (!page.ok) return page;
      for (const record of page.value.records) {
        const key = serialKey(record.serialNumber);
        if (key === '') continue;
        const list = bySerial.get(key);
        if (list) list.push(record);
        else bySerial.set(key, [record]);
      }
      nextLink = page.value.nextLink;
    } while (nextLink !== undefined);
    return { ok: true, value: bySerial };
  }

  // -------------------------------------------------------------------------------------------------------
  // Requests

  /**
   * One logical request: waits for the budget, sends, and retries what is worth retrying. With
   * `retryLostAnswers: false`, a request whose answer was lost is returned to the caller instead (an import
   * must not be repeated blindly).
   */
  private call<T>(
    kind: RequestKind,
    send: (token: string) => Promise<GraphResult<T>>,
    options: { readonly retryLostAnswers: boolean; readonly priority?: RequestPriority } = {
      retryLostAnswers: true,
    },
  ): Promise<CallResult<T>> {
    return this.requests.call(kind, send, options);
  }

  private get stopped(): StopProblem | undefined {
    return this.requests.stopped;
  }

  private problemOf(failure: GraphFailure | StopProblem): SubmissionProblem {
    switch (failure.kind) {
      case 'token':
      case 'permission':
      case 'mfa-required':
        return failure;
      case 'throttled':
        return { kind: 'throttled' };
      case 'unauthorized':
        return { kind: 'token' };
      case 'forbidden':
        return { kind: 'permission' };
      case 'not-found':
        return { kind: 'refused', status: 404, code: undefined };
      case 'server-error':
        return { kind: 'service-unavailable' };
      case 'network':
        return { kind: 'network' };
      case 'bad-response':
        return { kind: 'bad-response' };
      case 'refused':
        return { kind: 'refused', status: failure.status, code: failure.code };
      default:
        return assertNever(failure);
    }
  }
}

/** Deletes in flight at once in the trailing clean-up (the budget's in-flight cap bounds them anyway). */
const CLEANUP_WORKERS = 4;

/** Wakes every waiter at once; a waiter that arrives after a notify waits for the next one. */
class Signal {
  private next: { promise: Promise<void>; resolve: () => void } | undefined;

  wait(): Promise<void> {
    if (this.next === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.next = { promise, resolve };
    }
    return this.next.promise;
  }

  notify(): void {
    const next = this.next;
    this.next = undefined;
    next?.resolve();
  }
}

/** What a request of an interrupted run gets instead of an answer (its device ends `interrupted`). */
const INTERRUPTED: GraphFailure = Object.freeze({ kind: 'network', code: 'interrupted', retryable: false });

function idsOf(record: ImportedRecord): RecordIds {
  return {
    importId: record.id,
    ...(record.registrationId !== undefined ? { registrationId: record.registrationId } : {}),
  };
}

function isFinal(status: ImportStatus): boolean {
  return status === 'complete' || status === 'error';
}

/** A record worth using instead of importing again: one still processing, or complete. */
function pickReusable(records: readonly ImportedRecord[]): ImportedRecord | undefined {
  return records.find((r) => r.status === 'complete') ?? records.find((r) => r.status !== 'error');
}

/** An import whose answer never arrived: the service may or may not have created the record. */
function answerLost(failure: GraphFailure | StopProblem): boolean {
  return (
    (failure.kind === 'network' && failure.retryable) ||
    (failure.kind === 'server-error' && failure.retryable) ||
    (failure.kind === 'throttled' && failure.status !== 429) ||
    failure.kind === 'bad-response'
  );
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
