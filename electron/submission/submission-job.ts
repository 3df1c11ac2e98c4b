/**
 * A submission as a durable job: the devices and the service are journaled before anything is sent, every
 * per-device state change is journaled as it happens and reported only once it is on disk, and the job is
 * marked finished when the run ends. So a run killed halfway can be resumed without sending again a device
 * that already reached a final state, and "retry failed" sends only the failed ones.
 *
 * Decisions:
 * - Resume is automatic: `runSubmissionJob` resumes the latest unfinished job for the same service, customer
 *   and tag when it lists every device asked for and the devices it lists but not asked for are already
 *   final; otherwise it starts a new job (an unfinished job for other devices is left as it is, and still
 *   listed as unfinished).
 * - In a resumed job, devices `registered` or `already-registered` are not sent again and neither are
 *   `failed` ones, unless `retryFailed` is set. `pending` and `imported` ones are sent again: the service
 *   reuses an import record that already exists for the serial, so nothing is imported twice.
 * - `retryFailedJob` sends the failed devices of a job as a new job (`retryOf` names the first), so each
 *   job stays one run with its own start, states and end; a job still unfinished is resumed instead, with
 *   its failed devices sent again.
 * - Graph: a device's final state is journaled when the submitter reports it `concluded`, right before it
 *   deletes the import record (after setting the group tag where needed); the client waits for `durable()`
 *   before deleting one (`journaledGraphApi`), so a kill never leaves a final device whose record is gone
 *   while the journal calls it `imported` (a kill between the journal write and the delete leaves a final
 *   record behind instead: harmless, the job's own records are cleaned up by its next run). The import
 *   record's id is journaled with `imported` (`importId`) and kept with the final state.
 *   Partner Center's states are taken from `finished` only.
 * - Partner Center: each upload request is journaled on its devices (`pending`, with its MS-RequestId,
 *   create or add, and batch) before it is sent, and its Location (`imported`) once accepted. A resumed
 *   run repeats a request whose answer was never journaled under the same MS-RequestId (Partner Center
 *   carries it out once) and follows an accepted Location. A device that failed while its upload was in
 *   flight (still processing, the answer lost) keeps it, so "retry failed" follows it (or repeats it)
 *   instead of uploading again; a Location Partner Center no longer knows (404) is uploaded again.
 * - An interrupted run (the submitter's signal) journals nothing more for its unfinished devices and
 *   leaves the job unfinished: `SubmissionInterruptedError`.
 *
 * The submitter is injected (`submitToGraph`, or Partner Center's with the same shape) with its client,
 * token and budget already bound.
 */
import { randomUUID } from 'node:crypto';
import { isFinalSubmissionState } from '../../shared/ledger/ledger-events';
import type {
  PartnerCenterUploadKind,
  SubmissionDeviceDetail,
  SubmissionDeviceState,
  SubmissionService,
} from '../../shared/ledger/ledger-events';
import type { SubmissionJob } from '../../shared/ledger/ledger-state';
import { outcomeDetail, problemDetail } from '../../shared/ledger/submission-detail';
import type { Ledger, SubmissionStart, SubmissionUpdate } from '../ledger/ledger';
import type { DeviceProgress, DeviceResult, SubmissionReport, SubmitDevice } from './graph-submitter';

/** What the job gives the submitter besides the devices. */
export interface SubmitRunOptions {
  readonly onProgress: (serial: string, progress: DeviceProgress) => void;
  /** The job's correlation id (Partner Center sends it as `MS-CorrelationId`). */
  readonly correlationId: string;
  /**
   * Journals that the service accepted these serials under `trackingId` (Partner Center: the upload's
   * status Location), as `imported`; resolves once that is on disk. A submitter that follows accepted
   * uploads calls it before it polls, so a killed run can follow the same upload instead of sending again.
   */
  readonly recordAccepted: (serials: readonly string[], trackingId: string) => Promise<void>;
  /** Serials an earlier run of this job left accepted and not final, by tracking id (to follow, not resend). */
  readonly accepted: ReadonlyMap<string, readonly string[]>;
  /** Graph import record ids this job journaled (its own records, which it may clean up). */
  readonly ownImportIds: ReadonlySet<string>;
  /**
   * Journals an upload request about to be sent (Partner Center: its MS-RequestId, create or add, batch,
   * serials) on its devices, still `pending`; resolves once that is on disk. A submitter calls it before
   * each upload request, so a run killed before the answer (or its acceptance) was journaled repeats the
   * same request instead of uploading the devices again under a new request ID.
   */
  readonly recordSending: (upload: UploadInFlight) => Promise<void>;
  /** Upload requests an earlier run of this job sent without a journaled answer: to repeat, as they were. */
  readonly sending: readonly UploadInFlight[];
}

/** An upload request sent (or about to be) for some devices of the job, as journaled. */
export interface UploadInFlight {
  readonly requestId: string;
  readonly kind: PartnerCenterUploadKind;
  readonly batchId: string;
  readonly serials: readonly string[];
}

/**
 * Thrown by a run whose submitter was interrupted (`SubmissionReport.interrupted`): what was journaled
 * stays, the devices not final stay as they were, and the job stays unfinished, to be resumed.
 */
export class SubmissionInterruptedError extends Error {
  constructor(readonly jobId: string) {
    super(`Submission job ${jobId} was interrupted; it can be resumed.`);
    this.name = 'SubmissionInterruptedError';
  }
}

/** `submitToGraph` (or Partner Center's) with its client, token and budget bound. */
export type SubmitFunction = (
  devices: readonly SubmitDevice[],
  options: SubmitRunOptions,
) => Promise<SubmissionReport>;

/** Where jobs are journaled: the ledger, or `memoryJobStore()` where there is none (submitting files). */
export type SubmissionJobStore = Pick<
  Ledger,
  'submissionJobs' | 'submissionJob' | 'startSubmission' | 'recordSubmissionStates' | 'finishSubmission'
>;

export interface JobDevice {
  /** The ledger id (`deviceIdFor`). */
  readonly deviceId: string;
  readonly device: SubmitDevice;
}

export type FinalSubmissionState = 'registered' | 'already-registered' | 'failed';

/** One device's end state in this job. */
export interface JobDeviceOutcome {
  readonly deviceId: string;
  readonly serial: string;
  readonly state: FinalSubmissionState;
  /** What the service said, as journaled (`problemFromDetail` / `outcomeFromDetail` explain it). */
  readonly detail: SubmissionDeviceDetail;
  /** Final already before this run (a resumed job): not sent again. */
  readonly carried: boolean;
}

/** A state change, reported only once it is on disk. */
export interface JobChange {
  readonly jobId: string;
  readonly deviceId: string;
  readonly serial: string;
  readonly state: SubmissionDeviceState;
  readonly detail: SubmissionDeviceDetail;
}

export interface JobRunResult {
  readonly job: SubmissionJob;
  readonly resumed: boolean;
  /** One per device of the job, in the job's order. */
  readonly devices: readonly JobDeviceOutcome[];
  readonly stopped: SubmissionReport['stopped'];
}

export interface JobRunOptions {
  readonly store: SubmissionJobStore;
  readonly submit: SubmitFunction;
  /** Called after each state change is durable. Must not throw. */
  readonly onChange?: (change: JobChange) => void;
  /** Called once the job is known, before anything is sent (new or resumed). */
  readonly onStart?: (job: SubmissionJob, resumed: boolean) => void;
  /** For tests: job and correlation ids. */
  readonly newId?: () => string;
  /** Receives the barrier (`durable`) as soon as the job has started, for the client wrapper. */
  readonly journal?: JobJournalHandle;
}

export interface JobRequest {
  readonly service: SubmissionService;
  readonly customerTenantId?: string;
  readonly groupTag: string;
  readonly devices: readonly JobDevice[];
  /** When a matching unfinished job is resumed, send its failed devices again too. */
  readonly retryFailed?: boolean;
}

/**
 * Lets a service client wait until every state change journaled so far is on disk (before it deletes an
 * import record, for instance). Usable before the job starts: it then resolves at once.
 */
export class JobJournalHandle {
  private writer: JournalWriter | undefined;

  /** Resolves once everything journaled so far is durable; rejects when journaling failed. */
  durable(): Promise<void> {
    return this.writer ? this.writer.flushed() : Promise.resolve();
  }

  /** @internal */
  attach(writer: JournalWriter): void {
    this.writer = writer;
  }
}

/**
 * Creates a job for the devices, or resumes the matching unfinished one (see the module comment). A resumed
 * job reports all its devices, those not asked for again included (they are final).
 */
export async function runSubmissionJob(request: JobRequest, options: JobRunOptions): Promise<JobRunResult> {
  const wanted = new Set(request.devices.map((d) => d.deviceId));
  const resumable = options.store
    .submissionJobs()
    .filter(
      (job) =>
        job.finishedAt === undefined &&
        job.service === request.service &&
        job.customerTenantId === request.customerTenantId &&
        job.groupTag === request.groupTag &&
        resumes(job, wanted),
    )
    .at(-1);
  const devices = new Map(request.devices.map((d) => [d.deviceId, d.device]));
  if (resumable) return execute(resumable, devices, true, request.retryFailed ?? false, options);
  const newId = options.newId ?? randomUUID;
  const job = await options.store.startSubmission({
    jobId: newId(),
    service: request.service,
    ...(request.customerTenantId !== undefined ? { customerTenantId: request.customerTenantId } : {}),
    groupTag: request.groupTag,
    devices: uniqueDevices(request.devices),
    correlationId: newId(),
  });
  return execute(job, devices, false, false, options);
}

/**
 * Sends the failed devices of `jobId` again: a new job naming it (`retryOf`); when that job is unfinished,
 * it is resumed with its failed devices sent again. `devices` supplies what to send for each device id
 * (the ledger's devices); a failed device it lacks (removed since) stays failed and is not sent.
 */
export async function retryFailedJob(
  jobId: string,
  devices: ReadonlyMap<string, SubmitDevice>,
  options: JobRunOptions,
): Promise<JobRunResult> {
  const job = options.store.submissionJob(jobId);
  if (job === undefined) throw new RangeError(`No submission job ${jobId}.`);
  if (job.finishedAt === undefined) return execute(job, devices, true, true, options);
  const failed = job.devices.filter((d) => d.state === 'failed' && devices.has(d.deviceId));
  const newId = options.newId ?? randomUUID;
  const start: SubmissionStart = {
    jobId: newId(),
    service: job.service,
    ...(job.customerTenantId !== undefined ? { customerTenantId: job.customerTenantId } : {}),
    groupTag: job.groupTag,
    devices: failed.map((d) => ({ deviceId: d.deviceId, serial: d.serial })),
    correlationId: newId(),
    retryOf: job.id,
  };
  const started = await options.store.startSubmission(start);
  // A device that failed while its upload was still in flight (still processing, an answer lost) starts
  // the new job where it stood: its upload is followed, or its request repeated, before anything is sent.
  const carried: SubmissionUpdate[] = failed.flatMap((d) => {
    const inFlight = inFlightOf(d.detail);
    return inFlight === undefined ? [] : [{ jobId: started.id, deviceId: d.deviceId, ...inFlight }];
  });
  if (carried.length > 0) await options.store.recordSubmissionStates(carried);
  const retry = carried.length > 0 ? (options.store.submissionJob(started.id) ?? started) : started;
  return execute(retry, devices, false, false, options);
}

/** The unfinished jobs (killed mid-run), latest last. */
export function unfinishedJobs(store: SubmissionJobStore): readonly SubmissionJob[] {
  return store.submissionJobs().filter((job) => job.finishedAt === undefined);
}

async function execute(
  job: SubmissionJob,
  devices: ReadonlyMap<string, SubmitDevice>,
  resumed: boolean,
  retryFailed: boolean,
  options: JobRunOptions,
): Promise<JobRunResult> {
  const writer = new JournalWriter(options.store);
  options.journal?.attach(writer);
  const onChange = options.onChange ?? (() => undefined);
  options.onStart?.(job, resumed);

  /** What the journal says (or will once the write lands) of each device. */
  const current = new Map(job.devices.map((d) => [d.deviceId, { state: d.state, detail: d.detail }]));
  const toSend: JobDevice[] = [];
  const again: SubmissionUpdate[] = [];
  for (const d of job.devices) {
    const device = devices.get(d.deviceId);
    const sendAgain = d.state === 'failed' && retryFailed;
    if (device === undefined || (isFinalSubmissionState(d.state) && !sendAgain)) continue;
    toSend.push({ deviceId: d.deviceId, device });
    if (sendAgain) {
      // Still in flight when it failed: followed (or its request repeated), not uploaded again.
      const next = inFlightOf(d.detail) ?? { state: 'pending', detail: {} };
      again.push({ jobId: job.id, deviceId: d.deviceId, ...next });
      current.set(d.deviceId, next);
    }
  }
  const sending = new Set(toSend.map((d) => d.deviceId));
  // Devices the job lists but that cannot be sent now (removed from the ledger since): failed, said so.
  for (const d of job.devices) {
    if (!sending.has(d.deviceId) && !isFinalSubmissionState(current.get(d.deviceId)!.state)) {
      again.push({
        jobId: job.id,
        deviceId: d.deviceId,
        state: 'failed',
        detail: { problem: 'device-missing' },
      });
      current.set(d.deviceId, { state: 'failed', detail: { problem: 'device-missing' } });
    }
  }
  if (again.length > 0) await options.store.recordSubmissionStates(again);
  const serialOf = new Map(job.devices.map((d) => [d.deviceId, d.serial]));

  // Progress arrives by serial; a serial may stand for more than one device id (the submitter sends it once).
  const bySerial = new Map<string, string[]>();
  for (const d of toSend) {
    const key = serialKey(d.device.serial);
    bySerial.set(key, [...(bySerial.get(key) ?? []), d.deviceId]);
  }

  const change = (deviceId: string, state: SubmissionDeviceState, detail: SubmissionDeviceDetail): void => {
    const before = current.get(deviceId);
    const sameState = before?.state === state;
    if (sameState && (Object.keys(detail).length === 0 || sameDetail(before.detail, detail))) return;
    // A final state is never taken back by a late progress report.
    if (before && isFinalSubmissionState(before.state) && !isFinalSubmissionState(state)) return;
    // The service's record ids stay with the device once known (pending is a fresh start: retry failed),
    // and so does an upload still in flight when the device failed waiting for it (see inFlightOf).
    const merged = sameState
      ? { ...before.detail, ...detail }
      : {
          ...(state === 'pending' ? {} : recordIds(before?.detail)),
          ...(state === 'failed' && before !== undefined && IN_FLIGHT_PROBLEMS.has(detail.problem ?? '')
            ? uploadIds(before)
            : {}),
          ...detail,
        };
    current.set(deviceId, { state, detail: merged });
    writer
      .enqueue({ jobId: job.id, deviceId, state, detail: merged })
      .then(() => {
        if (!sameState)
          onChange({ jobId: job.id, deviceId, serial: serialOf.get(deviceId) ?? '', state, detail: merged });
      })
      .catch(() => undefined);
  };

  const onProgress = (serial: string, progress: DeviceProgress): void => {
    for (const deviceId of bySerial.get(serialKey(serial)) ?? []) {
      const next = stateFromProgress(progress);
      if (next) change(deviceId, next.state, next.detail);
    }
  };

  const recordAccepted = (serials: readonly string[], trackingId: string): Promise<void> => {
    for (const serial of serials) {
      for (const deviceId of bySerial.get(serialKey(serial)) ?? [])
        change(deviceId, 'imported', { trackingId });
    }
    return writer.flushed();
  };
  const recordSending = (upload: UploadInFlight): Promise<void> => {
    const detail: SubmissionDeviceDetail = {
      requestId: upload.requestId,
      upload: upload.kind,
      batchId: upload.batchId,
    };
    for (const serial of upload.serials) {
      for (const deviceId of bySerial.get(serialKey(serial)) ?? []) change(deviceId, 'pending', detail);
    }
    return writer.flushed();
  };
  const inFlight = new Map<string, UploadInFlight & { serials: string[] }>();
  for (const d of toSend) {
    const known = current.get(d.deviceId)!;
    const { requestId, upload, batchId } = known.detail;
    if (known.state !== 'pending' || requestId === undefined || upload === undefined || batchId === undefined)
      continue;
    const request = inFlight.get(requestId) ?? { requestId, kind: upload, batchId, serials: [] };
    request.serials.push(d.device.serial);
    inFlight.set(requestId, request);
  }
  const accepted = new Map<string, string[]>();
  const ownImportIds = new Set<string>();
  for (const d of job.devices) {
    const importId = current.get(d.deviceId)?.detail.importId;
    if (importId !== undefined) ownImportIds.add(importId);
  }
  for (const d of toSend) {
    const known = current.get(d.deviceId)!;
    const trackingId = known.detail.trackingId;
    if (known.state !== 'imported' || trackingId === undefined) continue;
    accepted.set(trackingId, [...(accepted.get(trackingId) ?? []), d.device.serial]);
  }

  let report: SubmissionReport | undefined;
  if (toSend.length > 0) {
    report = await options.submit(
      toSend.map((d) => d.device),
      {
        onProgress,
        correlationId: job.correlationId,
        recordAccepted,
        accepted,
        ownImportIds,
        recordSending,
        sending: [...inFlight.values()],
      },
    );
    // The report is the authority: a device whose final state the progress did not carry gets it now.
    report.devices.forEach((result, i) => {
      const next = finalOf(result);
      if (next) change(toSend[i]!.deviceId, next.state, next.detail);
    });
    if (report.interrupted) {
      // What was journaled stays; the job stays unfinished, to be resumed.
      await writer.flushed();
      throw new SubmissionInterruptedError(job.id);
    }
  }
  await writer.flushed();
  await options.store.finishSubmission(job.id);

  const finished = options.store.submissionJob(job.id) ?? job;
  return {
    job: finished,
    resumed,
    devices: finished.devices.map((d) => {
      const known = current.get(d.deviceId)!;
      return {
        deviceId: d.deviceId,
        serial: d.serial,
        // Every device is final here: sent and answered, carried over, or failed as missing.
        state: isFinalSubmissionState(known.state) ? known.state : 'failed',
        detail: known.detail,
        carried: !sending.has(d.deviceId) && isFinalSubmissionState(jobState(job, d.deviceId)),
      };
    }),
    stopped: report?.stopped,
  };
}

/** The journal state a progress report means, if it changes it. */
function stateFromProgress(
  progress: DeviceProgress,
): { readonly state: SubmissionDeviceState; readonly detail: SubmissionDeviceDetail } | undefined {
  switch (progress.kind) {
    case 'reusing':
    case 'processing':
      // The end comes with `concluded` or `finished`: a `complete` record may still need its group tag, and
      // an `error` may still be retried (StorageError).
      return { state: 'imported', detail: recordIds(progress) };
    case 'concluded':
    case 'finished':
      return finalOf(progress.result);
    case 'queued':
    case 'importing':
    case 'retrying':
      return undefined;
  }
}

function finalOf(result: DeviceResult):
  | {
      readonly state: FinalSubmissionState;
      readonly detail: SubmissionDeviceDetail;
    }
  | undefined {
  switch (result.state) {
    case 'interrupted':
      return undefined;
    case 'registered':
      return {
        state: 'registered',
        detail: result.registrationId ? { registrationId: result.registrationId } : {},
      };
    case 'already-registered':
      return {
        state: 'already-registered',
        // The registration id stays only when the app set the device's group tag (see deviceMessage).
        detail: {
          ...outcomeDetail(result.outcome),
          ...(result.registrationId !== undefined ? { registrationId: result.registrationId } : {}),
        },
      };
    case 'failed':
      return { state: 'failed', detail: problemDetail(result.problem) };
  }
}

/**
 * Group commit: state changes that arrive while a write is under way go to disk together in the next
 * write (one fsync), so a thousand devices do not cost a thousand fsyncs, and each change is still
 * acknowledged only once it is durable. Once a write fails, every later change fails too (the caller
 * reports it); nothing is acknowledged that is not on disk.
 */
export class JournalWriter {
  private open: { readonly updates: SubmissionUpdate[]; readonly done: Promise<void> } | undefined;
  private last: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly store: Pick<SubmissionJobStore, 'recordSubmissionStates'>) {}

  enqueue(update: SubmissionUpdate): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.open === undefined) {
      const updates: SubmissionUpdate[] = [];
      const previous = this.last.catch(() => undefined);
      const done = previous.then(async () => {
        if (this.open?.updates === updates) this.open = undefined;
        if (this.failure !== undefined) throw this.failure;
        try {
          await this.store.recordSubmissionStates(updates);
        } catch (error) {
          this.failure ??= error;
          throw error;
        }
      });
      this.open = { updates, done };
      this.last = done;
      // Unhandled otherwise when nobody waits on this batch.
      done.catch(() => undefined);
    }
    this.open.updates.push(update);
    return this.open.done;
  }

  /** Resolves once every change enqueued so far is durable; rejects when one could not be written. */
  flushed(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return this.last;
  }
}

/**
 * Jobs kept in memory only: for submitting CSV files, where there is no ledger to journal into. Nothing
 * survives the process, so nothing is resumed.
 */
export function memoryJobStore(now: () => Date = () => new Date()): SubmissionJobStore {
  const jobs = new Map<string, SubmissionJob>();
  return {
    submissionJobs: () => [...jobs.values()],
    submissionJob: (id) => jobs.get(id),
    startSubmission: async (start) => {
      const at = now().toISOString();
      const job: SubmissionJob = {
        id: start.jobId,
        service: start.service,
        customerTenantId: start.customerTenantId,
        groupTag: start.groupTag,
        correlationId: start.correlationId,
        retryOf: start.retryOf,
        startedAt: at,
        finishedAt: undefined,
        devices: start.devices.map((d) => ({ ...d, state: 'pending', at, detail: {} })),
      };
      jobs.set(job.id, job);
      return job;
    },
    recordSubmissionStates: async (updates) => {
      const at = now().toISOString();
      for (const u of updates) {
        const job = jobs.get(u.jobId);
        if (!job) throw new RangeError(`No submission job ${u.jobId}.`);
        jobs.set(job.id, {
          ...job,
          devices: job.devices.map((d) =>
            d.deviceId === u.deviceId ? { ...d, state: u.state, at, detail: u.detail ?? {} } : d,
          ),
        });
      }
    },
    finishSubmission: async (jobId) => {
      const job = jobs.get(jobId);
      if (job && job.finishedAt === undefined) jobs.set(jobId, { ...job, finishedAt: now().toISOString() });
    },
  };
}

function uniqueDevices(devices: readonly JobDevice[]): { deviceId: string; serial: string }[] {
  const seen = new Set<string>();
  const out: { deviceId: string; serial: string }[] = [];
  for (const d of devices) {
    if (seen.has(d.deviceId)) continue;
    seen.add(d.deviceId);
    out.push({ deviceId: d.deviceId, serial: d.device.serial });
  }
  return out;
}

/**
 * Whether resuming `job` is what asking for `wanted` means: it lists every device asked for, and every
 * device it lists but that is not asked for is already final (so `submit --new` after a kill, which leaves
 * out the devices registered before the kill, resumes the job too).
 */
function resumes(job: SubmissionJob, wanted: ReadonlySet<string>): boolean {
  const listed = new Set(job.devices.map((d) => d.deviceId));
  for (const id of wanted) if (!listed.has(id)) return false;
  return job.devices.every((d) => wanted.has(d.deviceId) || isFinalSubmissionState(d.state));
}

function jobState(job: SubmissionJob, deviceId: string): SubmissionDeviceState {
  return job.devices.find((d) => d.deviceId === deviceId)?.state ?? 'pending';
}

/** The service's record ids in a detail or a progress report. */
function recordIds(
  from: { readonly importId?: string | undefined; readonly registrationId?: string | undefined } | undefined,
): SubmissionDeviceDetail {
  return {
    ...(from?.importId !== undefined ? { importId: from.importId } : {}),
    ...(from?.registrationId !== undefined ? { registrationId: from.registrationId } : {}),
  };
}

/**
 * Problems a device can fail with while its upload was in flight and may still be carried out: Partner
 * Center still processing it at the deadline, or the answer lost (network, service fault, throttling, a
 * stop). The upload (its Location, or its request) stays with the failed device, so "retry failed" follows
 * it, or repeats the request, instead of uploading the device again. A device failed by the finished
 * upload's own answer (808, a bad hash...) is uploaded again on retry.
 */
const IN_FLIGHT_PROBLEMS: ReadonlySet<string> = new Set([
  'still-processing',
  'network',
  'service-unavailable',
  'throttled',
  'token',
  'permission',
]);

/** Where an upload in flight stands: its Location once accepted, else the request sent. */
function uploadIds(before: {
  readonly state: SubmissionDeviceState;
  readonly detail: SubmissionDeviceDetail;
}): SubmissionDeviceDetail {
  const { trackingId, requestId, upload, batchId } = before.detail;
  if (before.state === 'imported' && trackingId !== undefined) return { trackingId };
  if (before.state === 'pending' && requestId !== undefined && upload !== undefined && batchId !== undefined)
    return { requestId, upload, batchId };
  return {};
}

/**
 * What a failed device resumes as when it is sent again: `imported` with the Location to follow, or
 * `pending` with the request to repeat, when it failed with its upload in flight; undefined otherwise.
 */
function inFlightOf(
  detail: SubmissionDeviceDetail,
): { readonly state: SubmissionDeviceState; readonly detail: SubmissionDeviceDetail } | undefined {
  if (!IN_FLIGHT_PROBLEMS.has(detail.problem ?? '')) return undefined;
  const { trackingId, requestId, upload, batchId } = detail;
  if (trackingId !== undefined) return { state: 'imported', detail: { trackingId } };
  if (requestId !== undefined && upload !== undefined && batchId !== undefined)
    return { state: 'pending', detail: { requestId, upload, batchId } };
  return undefined;
}

function sameDetail(a: SubmissionDeviceDetail, b: SubmissionDeviceDetail): boolean {
  const merged = { ...a, ...b };
  return Object.keys(merged).every(
    (k) => a[k as keyof SubmissionDeviceDetail] === merged[k as keyof SubmissionDeviceDetail],
  );
}

/** Serials compare without case and surrounding spaces, as the submitter (and Autopilot) match them. */
function serialKey(serial: string): string {
  return serial.trim().toUpperCase();
}
