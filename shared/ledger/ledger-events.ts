/**
 * What the device ledger records: one event per line of an append-only journal. The ledger's state (which
 * devices there are, what happened to each) is never stored, only derived by replaying these events
 * (`LedgerState`), so a torn or damaged line costs one event, never the whole ledger.
 *
 * Pure: no Node APIs, because the renderer shows device histories too.
 */
import { z } from 'zod';
import { CSV_FORMATS } from '../csv/csv-writer';
import type { CsvFormat } from '../csv/csv-writer';

export { inReplayOrder, LedgerState } from './ledger-state';

/** Where a device's row came from: collected on this computer, or a line of an imported CSV. */
export type DeviceSource =
  | { readonly kind: 'collected'; readonly computerName: string }
  | { readonly kind: 'imported'; readonly file: string; readonly line: number };

/**
 * One thing that happened to devices. `deviceId` is `deviceIdFor(serial, manufacturer, model)`: stable across
 * collections, because Windows generates a new hash text each time.
 */
export type LedgerEvent =
  | ({
      readonly type: 'device-added';
      readonly deviceId: string;
      readonly source: DeviceSource;
    } & StoredDeviceFields)
  /** The same device again with the same hardware (a duplicate): history only, the device is unchanged. */
  | { readonly type: 'device-seen'; readonly deviceId: string; readonly source: DeviceSource }
  /** Same identity, different hardware fingerprint (a board or disk was replaced): the later hash is kept. */
  | {
      readonly type: 'device-replaced';
      readonly deviceId: string;
      readonly hash: string;
      readonly fingerprint: string;
      readonly productId: string;
      readonly groupTag: string;
      readonly assignedUser: string;
      readonly source: DeviceSource;
    }
  | {
      readonly type: 'devices-exported';
      readonly deviceIds: readonly string[];
      readonly file: string;
      readonly format: CsvFormat;
      readonly groupTag: string;
    }
  /**
   * The technician set these devices' own group tag (the correction of a mistyped one, offered beside it),
   * where it was `from`. Only a known tag is set this way.
   */
  | {
      readonly type: 'group-tag-set';
      readonly deviceIds: readonly string[];
      readonly groupTag: string;
      readonly from: string;
    }
  /** Deleting is an event, not an erase, so it can be undone (`devices-restored`). */
  | { readonly type: 'devices-deleted'; readonly deviceIds: readonly string[] }
  | { readonly type: 'devices-restored'; readonly deviceIds: readonly string[] };

export type LedgerEventType = LedgerEvent['type'];

/** The services a submission job sends devices to. */
export const SUBMISSION_SERVICES = ['graph', 'partner-center'] as const;
export type SubmissionService = (typeof SUBMISSION_SERVICES)[number];

/**
 * Where one device of a submission job stands. `pending`: not yet known to the service (or the answer was
 * lost); `imported`: the service holds an import record (Graph) or a batch entry (Partner Center) still
 * being processed; the other three are final.
 */
export const SUBMISSION_DEVICE_STATES = [
  'pending',
  'imported',
  'registered',
  'already-registered',
  'failed',
] as const;
export type SubmissionDeviceState = (typeof SUBMISSION_DEVICE_STATES)[number];

/** The final submission states: a device in one of these is never sent again by the same job. */
export function isFinalSubmissionState(
  state: SubmissionDeviceState,
): state is 'registered' | 'already-registered' | 'failed' {
  return state === 'registered' || state === 'already-registered' || state === 'failed';
}

/** Partner Center's two upload requests: `POST deviceBatches` (create) and `POST deviceBatches/{id}/devices`. */
export const PARTNER_CENTER_UPLOAD_KINDS = ['create', 'add'] as const;
export type PartnerCenterUploadKind = (typeof PARTNER_CENTER_UPLOAD_KINDS)[number];

/**
 * What the journal keeps of one device's answer: identifiers for support and the mapped outcome, enough to
 * explain a failure again after a restart (`problemFromDetail` in `submission-detail.ts`). Never a token,
 * never the hash (the ledger already holds it).
 */
export interface SubmissionDeviceDetail {
  /** Graph: the importedWindowsAutopilotDeviceIdentity id. */
  readonly importId?: string;
  /** Graph: the windowsAutopilotDeviceIdentities id once registered. */
  readonly registrationId?: string;
  /** Partner Center: where the upload's status is (its Location), which a resumed job follows. */
  readonly trackingId?: string;
  /**
   * Partner Center: the `MS-RequestId` of the device's latest upload, journaled (with `upload` and
   * `batchId`) before the request is sent, so a run killed before the answer came repeats that same request
   * (Partner Center's idempotency key) instead of uploading the device again under a new one.
   */
  readonly requestId?: string;
  /** Partner Center: which request that upload is, creating the batch or adding to it. */
  readonly upload?: PartnerCenterUploadKind;
  /** Partner Center: the batch the upload creates or adds to. */
  readonly batchId?: string;
  /** The mapped problem kind of a failed device (`SubmissionProblem['kind']`: `import-error`, `network`...). */
  readonly problem?: string;
  /** The mapped import outcome kind (`ImportOutcome['kind']`: `other-tenant`, `already-registered`...). */
  readonly outcome?: string;
  /** For `other-tenant`: whose hold (`OtherTenantHold`). */
  readonly hold?: string;
  /** The service's device error code (808) and name (`ZtdDeviceAssignedToOtherTenant`). */
  readonly errorCode?: number;
  readonly errorName?: string;
  /** For a refused request: the HTTP status and the service's error code. */
  readonly httpStatus?: number;
  readonly serviceCode?: string;
  /** For `still-processing`: how long this run waited. */
  readonly waitedMs?: number;
}

/**
 * A submission job's journal events. They are not device history (`LedgerDevice.history` keeps the device
 * events above); the ledger derives jobs and each device's latest submission state from them.
 */
export type SubmissionEvent =
  | {
      readonly type: 'submission-started';
      readonly jobId: string;
      readonly service: SubmissionService;
      /** Partner Center only: the customer the partner acts for. */
      readonly customerTenantId?: string;
      readonly groupTag: string;
      /** Every device is `pending` until a `submission-device` says otherwise. */
      readonly devices: readonly { readonly deviceId: string; readonly serial: string }[];
      /** Sent as `MS-CorrelationId` (Partner Center) and kept for support. */
      readonly correlationId: string;
      /** Set on a job that resubmits the failed devices of an earlier one. */
      readonly retryOf?: string;
    }
  | ({
      readonly type: 'submission-device';
      readonly jobId: string;
      readonly deviceId: string;
      readonly state: SubmissionDeviceState;
    } & SubmissionDeviceDetail)
  | { readonly type: 'submission-finished'; readonly jobId: string };

/** Anything a journal line can hold: device events and submission-job events. */
export type JournalEvent = LedgerEvent | SubmissionEvent;

/** One journal line's content. `LedgerRecord` (the default) is a device event, as device histories hold. */
export interface LedgerRecord<E extends JournalEvent = LedgerEvent> {
  /** Random and unique: how two copies of a journal (primary and mirror) are compared. */
  readonly id: string;
  /**
   * Increasing in the order one writer wrote its records; gaps are allowed (a failed write uses up its
   * numbers). Records merged in from a diverged mirror keep theirs, so a journal is replayed by `seq`
   * (`inReplayOrder`), not strictly in file order.
   */
  readonly seq: number;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly event: E;
}

/** Any journal record: what the journal reads and the ledger state replays. */
export type JournalRecord = LedgerRecord<JournalEvent>;

/**
 * Where a device stands in the ledger's own terms. Its submission state is kept beside it
 * (`LedgerState.submissionOf`), so screens that switch over this (with `assertNever`) are unaffected.
 */
export type DeviceState = 'new' | 'exported' | 'deleted';

export interface LedgerExport {
  readonly file: string;
  readonly format: CsvFormat;
  readonly groupTag: string;
  readonly at: string;
}

/** What the ledger stores of a device (the hash as text: it is decoded only when needed, never on open). */
export interface StoredDeviceFields {
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly productId: string;
  readonly groupTag: string;
  readonly assignedUser: string;
  /** Base64 text, as Windows wrote it (the latest after a replacement). */
  readonly hash: string;
  readonly fingerprint: string;
}

/** A device as the ledger knows it now, with every record that concerns it. Immutable snapshot. */
export interface LedgerDevice extends StoredDeviceFields {
  readonly id: string;
  readonly state: DeviceState;
  /** When the device was first added. */
  readonly addedAt: string;
  /** Where the device was first collected or imported; later sightings are in `history`. */
  readonly source: DeviceSource;
  readonly exports: readonly LedgerExport[];
  readonly history: readonly LedgerRecord[];
}

/** `2025-11-24T21:40:00.000Z`, or with an offset; what `Date.prototype.toISOString` writes and more. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const SourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('collected'), computerName: z.string() }),
  z.object({ kind: z.literal('imported'), file: z.string(), line: z.number().int().nonnegative() }),
]);

/**
 * The longest device id the ledger accepts, and the API with it (one bound, so every id the ledger lists can
 * be asked for by the UI). Ids the app writes are 16 hex digits (`deviceIdFor`); a hand-edited journal may
 * hold others, up to this.
 */
export const MAX_DEVICE_ID_LENGTH = 128;

export const DeviceIdSchema = z.string().min(1).max(MAX_DEVICE_ID_LENGTH);
const DeviceIdsSchema = z.array(DeviceIdSchema);

/** Job ids the app writes are UUIDs; a hand-edited journal may hold others, up to this. */
const JobIdSchema = z.string().min(1).max(128);
/** Ids and codes from a service: short, but bounded so a damaged line cannot hold a novel. */
const MAX_TEXT = 512;
const OptionalText = z.string().max(MAX_TEXT).optional();
/** A tracking id may be a status URL (Partner Center's Location). */
const MAX_LOCATION = 4_096;

const EventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('device-added'),
    deviceId: DeviceIdSchema,
    serial: z.string(),
    manufacturer: z.string(),
    model: z.string(),
    productId: z.string(),
    groupTag: z.string(),
    assignedUser: z.string(),
    hash: z.string(),
    fingerprint: z.string(),
    source: SourceSchema,
  }),
  z.object({ type: z.literal('device-seen'), deviceId: DeviceIdSchema, source: SourceSchema }),
  z.object({
    type: z.literal('device-replaced'),
    deviceId: DeviceIdSchema,
    hash: z.string(),
    fingerprint: z.string(),
    productId: z.string(),
    groupTag: z.string(),
    assignedUser: z.string(),
    source: SourceSchema,
  }),
  z.object({
    type: z.literal('devices-exported'),
    deviceIds: DeviceIdsSchema,
    file: z.string(),
    format: z.enum(CSV_FORMATS),
    groupTag: z.string(),
  }),
  z.object({
    type: z.literal('group-tag-set'),
    deviceIds: DeviceIdsSchema,
    groupTag: z.string(),
    from: z.string(),
  }),
  z.object({ type: z.literal('devices-deleted'), deviceIds: DeviceIdsSchema }),
  z.object({ type: z.literal('devices-restored'), deviceIds: DeviceIdsSchema }),
  z.object({
    type: z.literal('submission-started'),
    jobId: JobIdSchema,
    service: z.enum(SUBMISSION_SERVICES),
    customerTenantId: z.string().max(MAX_TEXT).optional(),
    groupTag: z.string(),
    devices: z.array(z.object({ deviceId: DeviceIdSchema, serial: z.string() })),
    correlationId: z.string().max(MAX_TEXT),
    retryOf: JobIdSchema.optional(),
  }),
  z.object({
    type: z.literal('submission-device'),
    jobId: JobIdSchema,
    deviceId: DeviceIdSchema,
    state: z.enum(SUBMISSION_DEVICE_STATES),
    importId: OptionalText,
    registrationId: OptionalText,
    trackingId: z.string().max(MAX_LOCATION).optional(),
    requestId: OptionalText,
    upload: z.enum(PARTNER_CENTER_UPLOAD_KINDS).optional(),
    batchId: OptionalText,
    problem: OptionalText,
    outcome: OptionalText,
    hold: OptionalText,
    errorCode: z.number().int().optional(),
    errorName: OptionalText,
    httpStatus: z.number().int().optional(),
    serviceCode: OptionalText,
    waitedMs: z.number().nonnegative().optional(),
  }),
  z.object({ type: z.literal('submission-finished'), jobId: JobIdSchema }),
]);

/**
 * The authority on what a record is: a journal line is `unknown` (hand-edited, from a newer version, or
 * damaged in a way its checksum missed) until this accepts it.
 */
export const LedgerRecordSchema: z.ZodType<JournalRecord> = z.object({
  id: z.string().min(1),
  seq: z.number().int().nonnegative(),
  at: z.string().regex(ISO_INSTANT),
  event: EventSchema,
});

/**
 * A journal line's parsed JSON as a record, or `undefined`. Never throws.
 *
 * Opening 100,000 devices must take well under a second, and a zod parse per line costs more than the rest
 * of opening together; so the three per-device event types, which make up nearly every line, are checked
 * structurally here (accepting exactly what the schema accepts), and anything else goes to the schema.
 */
export function readLedgerRecord(value: unknown): JournalRecord | undefined {
  if (isPlainRecord(value)) return value;
  const parsed = LedgerRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function isPlainRecord(value: unknown): value is LedgerRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.length === 0) return false;
  const seq = r.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return false;
  if (typeof r.at !== 'string' || !ISO_INSTANT.test(r.at)) return false;
  const e = r.event;
  if (typeof e !== 'object' || e === null) return false;
  const event = e as Record<string, unknown>;
  // A job's per-device states are most of a journal after a few large submissions.
  if (event.type === 'submission-device') return isPlainSubmissionDevice(event);
  if (!isDeviceId(event.deviceId) || !isSource(event.source)) return false;
  switch (event.type) {
    case 'device-added':
      return (
        typeof event.serial === 'string' &&
        typeof event.manufacturer === 'string' &&
        typeof event.model === 'string' &&
        isDeviceData(event)
      );
    case 'device-replaced':
      return isDeviceData(event);
    case 'device-seen':
      return true;
    default:
      return false;
  }
}

/**
 * A `submission-device` event exactly as the schema accepts it, and with no other field (the schema would
 * drop one, so such a line goes to the schema).
 */
function isPlainSubmissionDevice(event: Record<string, unknown>): boolean {
  for (const key in event) {
    const value = event[key];
    switch (key) {
      case 'type':
        break;
      case 'jobId':
        if (typeof value !== 'string' || value.length === 0 || value.length > 128) return false;
        break;
      case 'deviceId':
        if (!isDeviceId(value)) return false;
        break;
      case 'state':
        if (!(SUBMISSION_DEVICE_STATES as readonly unknown[]).includes(value)) return false;
        break;
      case 'trackingId':
        if (value !== undefined && (typeof value !== 'string' || value.length > MAX_LOCATION)) return false;
        break;
      case 'errorCode':
      case 'httpStatus':
        if (value !== undefined && !Number.isSafeInteger(value)) return false;
        break;
      case 'waitedMs':
        if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0))
          return false;
        break;
      case 'upload':
        if (value !== undefined && !(PARTNER_CENTER_UPLOAD_KINDS as readonly unknown[]).includes(value))
          return false;
        break;
      case 'importId':
      case 'registrationId':
      case 'requestId':
      case 'batchId':
      case 'problem':
      case 'outcome':
      case 'hold':
      case 'errorName':
      case 'serviceCode':
        if (value !== undefined && (typeof value !== 'string' || value.length > MAX_TEXT)) return false;
        break;
      default:
        return false;
    }
  }
  return typeof event.jobId === 'string' && typeof event.deviceId === 'string' && 'state' in event;
}

function isDeviceId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_DEVICE_ID_LENGTH;
}

function isDeviceData(event: Record<string, unknown>): boolean {
  return (
    typeof event.productId === 'string' &&
    typeof event.groupTag === 'string' &&
    typeof event.assignedUser === 'string' &&
    typeof event.hash === 'string' &&
    typeof event.fingerprint === 'string'
  );
}

function isSource(value: unknown): value is DeviceSource {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  if (s.kind === 'collected') return typeof s.computerName === 'string';
  if (s.kind === 'imported') {
    return (
      typeof s.file === 'string' && typeof s.line === 'number' && Number.isSafeInteger(s.line) && s.line >= 0
    );
  }
  return false;
}

/** For switches over events and states: a new case that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
