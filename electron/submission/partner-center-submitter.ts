/**
 * Sends many devices to Autopilot through Partner Center, a partner acting for one customer, and brings every
 * one of them to a definite state: `registered`, `already-registered` or `failed` with an explained problem.
 * The input, progress and report are the Graph submitter's, so the job runner can drive either service.
 *
 * How (BRIEF §7; Partner Center REST "device batches"):
 * - The batch is named by the validated group tag (`batchId`). The customer's batches are listed first; when
 *   one of that name exists, devices are added to it, otherwise the first upload creates it (and when the
 *   create answers that it exists after all, another run made it meanwhile: the devices are added instead).
 *   Microsoft's own PowerShell module does the same: list, then create or add.
 * - Devices go in chunks (`chunkSize`, default 100; Partner Center documents no limit per request, and a
 *   chunk of 100 hashes is about 400 KB). Each upload answers 202 with a Location, polled adaptively (2 s,
 *   growing, with a deadline) until `finished` or `finished_with_errors`; each device then gets its own
 *   result from `devicesStatus`.
 * - No device is uploaded twice: every request carries an `MS-RequestId`, new for each logical request and
 *   the same on every retry of it, which Partner Center documents as the idempotency key ("in the case of a
 *   timeout, the retry call should include the same value"). An upload whose answer was lost is therefore
 *   retried as it is, never sent as a new upload. Each request is announced (`onUploadSending`) before it
 *   is sent, so a job can journal it and a run killed before its answer repeats it (`sentUploads`).
 * - A Retry-After blocks every request of the run until it has passed; passing faults are retried with
 *   jittered backoff, a bounded number of times. A device the service failed on its side (StorageError and
 *   its like) is uploaded again, also bounded.
 * - A 401 renews the token once; when the renewed token is refused too, or a 403 says the account may not act
 *   for this customer, the run stops and every unfinished device fails with that problem.
 *
 * One `MS-CorrelationId` per run ties its requests together in Microsoft's traces. The clock, the sleep, the
 * random source and the ID source are injected so tests run fast and exactly.
 */
import { randomUUID } from 'node:crypto';
import type { ImportStatus } from './graph-client';
import type { TokenSource } from './graph-client';
import type { Clock, DeviceProgress, DeviceResult, SubmissionReport, SubmitDevice } from './graph-submitter';
import { Interruption, systemClock } from './graph-submitter';
import type { StopProblem } from './request-pacer';
import { guardedProgress, serialKey, uniqueBySerial } from './submission-devices';
import { RequestPacer } from './request-pacer';
import type {
  BatchDevice,
  BatchJobStatus,
  Customer,
  DeviceUploadState,
  DeviceUploadStatus,
  PartnerCenterClient,
  PartnerCenterFailure,
  PartnerCenterResult,
  RequestIds,
  UploadAccepted,
} from './partner-center-client';
import {
  chunk,
  isCustomerTenantId,
  mapDeviceUploadError,
  normalizeCustomerTenantId,
} from '../../shared/submission/partner-center-errors';
import type { PollSchedule } from '../../shared/submission/poll-schedule';
import { DEFAULT_POLL_SCHEDULE, nextPoll } from '../../shared/submission/poll-schedule';
import type { RateBudgetConfig, RequestKind } from '../../shared/submission/rate-budget';
import { RateBudget } from '../../shared/submission/rate-budget';
import type { RetryPolicy } from '../../shared/submission/retry-policy';
import { DEFAULT_RETRY_POLICY, backoffDelay } from '../../shared/submission/retry-policy';
import type { SubmissionProblem } from '../../shared/submission/submission-problem';

/** The calls the submitter makes; PartnerCenterClient has them, and unit tests give a fake. */
export type PartnerCenterApi = Pick<
  PartnerCenterClient,
  | 'listCustomers'
  | 'listDeviceBatches'
  | 'listBatchDevices'
  | 'createDeviceBatch'
  | 'addDevicesToBatch'
  | 'getBatchStatus'
>;

/**
 * Partner Center publishes no rate limits for these calls (its throttling guidance says limits exist and
 * are answered with 429 + Retry-After), so by default nothing is paced and only Retry-After is honoured. A
 * budget with windows can be given once limits are known.
 */
export const NO_KNOWN_LIMITS: RateBudgetConfig = Object.freeze({ windows: Object.freeze([]) });

export interface PartnerCenterRequestOptions {
  readonly client: PartnerCenterApi;
  readonly token: TokenSource;
  readonly clock?: Clock;
  /** In [0, 1), like Math.random (the default). */
  readonly random?: () => number;
  /** Limits to stay under, or a budget shared with other runs for the same partner. Default: none known. */
  readonly budget?: RateBudgetConfig | RateBudget;
  readonly retry?: RetryPolicy;
  /** The run's MS-CorrelationId. Default: a new UUID. */
  readonly correlationId?: string;
  /** Where MS-RequestIds come from. Default randomUUID. */
  readonly newRequestId?: () => string;
  /** The technical log. Serials, request IDs and batch names only; never tokens or hashes. */
  readonly log?: (line: string) => void;
  /**
   * Interrupts the run: no request is sent after it, every wait ends, and the devices not yet final end
   * `interrupted` (not final: a job stays resumable).
   */
  readonly signal?: AbortSignal;
}

export interface PartnerCenterSubmitterOptions extends PartnerCenterRequestOptions {
  /** The customer's tenant ID (a GUID), picked from listPartnerCustomers or typed. */
  readonly customerTenantId: string;
  /** The batch name: the validated group tag, e.g. `Microsoft365Managed_Autopilot`. */
  readonly batchId: string;
  readonly poll?: PollSchedule;
  /** Devices per upload request. Default 100. */
  readonly chunkSize?: number;
  /** Uploads in progress at once (each polled on its own). Default 4. */
  readonly concurrency?: number;
  /** Uploads of one device when the service fails on its side (StorageError). Default 3. */
  readonly importAttempts?: number;
  /** Called on every per-device change. Must not throw (a throw is logged and ignored). */
  readonly onProgress?: (serial: string, progress: DeviceProgress) => void;
  /**
   * Called when an upload was accepted, before its status is polled; the run waits for the returned promise.
   * A job journals it here, so that a run killed while Partner Center is still processing can be resumed
   * with `acceptedUploads` instead of uploading the same devices again. A throw is logged and ignored.
   */
  readonly onUploadAccepted?: (upload: AcceptedUpload) => void | Promise<void>;
  /**
   * Uploads an earlier run of this job had accepted: their devices are followed by polling the Location
   * again, not uploaded again. A Location Partner Center no longer knows (404) sends its devices again,
   * which is safe: a device registered meanwhile answers 806, already registered.
   */
  readonly acceptedUploads?: readonly AcceptedUpload[];
  /**
   * Called before each upload request is sent (a create, or an add), with the MS-RequestId it is sent
   * under; the request waits for the returned promise. A job journals it here, so that a run killed after
   * Partner Center received the request but before its answer (or its acceptance) was journaled repeats
   * that same request when resumed (`sentUploads`), which Partner Center carries out once. A throw is
   * logged and ignored.
   */
  readonly onUploadSending?: (upload: UploadRequest) => void | Promise<void>;
  /**
   * Upload requests an earlier run of this job sent without knowing whether Partner Center received them:
   * each is repeated first, exactly (same request, batch and MS-RequestId), for its devices, before they
   * are sent any other way. A repeated create answered "batch exists" was never carried out: its devices
   * are then added to the batch under a new MS-RequestId.
   */
  readonly sentUploads?: readonly UploadRequest[];
}

/** An upload request as sent: which request, for which batch, under which MS-RequestId, carrying which serials. */
export interface UploadRequest {
  readonly requestId: string;
  readonly kind: 'create' | 'add';
  readonly batchId: string;
  readonly serials: readonly string[];
}

/** An upload Partner Center accepted: where its status is, and the serials it carries. */
export interface AcceptedUpload {
  readonly location: string;
  readonly serials: readonly string[];
}

type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: PartnerCenterFailure | StopProblem };

export async function submitToPartnerCenter(
  devices: readonly SubmitDevice[],
  options: PartnerCenterSubmitterOptions,
): Promise<SubmissionReport> {
  if (!isCustomerTenantId(options.customerTenantId)) {
    throw new RangeError('customerTenantId must be a tenant ID (a GUID)');
  }
  if (options.batchId.trim() === '') throw new RangeError('batchId must not be empty');
  return new PartnerCenterSubmission(options).run(devices);
}

/**
 * The partner's customers, all pages, with the submitter's retries and Retry-After handling; for the
 * customer picker. A failure comes back as the problem to explain.
 */
export async function listPartnerCustomers(
  options: PartnerCenterRequestOptions,
): Promise<
  | { readonly ok: true; readonly customers: readonly Customer[] }
  | { readonly ok: false; readonly problem: SubmissionProblem }
> {
  const requests = new PartnerCenterRequests(options);
  const listed = await requests.call('read', (token, ids) => options.client.listCustomers(token, ids));
  return listed.ok
    ? { ok: true, customers: listed.value }
    : { ok: false, problem: problemOf(listed.failure) };
}

// ---------------------------------------------------------------------------------------------------------

class PartnerCenterSubmission {
  private readonly client: PartnerCenterApi;
  private readonly requests: PartnerCenterRequests;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private readonly poll: PollSchedule;
  private readonly customerId: string;
  private readonly batchId: string;
  private readonly chunkSize: number;
  private readonly concurrency: number;
  private readonly importAttempts: number;
  private readonly log: (line: string) => void;
  private readonly onProgress: (serial: string, progress: DeviceProgress) => void;
  private readonly onUploadAccepted: (upload: AcceptedUpload) => void | Promise<void>;
  private readonly acceptedUploads: readonly AcceptedUpload[];
  private readonly onUploadSending: (upload: UploadRequest) => void | Promise<void>;
  private readonly sentUploads: readonly UploadRequest[];
  private readonly results = new Map<string, DeviceResult>();
  private batchExists = false;

  constructor(options: PartnerCenterSubmitterOptions) {
    this.client = options.client;
    this.requests = new PartnerCenterRequests(options);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.poll = options.poll ?? DEFAULT_POLL_SCHEDULE;
    this.customerId = normalizeCustomerTenantId(options.customerTenantId);
    this.batchId = options.batchId;
    this.chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 100));
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.importAttempts = Math.max(1, options.importAttempts ?? 3);
    this.log = options.log ?? (() => undefined);
    this.onUploadAccepted = options.onUploadAccepted ?? (() => undefined);
    this.acceptedUploads = options.acceptedUploads ?? [];
    this.onUploadSending = options.onUploadSending ?? (() => undefined);
    this.sentUploads = options.sentUploads ?? [];
    this.onProgress = guardedProgress(options.onProgress, this.log);
  }

  async run(devices: readonly SubmitDevice[]): Promise<SubmissionReport> {
    // One upload per serial: a serial listed twice is sent once and both entries get its result.
    const unique = uniqueBySerial(devices);
    for (const device of unique.values()) this.onProgress(device.serial, { kind: 'queued' });
    this.log(
      `partner-center run ${this.requests.correlationId}: ${unique.size} devices for customer ` +
        `${this.customerId}, batch ${JSON.stringify(this.batchId)}`,
    );

    // Uploads an earlier run had accepted are followed, and requests it had sent without an answer are
    // repeated as they were: neither is sent as a new upload.
    const toSend = new Map(unique);
    const take = (serials: readonly string[]): SubmitDevice[] => {
      const own = serials
        .map((serial) => toSend.get(serialKey(serial)))
        .filter((d): d is SubmitDevice => d !== undefined);
      for (const d of own) toSend.delete(serialKey(d.serial));
      return own;
    };
    const resumed = this.acceptedUploads
      .map((upload) => ({ location: upload.location, devices: take(upload.serials) }))
      .filter((upload) => upload.devices.length > 0);
    const repeated = this.sentUploads
      .map((request) => ({ request, devices: take(request.serials) }))
      .filter((upload) => upload.devices.length > 0);
    const repeatAll = async (): Promise<void> => {
      // A create first, alone (an add to its batch would find none before it), then the adds.
      for (const r of repeated.filter((u) => u.request.kind === 'create')) {
        await this.upload(r.devices, 1, r.request);
      }
      await Promise.all(
        repeated.filter((u) => u.request.kind === 'add').map((r) => this.upload(r.devices, 1, r.request)),
      );
    };
    const [unknownUploads] = await Promise.all([
      Promise.all(resumed.map((upload) => this.follow(upload.devices, upload.location, 1, true))),
      repeatAll(),
    ]);
    for (const lost of unknownUploads) for (const d of lost) toSend.set(serialKey(d.serial), d);

    if (toSend.size > 0 && this.requests.halted) {
      this.failAll([...toSend.values()], this.requests.stopped ?? { kind: 'network' });
    } else if (toSend.size > 0) {
      const batches = await this.requests.call('read', (token, ids) =>
        this.client.listDeviceBatches(token, this.customerId, ids),
      );
      if (!batches.ok) {
        this.failAll([...toSend.values()], problemOf(batches.failure));
      } else {
        const wanted = this.batchId.toLowerCase();
        this.batchExists ||= batches.value.some((b) => b.id.toLowerCase() === wanted);
        const pieces = chunk([...toSend.values()], this.chunkSize);
        // Until the batch exists, one upload at a time: two creates of the same batch would race.
        while (!this.batchExists && pieces.length > 0 && !this.requests.halted) {
          await this.upload(pieces.shift()!, 1);
        }
        const worker = async (): Promise<void> => {
          for (let next = pieces.shift(); next !== undefined; next = pieces.shift()) {
            await this.upload(next, 1);
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, pieces.length) }, worker));
      }
    }
    // Every device has a result; a device without one would be a bug, reported rather than hidden.
    return {
      devices: devices.map(
        (device) =>
          this.results.get(serialKey(device.serial)) ?? {
            serial: device.serial,
            state: 'failed',
            problem: { kind: 'bad-response' },
            recordDeleted: false,
          },
      ),
      stopped: this.requests.stopped,
      interrupted: this.requests.interruption.interrupted,
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // One upload

  /**
   * Uploads `devices` in one request (or repeats `repeat`, a request an earlier run sent), waits for the
   * result, and ends each device (or uploads it again).
   */
  private async upload(
    devices: readonly SubmitDevice[],
    attempt: number,
    repeat?: UploadRequest,
  ): Promise<void> {
    if (this.requests.halted) return this.failAll(devices, this.requests.stopped ?? { kind: 'network' });
    for (const d of devices) this.onProgress(d.serial, { kind: 'importing', attempt });

    const sent = await this.send(devices, repeat);
    if (!sent.ok) return this.failAll(devices, problemOf(sent.failure));
    if (sent.value === undefined) return;
    const { accepted, devices: carried } = sent.value;
    this.log(`partner-center upload of ${carried.length} devices accepted, tracking ${accepted.trackingId}`);
    try {
      await this.onUploadAccepted({ location: accepted.location, serials: carried.map((d) => d.serial) });
    } catch (error) {
      this.log(`submission upload callback threw: ${String(error)}`);
    }
    await this.follow(carried, accepted.location, attempt, false);
  }

  /**
   * Polls an accepted upload and ends each of its devices (or uploads again those the service failed on its
   * side). With `resumed`, an upload Partner Center no longer knows gives its devices back, to be sent again.
   */
  private async follow(
    devices: readonly SubmitDevice[],
    location: string,
    attempt: number,
    resumed: boolean,
  ): Promise<readonly SubmitDevice[]> {
    const status = await this.waitForBatch(devices, location);
    if (!status.ok) {
      if (resumed && status.problem.kind === 'refused' && status.problem.status === 404) {
        this.log(`partner-center upload ${location} is no longer known; its devices are sent again`);
        return devices;
      }
      this.failAll(devices, status.problem);
      return [];
    }

    const byKey = new Map<string, DeviceUploadStatus>();
    for (const s of status.value.devices) byKey.set(serialKey(s.serialNumber), s);
    const again: SubmitDevice[] = [];
    for (const device of devices) {
      const canRetry = attempt < this.importAttempts;
      const result = this.resultOf(device, byKey.get(serialKey(device.serial)), status.waitedMs, canRetry);
      if (result === 'again') again.push(device);
      else this.end(device, result);
    }
    if (again.length > 0) {
      const delayMs = backoffDelay(attempt, this.retry, this.random);
      for (const d of again)
        this.onProgress(d.serial, { kind: 'retrying', reason: 'service-fault', delayMs });
      await this.requests.interruption.sleep(delayMs);
      await this.upload(again, attempt + 1);
    }
    return [];
  }

  /**
   * Creates the batch with these devices, or adds them to it; falls back to adding when it exists. Each
   * request is announced (`onUploadSending`) before it is sent; `repeat`, already announced by an earlier
   * run, is sent again as it was. Answers the accepted upload with the devices it carries (fewer than
   * `devices` when some turned out to be in the batch already), or undefined when none was left to send.
   */
  private async send(
    devices: readonly SubmitDevice[],
    repeat?: UploadRequest,
  ): Promise<CallResult<Sent | undefined>> {
    const onLost = (list: readonly SubmitDevice[]) => (delayMs: number) => {
      for (const d of list) this.onProgress(d.serial, { kind: 'retrying', reason: 'answer-lost', delayMs });
    };
    const post = async (
      request: UploadRequest,
      list: readonly SubmitDevice[],
      announce: boolean,
    ): Promise<CallResult<Sent | undefined>> => {
      if (announce) {
        try {
          await this.onUploadSending(request);
        } catch (error) {
          this.log(`submission upload-sending callback threw: ${String(error)}`);
        }
      } else {
        this.log(`partner-center request ${request.requestId} repeated (${request.kind}) after a restart`);
      }
      const body = list.map(batchDevice);
      const answer = await this.requests.call(
        'write',
        (token, ids) =>
          request.kind === 'create'
            ? this.client.createDeviceBatch(token, this.customerId, request.batchId, body, ids)
            : this.client.addDevicesToBatch(token, this.customerId, request.batchId, body, ids),
        onLost(list),
        request.requestId,
      );
      return answer.ok ? { ok: true, value: { accepted: answer.value, devices: list } } : answer;
    };
    const add = (batchId: string, list: readonly SubmitDevice[]) =>
      post(
        {
          requestId: this.requests.newRequestId(),
          kind: 'add',
          batchId,
          serials: list.map((d) => d.serial),
        },
        list,
        true,
      );

    if (repeat !== undefined) {
      const again = await post(repeat, devices, false);
      if (again.ok) this.batchExists = true;
      if (again.ok || repeat.kind === 'add' || again.failure.kind !== 'batch-exists') return again;
      // The batch exists, but Partner Center did not know this request any more: the earlier run's create
      // may have been carried out (its devices are then in the batch) or another upload made the batch.
      // Only the devices not in it yet are added; those in it were uploaded by that create.
      this.batchExists = true;
      const members = await this.requests.call('read', (token, ids) =>
        this.client.listBatchDevices(token, this.customerId, repeat.batchId, ids),
      );
      if (!members.ok) return members;
      const present = new Set(members.value.map((m) => serialKey(m.serialNumber)));
      const missing: SubmitDevice[] = [];
      for (const d of devices) {
        if (!present.has(serialKey(d.serial))) missing.push(d);
        else {
          this.log(`partner-center ${d.serial}: already in batch ${JSON.stringify(repeat.batchId)}`);
          this.end(d, {
            serial: d.serial,
            state: 'registered',
            registrationId: undefined,
            recordDeleted: false,
          });
        }
      }
      return missing.length === 0 ? { ok: true, value: undefined } : add(repeat.batchId, missing);
    }
    if (!this.batchExists) {
      const created = await post(
        {
          requestId: this.requests.newRequestId(),
          kind: 'create',
          batchId: this.batchId,
          serials: devices.map((d) => d.serial),
        },
        devices,
        true,
      );
      if (created.ok) {
        this.batchExists = true;
        return created;
      }
      if (created.failure.kind !== 'batch-exists') return created;
      this.log(`partner-center batch ${JSON.stringify(this.batchId)} exists; adding to it`);
      this.batchExists = true;
    }
    return add(this.batchId, devices);
  }

  /** Polls adaptively until the upload is finished (with or without errors) or the deadline passes. */
  private async waitForBatch(
    devices: readonly SubmitDevice[],
    location: string,
  ): Promise<
    | { readonly ok: true; readonly value: BatchJobStatus; readonly waitedMs: number }
    | { readonly ok: false; readonly problem: SubmissionProblem }
  > {
    const started = this.clock.now();
    const seen = new Map<string, DeviceUploadState>();
    for (const d of devices) {
      seen.set(serialKey(d.serial), 'in_progress');
      this.onProgress(d.serial, { kind: 'processing', status: 'pending' });
    }
    for (let poll = 0; ; poll++) {
      if (this.requests.interruption.interrupted) return { ok: false, problem: { kind: 'network' } };
      const step = nextPoll(poll, started, this.clock.now(), this.poll);
      if (step.kind === 'deadline') {
        this.log(`partner-center upload ${location} still not finished; the next run adds the devices again`);
        return { ok: false, problem: { kind: 'still-processing', waitedMs: this.clock.now() - started } };
      }
      await this.requests.interruption.sleep(step.delayMs);
      const read = await this.requests.call('read', (token, ids) =>
        this.client.getBatchStatus(token, location, ids),
      );
      if (!read.ok) return { ok: false, problem: problemOf(read.failure) };
      for (const s of read.value.devices) {
        const key = serialKey(s.serialNumber);
        if (seen.get(key) === s.status) continue;
        seen.set(key, s.status);
        const device = devices.find((d) => serialKey(d.serial) === key);
        if (device) this.onProgress(device.serial, { kind: 'processing', status: importStatus(s.status) });
      }
      if (read.value.status === 'finished' || read.value.status === 'finished_with_errors') {
        return { ok: true, value: read.value, waitedMs: this.clock.now() - started };
      }
    }
  }

  /** One device's result from its line of the finished upload; 'again' when it is worth uploading again. */
  private resultOf(
    device: SubmitDevice,
    status: DeviceUploadStatus | undefined,
    waitedMs: number,
    canRetry: boolean,
  ): DeviceResult | 'again' {
    const failed = (problem: SubmissionProblem): DeviceResult => ({
      serial: device.serial,
      state: 'failed',
      problem,
      recordDeleted: false,
    });
    if (status === undefined) {
      // The finished upload does not account for this device: nothing says whether it was registered.
      this.log(`partner-center ${device.serial}: missing from the finished upload's devicesStatus`);
      return failed({ kind: 'bad-response' });
    }
    // A device that finished without an error may carry errorCode "0" or "" (DeviceUploadDetails documents
    // errorCode as a string, set on errors); on a finished device it is no error.
    if (status.status === 'finished' && (status.errorCode === undefined || status.errorCode === '0')) {
      return { serial: device.serial, state: 'registered', registrationId: undefined, recordDeleted: false };
    }
    if (status.status === 'in_progress' || status.status === 'unknown') {
      if (status.errorCode === undefined) return failed({ kind: 'still-processing', waitedMs });
    }
    const outcome = mapDeviceUploadError(status.errorCode, status.errorDescription);
    this.log(
      `partner-center ${device.serial}: device error ${status.errorCode ?? '-'} ` +
        `${status.errorDescription ?? '-'}`,
    );
    if (outcome.kind === 'already-registered') {
      return { serial: device.serial, state: 'already-registered', outcome, recordDeleted: false };
    }
    if (outcome.kind === 'retryable' && canRetry) return 'again';
    return failed({ kind: 'import-error', outcome });
  }

  private failAll(devices: readonly SubmitDevice[], problem: SubmissionProblem): void {
    for (const device of devices) {
      this.end(device, { serial: device.serial, state: 'failed', problem, recordDeleted: false });
    }
  }

  private end(device: SubmitDevice, outcome: DeviceResult): void {
    // A device that failed once the run was interrupted failed because of it: not final, sent again later.
    const result: DeviceResult =
      outcome.state === 'failed' && this.requests.interruption.interrupted && !this.requests.stopped
        ? { serial: outcome.serial, state: 'interrupted', recordDeleted: false }
        : outcome;
    this.results.set(serialKey(device.serial), result);
    this.log(
      `submission ${device.serial}: ${result.state}${result.state === 'failed' ? ` (${result.problem.kind})` : ''}`,
    );
    this.onProgress(device.serial, { kind: 'finished', result });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Requests

/**
 * Sends logical requests: waits for the budget (and any Retry-After), renews the token once on a 401, and
 * retries passing faults with the same MS-RequestId, so a write whose answer was lost is repeated as the
 * same request and Partner Center carries it out once.
 */
class PartnerCenterRequests {
  readonly correlationId: string;
  readonly interruption: Interruption;
  readonly newRequestId: () => string;
  private readonly pacer: RequestPacer<PartnerCenterFailure>;
  private readonly log: (line: string) => void;

  constructor(options: PartnerCenterRequestOptions) {
    const clock = options.clock ?? systemClock;
    this.interruption = new Interruption(clock, options.signal);
    const random = options.random ?? Math.random;
    const budget =
      options.budget instanceof RateBudget
        ? options.budget
        : new RateBudget(options.budget ?? NO_KNOWN_LIMITS, () => clock.now());
    const retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.newRequestId = options.newRequestId ?? randomUUID;
    this.correlationId = options.correlationId ?? randomUUID();
    this.log = options.log ?? (() => undefined);
    this.pacer = new RequestPacer<PartnerCenterFailure>({
      service: 'partner-center',
      token: options.token,
      budget,
      clock,
      interruption: this.interruption,
      retry,
      random,
      log: this.log,
      interrupted: INTERRUPTED,
    });
  }

  /**
   * One logical request, with one MS-RequestId for all its attempts (`requestId`, or a new one). `onRetry`
   * hears of each retry after a lost answer (a dropped connection, a timeout, a 5xx), with the wait before it.
   */
  call<T>(
    kind: RequestKind,
    send: (token: string, ids: RequestIds) => Promise<PartnerCenterResult<T>>,
    onRetry?: (delayMs: number) => void,
    requestId: string = this.newRequestId(),
  ): Promise<CallResult<T>> {
    const ids: RequestIds = { requestId, correlationId: this.correlationId };
    return this.pacer.call(kind, (token) => send(token, ids), {
      onRetry: (failure, delayMs) => {
        this.log(`partner-center request ${ids.requestId} retried after ${failure} (same request ID)`);
        onRetry?.(delayMs);
      },
    });
  }

  /** Set once the run stopped (token, permission): nothing more is sent. */
  get stopped(): StopProblem | undefined {
    return this.pacer.stopped;
  }

  /** Stopped (token, permission) or interrupted: nothing more is sent. */
  get halted(): boolean {
    return this.pacer.halted;
  }
}

/** An accepted upload and the devices it carries. */
interface Sent {
  readonly accepted: UploadAccepted;
  readonly devices: readonly SubmitDevice[];
}

/** What a request of an interrupted run gets instead of an answer (its devices end `interrupted`). */
const INTERRUPTED: PartnerCenterFailure = Object.freeze({
  kind: 'network',
  code: 'interrupted',
  retryable: false,
});

/** Why a request failed, as the technician's problem. */
export function problemOf(failure: PartnerCenterFailure | StopProblem): SubmissionProblem {
  switch (failure.kind) {
    case 'token':
    case 'permission':
    case 'mfa-required':
      return { kind: failure.kind };
    case 'throttled':
      return { kind: 'throttled' };
    case 'unauthorized':
      return { kind: 'token' };
    case 'forbidden':
      return { kind: 'permission' };
    case 'not-found':
      return { kind: 'refused', status: 404, code: failure.code };
    case 'batch-exists':
      return { kind: 'refused', status: 409, code: failure.code };
    case 'bad-request':
      return { kind: 'refused', status: failure.status, code: failure.code };
    case 'server-error':
      return { kind: 'service-unavailable' };
    case 'network':
      return { kind: 'network' };
    case 'bad-response':
      return { kind: 'bad-response' };
    default:
      return assertNever(failure);
  }
}

/**
 * What is uploaded for a device: hash + serial (+ product key), a documented combination (BatchDevice);
 * never the maker and model beside a hash, which is not one.
 */
function batchDevice(device: SubmitDevice): BatchDevice {
  return {
    serialNumber: device.serial,
    hardwareHash: device.hardwareHash,
    ...(device.productKey ? { productKey: device.productKey } : {}),
  };
}

/** A device's upload state in the Graph submitter's progress words, so one screen shows both services. */
function importStatus(state: DeviceUploadState): ImportStatus {
  switch (state) {
    case 'finished':
      return 'complete';
    case 'finished_with_errors':
      return 'error';
    case 'in_progress':
      return 'pending';
    case 'unknown':
      return 'unknown';
    default:
      return assertNever(state);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
