/**
 * The one contract between the UI and the services (STYLE item 1): every call the renderer can make, with a
 * schema for its input and for its output, in a single map. The Electron preload exposes exactly
 * {@link HarvesterApi}; the main process and the browser host parse every payload as `unknown` with
 * {@link parseApiInput} before a service sees it; the service (`electron/api/harvester-service.ts`)
 * implements the same type.
 *
 * Rules the schemas keep:
 * - Every input is one strict object (unknown keys are refused), so a payload is checked field by field.
 * - Outputs are plain JSON data: no class instances, no bytes; hashes travel as base64 text.
 * - What the UI must explain comes back as a value in a `kind` union, never as a thrown error. A thrown
 *   error (a rejected promise) means a bug.
 *
 * Pure: shared/ runs in the renderer too.
 */
import { z } from 'zod';
import { CSV_FORMATS } from '../csv/csv-writer';
import { REJECTION_CODES, WARNING_CODES } from '../diagnostics';
import { NEAR_MISS_REASONS } from '../group-tag';
import type { HashFailureKind } from '../hardware-hash';
import type { CollectionProblemKind } from '../i18n/collection-messages';
import { COLLECTION_PROBLEM_KINDS } from '../i18n/collection-messages';
import { LANGS } from '../i18n/lang';
import { DeviceIdSchema } from '../ledger/ledger-events';

// ---------------------------------------------------------------------------------------------------------
// Limits: what one call may carry. The IPC and HTTP layers pass payloads this size; anything bigger is a
// mistake or an attack, refused by the schema before it reaches a service.

/** Files one import preview may hold. */
export const MAX_IMPORT_FILES = 20;
/**
 * Base64 characters of all files of one preview together: 45 MiB of CSV, about 11,000 devices, and under
 * the browser host's 64 MiB request limit with the JSON around it. Larger imports go in several previews.
 */
export const MAX_IMPORT_TOTAL_BASE64 = 60 * 1024 * 1024;
/** Base64 characters of one imported file. */
export const MAX_IMPORT_FILE_BASE64 = MAX_IMPORT_TOTAL_BASE64;
/** Device ids one call may name (the whole of a large ledger). */
export const MAX_DEVICE_IDS = 200_000;
/** CSV lines a preview of an export shows: the header and the first four devices. */
export const EXPORT_PREVIEW_LINES = 5;

// ---------------------------------------------------------------------------------------------------------
// Building blocks

export const LangSchema = z.enum(LANGS);
export const CsvFormatSchema = z.enum(CSV_FORMATS);

// Device ids: the ledger's own schema (ledger-events.ts), so the API takes every id the ledger can hold.
const DeviceIdsSchema = z.array(DeviceIdSchema).max(MAX_DEVICE_IDS);

/** ISO 8601 instant, as the ledger records it. */
const InstantSchema = z.string().min(1);

/** Text that names something for the technician: no control characters (a file name, a label). */
const NameSchema = z
  .string()
  .min(1)
  .max(260)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

const HASH_FAILURE_KINDS = [
  'empty',
  'not-base64',
  'bad-base64-length',
  'too-short',
  'bad-magic',
  'bad-inventory-length',
  'bad-record-length',
  'truncated',
  'missing-checksum',
  'checksum-mismatch',
  'no-serial',
  'no-manufacturer',
] as const satisfies readonly HashFailureKind[];
/** Compile-time check: the list above names every HashFailureKind. */
const _everyHashFailure: Exclude<HashFailureKind, (typeof HASH_FAILURE_KINDS)[number]> extends never
  ? true
  : never = true;
void _everyHashFailure;

const CollectionProblemKindSchema = z.enum(
  COLLECTION_PROBLEM_KINDS as unknown as readonly [CollectionProblemKind, ...CollectionProblemKind[]],
);

/** Where a ledger device came from. */
export const DeviceSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('collected'), computerName: z.string() }),
  z.object({ kind: z.literal('imported'), file: z.string(), line: z.number().int().nonnegative() }),
]);

/** Submission states come with the submission issue; a switch over this uses `assertNever`. */
export const DeviceStateSchema = z.enum(['new', 'exported', 'deleted']);

export const DeviceExportSchema = z.object({
  file: z.string(),
  format: CsvFormatSchema,
  groupTag: z.string(),
  at: InstantSchema,
});

const TagProblemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('too-long'), max: z.number().int() }),
  z.object({ kind: z.literal('bad-character'), character: z.string(), position: z.number().int() }),
  /** Starts with `=`, `+`, `-` or `@`: a spreadsheet would run the CSV cell as a formula. */
  z.object({ kind: z.literal('formula-start'), character: z.string() }),
]);

/**
 * What a device's own group tag (its CSV row's, or the ledger's) means for registering it (`tagStatus` in
 * shared/group-tag.ts), so a mistyped tag is visible at import and in the device list, not only at export.
 */
export const TagStatusSchema = z.discriminatedUnion('kind', [
  /** No own tag: the tag chosen at export (or the default) applies. */
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('known') }),
  z.object({
    kind: z.literal('near-miss'),
    /** The known tag meant; `setGroupTag` applies it. */
    suggestion: z.string(),
    reasons: z.array(z.enum(NEAR_MISS_REASONS)),
    /** Only in how it was typed (case, full-width...): the export corrects it; otherwise it leaves it out. */
    correctable: z.boolean(),
  }),
  /** Not a known tag: exported only when custom tags are allowed. */
  z.object({ kind: z.literal('custom') }),
  z.object({ kind: z.literal('invalid'), problem: TagProblemSchema }),
]);

/** A ledger device as lists show it: everything but the hash (which `deviceDetails` gives). */
export const DeviceSummarySchema = z.object({
  id: DeviceIdSchema,
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  productId: z.string(),
  groupTag: z.string(),
  tagStatus: TagStatusSchema,
  assignedUser: z.string(),
  state: DeviceStateSchema,
  /** When the device was first added (ISO 8601). */
  addedAt: InstantSchema,
  /** Where it was first collected or imported; later sightings are in its history. */
  source: DeviceSourceSchema,
  exports: z.array(DeviceExportSchema),
  /** Its latest direct submission (`null`: never submitted). */
  submission: z
    .object({
      service: z.enum(['graph', 'partner-center']),
      /** Its state in the latest job that named it. */
      state: z.enum(['pending', 'imported', 'registered', 'already-registered', 'failed']),
      at: InstantSchema,
      /** Some job registered it (a later failure does not undo that). */
      registered: z.boolean(),
    })
    .nullable(),
});

const DiagnosticParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A row or file left out, with the reason in the requested language; `params` let the UI word it again. */
export const RejectionSchema = z.object({
  file: z.string(),
  /** 1-based line in the file; 0 for the whole file. */
  line: z.number().int().nonnegative(),
  code: z.enum(REJECTION_CODES),
  message: z.string(),
  params: DiagnosticParamsSchema,
});

/** Something repaired or noticed, with the message in the requested language. */
export const WarningSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  code: z.enum(WARNING_CODES),
  message: z.string(),
  params: DiagnosticParamsSchema,
});

/** Why a ledger change was not made, in plain words (`message`) and for support (`detail`, English). */
export const LedgerFailureSchema = z.object({
  reason: z.enum(['locked', 'write-failed', 'unreadable', 'read-only']),
  file: z.string(),
  message: z.string(),
  detail: z.string(),
});

const LedgerFailedSchema = z.object({ kind: z.literal('ledger-failed'), failure: LedgerFailureSchema });

/** Why collection failed: what is wrong and what to do, in the requested language. */
export const CollectionProblemSchema = z.object({
  kind: CollectionProblemKindSchema,
  title: z.string(),
  action: z.string(),
});

const NearMissReasonSchema = z.enum(NEAR_MISS_REASONS);

/** `checkGroupTag`'s answer, with descriptions in the requested language. */
export const GroupTagCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('known'), tag: z.string(), description: z.string() }),
  z.object({
    kind: z.literal('near-miss'),
    input: z.string(),
    /** Always a known tag. */
    suggestion: z.string(),
    suggestionDescription: z.string(),
    reasons: z.array(NearMissReasonSchema),
    /** The reasons in words, joined the way the language lists things. */
    reasonsText: z.string(),
  }),
  z.object({ kind: z.literal('custom'), tag: z.string() }),
  z.object({
    kind: z.literal('invalid'),
    input: z.string(),
    problem: TagProblemSchema,
  }),
]);

export const RemovableDriveSchema = z.object({
  /** `E:` */
  letter: z.string(),
  label: z.string(),
  /** 8 hex digits; what `exportDevices` finds the stick by when its letter changed. */
  volumeSerial: z.string(),
  freeBytes: z.number().nonnegative(),
  sizeBytes: z.number().nonnegative(),
});

/** What a sound hash says about its device. Absent records are `null`. */
export const DecodedHashSchema = z.object({
  serial: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  sku: z.string().nullable(),
  family: z.string().nullable(),
  productKeyId: z.string().nullable(),
  smbiosUuid: z.string().nullable(),
  tpmVersion: z.string().nullable(),
  /** Base64 of the TPM endorsement public key record. */
  tpmEndorsementKey: z.string().nullable(),
  networkAdapters: z.array(z.object({ medium: z.number().int(), mac: z.string() })),
  diskSerials: z.array(z.string()),
  osBuild: z.string().nullable(),
  toolBuild: z.string().nullable(),
  byteLength: z.number().int(),
  inventoryLength: z.number().int(),
  /** Missing base64 padding was added; the hash verified after that. */
  repadded: z.boolean(),
  records: z.array(
    z.object({
      type: z.number().int(),
      /** English name of the record type; `null` for the undocumented ones (kept, never a failure). */
      name: z.string().nullable(),
      offset: z.number().int(),
      length: z.number().int(),
    }),
  ),
});

/** Whether the hash proves itself (magic, record walk, checksum) and Microsoft would accept it. */
export const HashVerificationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verified') }),
  z.object({ kind: z.literal('failed'), code: z.enum(HASH_FAILURE_KINDS), message: z.string() }),
]);

/** One thing that happened to a device (hashes left out: `deviceDetails` gives the current one). */
export const HistoryEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('device-added'), at: InstantSchema, source: DeviceSourceSchema }),
  z.object({ type: z.literal('device-seen'), at: InstantSchema, source: DeviceSourceSchema }),
  z.object({ type: z.literal('device-replaced'), at: InstantSchema, source: DeviceSourceSchema }),
  z.object({
    type: z.literal('devices-exported'),
    at: InstantSchema,
    file: z.string(),
    format: CsvFormatSchema,
    groupTag: z.string(),
  }),
  z.object({ type: z.literal('group-tag-set'), at: InstantSchema, groupTag: z.string(), from: z.string() }),
  z.object({ type: z.literal('devices-deleted'), at: InstantSchema }),
  z.object({ type: z.literal('devices-restored'), at: InstantSchema }),
]);

// ---------------------------------------------------------------------------------------------------------
// Import

const Base64Schema = z
  .string()
  .max(MAX_IMPORT_FILE_BASE64, `must be at most ${MAX_IMPORT_FILE_BASE64} base64 characters`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64');

const ImportFileSchema = z.strictObject({
  /** The file's name as the technician sees it; the ledger records it as the devices' source. */
  name: NameSchema,
  /** The file's bytes; any encoding a hash CSV comes in (UTF-8, UTF-16, Shift-JIS, ...). */
  base64: Base64Schema,
});

const RowDeviceFields = {
  /** 1-based line in the file. */
  line: z.number().int().positive(),
  deviceId: DeviceIdSchema,
  /** As the hash proves it. */
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  groupTag: z.string(),
  /** What the row's own tag means: a mistyped tag is shown here, before anything is saved. */
  tagStatus: TagStatusSchema,
  /** What reading repaired or noticed in this row (`serial-repaired`, `hash-repadded`, ...). */
  warnings: z.array(WarningSchema),
};

/**
 * What confirming would do with one row, judged against the ledger as it is now and the rows before it in
 * this preview (in file order, files in the order given). Mirrors `Ledger.addRows` exactly.
 */
export const ImportRowSchema = z.discriminatedUnion('kind', [
  /** New to the ledger; `restoresDeleted`: a deleted device that comes back into the list. */
  z.object({ kind: z.literal('added'), ...RowDeviceFields, restoresDeleted: z.boolean() }),
  /** The ledger has this device with the same hardware: only its history records the sighting. */
  z.object({ kind: z.literal('duplicate-in-ledger'), ...RowDeviceFields }),
  /** An earlier row of this preview is the same device with the same hardware. */
  z.object({
    kind: z.literal('duplicate-in-batch'),
    ...RowDeviceFields,
    firstSeen: z.object({ file: z.string(), line: z.number().int() }),
  }),
  /** Same serial, maker and model with different hardware (a replaced board or disk): this hash is kept. */
  z.object({ kind: z.literal('replaced'), ...RowDeviceFields, replaces: z.enum(['ledger', 'batch']) }),
  z.object({
    kind: z.literal('rejected'),
    line: z.number().int().positive(),
    code: z.enum(REJECTION_CODES),
    message: z.string(),
    /** The serial the row named, when it named one. */
    serial: z.string().nullable(),
  }),
]);

export const ImportCountsSchema = z.object({
  /** Data rows read (blank rows not counted). */
  rows: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  replaced: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Rows kept after a repair or with something to notice (rows whose `warnings` are not empty). */
  repaired: z.number().int().nonnegative(),
});

export const ImportFilePreviewSchema = z.object({
  name: z.string(),
  /**
   * In line order; at most 2,000 per file, the rows that need a look first. `counts` covers every row,
   * listed or not.
   */
  rows: z.array(ImportRowSchema),
  /** Rows counted in `counts` but not listed in `rows` (a file of thousands of bad rows). */
  omittedRows: z.number().int().nonnegative(),
  /** Why the whole file was refused (an Excel workbook, no header, an empty file...); empty when it was read. */
  fileProblems: z.array(RejectionSchema),
  /** About the file rather than a row (`header-missing`, `columns-ignored`). */
  notes: z.array(WarningSchema),
  counts: ImportCountsSchema,
});

/** Distinct mistyped tags one confirmation may correct (one entry per tag as read and tag meant). */
export const MAX_TAG_CORRECTIONS = 100;

/** One correction chosen in the import preview: these devices' tag `from` becomes the known tag `tag`. */
export const TagCorrectionSchema = z.strictObject({
  deviceIds: DeviceIdsSchema.min(1),
  /** The tag as the rows carry it. */
  from: z.string().max(512),
  /** A known tag (anything else is refused with `tag-refused`). */
  tag: z.string().max(512),
});

// ---------------------------------------------------------------------------------------------------------
// Export

export const ExportSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  /** Devices never exported, and those whose hardware was replaced since. */
  z.strictObject({ kind: z.literal('not-exported') }),
  z.strictObject({ kind: z.literal('ids'), ids: DeviceIdsSchema.min(1) }),
]);

const ExportRequestFields = {
  format: CsvFormatSchema,
  /**
   * One tag for every device; `null` keeps each device's own tag (untagged ones get the default tag, tags
   * typed differently are corrected, near misses and custom tags without `allowCustomTag` are left out).
   */
  tag: z.string().max(512).nullable(),
  /** A custom (not known) tag is used only when the technician chose this deliberately. */
  allowCustomTag: z.boolean(),
  selection: ExportSelectionSchema,
  lang: LangSchema,
};

export const ExportDestinationSchema = z.discriminatedUnion('kind', [
  /** An absolute folder path (created when missing). */
  z.strictObject({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }),
  /**
   * A USB stick from `listDrives`, found again by volume serial, else by label, when its letter changed.
   * `folder` is relative to the stick's root; empty means `Autopilot`.
   */
  z.strictObject({
    kind: z.literal('drive'),
    volumeSerial: z.string().max(64),
    label: z.string().max(64),
    folder: z.string().max(260),
  }),
]);

const TagRefusedSchema = z.object({ kind: z.literal('tag-refused'), check: GroupTagCheckSchema });

export const WriteFailureSchema = z.object({
  kind: z.enum([
    'no-space',
    'read-only',
    'not-found',
    'not-a-folder',
    'permission',
    'io',
    'unknown',
    'verify-failed',
  ]),
  file: z.string(),
  code: z.string().nullable(),
  /** What happened and what to do, in the requested language. */
  message: z.string(),
});

/** Why the removable drives could not be listed (see electron/drives/removable-drives.ts). */
export const DriveFailureReasonSchema = z.enum([
  'powershell-missing',
  'powershell-locked-down',
  'powershell-failed',
  'timeout',
  'bad-output',
]);

export const DestinationProblemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-absolute') }),
  z.object({ kind: z.literal('drive-not-found') }),
  /** Several sticks carry the label and none the serial: let the technician choose. */
  z.object({ kind: z.literal('drive-ambiguous'), drives: z.array(RemovableDriveSchema) }),
  z.object({ kind: z.literal('drives-unsupported') }),
  z.object({
    kind: z.literal('drives-failed'),
    reason: DriveFailureReasonSchema,
  }),
]);

// ---------------------------------------------------------------------------------------------------------
// Direct submission

export const SubmissionServiceSchema = z.enum(['graph', 'partner-center']);
export const SubmissionDeviceStateSchema = z.enum([
  'pending',
  'imported',
  'registered',
  'already-registered',
  'failed',
]);

/** Where sign-in stands for one service. The UI polls `signInStatus` while it is `signing-in`. */
export const SignInStatusSchema = z.discriminatedUnion('kind', [
  /** No app registration is set up: `message` explains what to register and where to put its ids. */
  z.object({ kind: z.literal('not-configured'), message: z.string() }),
  z.object({ kind: z.literal('signed-out') }),
  /** Device code flow under way: show the code and the address large, with the QR code for a phone. */
  z.object({
    kind: z.literal('signing-in'),
    userCode: z.string(),
    verificationUri: z.string(),
    /** An SVG image of the address as a QR code (plain SVG markup, no script). */
    qrSvg: z.string(),
    expiresAt: InstantSchema,
  }),
  /** Browser sign-in under way (`startSignIn` with method `browser`): finish it in the browser window. */
  z.object({ kind: z.literal('waiting-for-browser') }),
  z.object({ kind: z.literal('signed-in'), username: z.string(), tenantId: z.string() }),
  /** HARVESTER_TOKEN supplies the token (automation, tests): no sign-in needed or possible. */
  z.object({ kind: z.literal('env-token') }),
  /** The last sign-in did not finish (expired, declined, cancelled, failed): why, in the requested language. */
  z.object({ kind: z.literal('failed'), message: z.string() }),
]);

export const SubmissionSelectionSchema = z.discriminatedUnion('kind', [
  /** Every device not deleted. */
  z.strictObject({ kind: z.literal('all') }),
  /** Devices no job registered yet (never sent, or failed). */
  z.strictObject({ kind: z.literal('not-registered') }),
  z.strictObject({ kind: z.literal('ids'), ids: DeviceIdsSchema.min(1) }),
]);

/** One device of a job, worded for the technician. */
export const SubmissionJobDeviceSchema = z.object({
  deviceId: DeviceIdSchema,
  serial: z.string(),
  state: SubmissionDeviceStateSchema,
  at: InstantSchema,
  /** The service's code (`806`, `808`, `StorageError`) or the app's word for the failure; `null` when none. */
  errorCode: z.string().nullable(),
  /** What happened and what to do, in the requested language; `null` while nothing needs saying. */
  message: z.string().nullable(),
});

const SubmissionCountsSchema = z.object({
  devices: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  registered: z.number().int().nonnegative(),
  alreadyRegistered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});

export const SubmissionJobSummarySchema = z.object({
  id: z.string(),
  service: SubmissionServiceSchema,
  customerTenantId: z.string().nullable(),
  groupTag: z.string(),
  /** The job this one retries the failed devices of. */
  retryOf: z.string().nullable(),
  startedAt: InstantSchema,
  finishedAt: InstantSchema.nullable(),
  /** Being worked on by this app now. An unfinished job that is not running was interrupted: resume it. */
  running: z.boolean(),
  counts: SubmissionCountsSchema,
});

/**
 * The Autopilot sync after a Graph job (`startSubmission` with `sync`): the sync request, then the wait
 * until each device the job registered shows in Windows Autopilot with its group tag. Kept in memory by the
 * running app (not journaled): it is a check, the devices are registered either way.
 */
export const SubmissionSyncSchema = z.object({
  /** `waiting-for-job`: the job still runs; `requesting`: the sync is asked for; `waiting`: looking; `done`. */
  phase: z.enum(['waiting-for-job', 'requesting', 'waiting', 'done']),
  /**
   * How the sync request went: `started`, `already-running` (it covers these devices), `too-soon` (less
   * than 10 minutes since the last; Intune syncs within 10 minutes anyway), `failed`, or `nothing` (the job
   * registered no device); `null` until known.
   */
  trigger: z.enum(['started', 'already-running', 'too-soon', 'failed', 'nothing']).nullable(),
  /** The longest wait for the devices, in minutes. */
  waitMinutes: z.number().int().positive(),
  /** Each device the job registered: still looked for, shown with its tag, shown with another, not shown. */
  devices: z.array(
    z.object({
      serial: z.string(),
      state: z.enum(['waiting', 'shown', 'other-tag', 'not-shown', 'not-checked']),
      /** `other-tag`: the tag Windows Autopilot shows; else `null`. */
      seenTag: z.string().nullable(),
    }),
  ),
});

const SubmissionStartedSchema = z.object({ kind: z.literal('started'), jobId: z.string() });
const NotSignedInSchema = z.object({ kind: z.literal('not-signed-in') });
/** Another job is running; one at a time keeps the service's rate limits honest. */
const SubmissionBusySchema = z.object({ kind: z.literal('busy'), jobId: z.string() });

// ---------------------------------------------------------------------------------------------------------
// The contract

const NoInput = z.strictObject({});
const LangInput = z.strictObject({ lang: LangSchema });

/**
 * Every call: `input` is what the UI sends, `output` what it gets back. Adding a call here is the whole of
 * declaring it; the compiler then asks the service, the preload and the HTTP host for it.
 */
export const HARVESTER_API = {
  /** About the app and where it keeps things, for Settings/About and the first screen. */
  appInfo: {
    input: NoInput,
    output: z.object({
      version: z.string(),
      /** `process.platform` of the services: `win32`, `linux`, `darwin`... */
      platform: z.string(),
      /** The services run inside Electron (else in the browser host under plain Node). */
      electron: z.boolean(),
      /** From the OS locale (or HARVESTER_LANG); the UI starts in it until the technician chooses. */
      defaultLang: LangSchema,
      ledger: z.object({
        dir: z.string(),
        /** The copy on this computer when the ledger is on the stick; `null` when there is none. */
        mirror: z
          .object({ dir: z.string(), status: z.enum(['in-sync', 'repaired', 'unavailable', 'diverged']) })
          .nullable(),
        devices: z.number().int().nonnegative(),
        /** Damaged or torn journal lines left out on opening (everything else is intact). */
        skippedLines: z.number().int().nonnegative(),
        /** A lock left by a crashed run was taken over on opening. */
        recoveredStaleLock: z.boolean(),
      }),
      /** The technical log (raw PowerShell output, never a hash) support asks for. */
      logDir: z.string(),
      logFile: z.string(),
    }),
  },

  /** Collects this device without saving: the Collect screen's preview. Takes seconds (PowerShell). */
  thisDevice: {
    input: LangInput,
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('collected'),
        serial: z.string(),
        manufacturer: z.string(),
        model: z.string(),
        computerName: z.string(),
        virtualMachine: z.boolean(),
        osVersion: z.string(),
        ledger: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('not-in-ledger') }),
          z.object({
            kind: z.literal('in-ledger'),
            deviceId: DeviceIdSchema,
            state: DeviceStateSchema,
            /** False: the ledger holds another hash of this device (a board or disk was replaced). */
            sameHardware: z.boolean(),
          }),
        ]),
      }),
      z.object({ kind: z.literal('failed'), problem: CollectionProblemSchema }),
    ]),
  },

  /** Collects this device and saves it; `added`/`duplicate`/`replaced` only once it is on disk. */
  collectThisDevice: {
    input: LangInput,
    output: z.discriminatedUnion('kind', [
      /** New, or a deleted device back in the list. */
      z.object({ kind: z.literal('added'), device: DeviceSummarySchema }),
      /** Already in the ledger with the same hardware. */
      z.object({ kind: z.literal('duplicate'), device: DeviceSummarySchema }),
      /** In the ledger with other hardware: the new hash is kept and the device is `new` again. */
      z.object({ kind: z.literal('replaced'), device: DeviceSummarySchema }),
      z.object({ kind: z.literal('failed'), problem: CollectionProblemSchema }),
      LedgerFailedSchema,
    ]),
  },

  /** Every ledger device, deleted ones included (state `deleted`), in the order they were first added. */
  listDevices: {
    input: NoInput,
    output: z.object({ devices: z.array(DeviceSummarySchema) }),
  },

  /** One device with its hash, decoded and verified, and its history. */
  deviceDetails: {
    input: z.strictObject({ id: DeviceIdSchema, lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('found'),
        device: DeviceSummarySchema,
        /** The hash as base64 text, as Windows wrote it. */
        hash: z.string(),
        verification: HashVerificationSchema,
        /** `null` when the hash does not even decode. */
        decoded: DecodedHashSchema.nullable(),
        history: z.array(HistoryEntrySchema),
      }),
      z.object({ kind: z.literal('not-found'), id: z.string() }),
    ]),
  },

  /** Deletes devices from the list (an event in the ledger; `restoreDevices` undoes it). */
  removeDevices: {
    input: z.strictObject({ ids: DeviceIdsSchema.min(1), lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('done'),
        /** Ids deleted now (ones already deleted are left as they are). */
        changed: z.array(DeviceIdSchema),
        /** Ids the ledger does not know. */
        unknown: z.array(z.string()),
      }),
      LedgerFailedSchema,
    ]),
  },

  /** Undo of `removeDevices`: the devices come back in the state they had. */
  restoreDevices: {
    input: z.strictObject({ ids: DeviceIdsSchema.min(1), lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('done'), changed: z.array(DeviceIdSchema), unknown: z.array(z.string()) }),
      LedgerFailedSchema,
    ]),
  },

  /**
   * Sets the devices' own group tag to a known tag (the correction offered beside a mistyped one), recorded
   * in their history. Devices that already have it, and deleted ones, are left as they are.
   */
  setGroupTag: {
    input: z.strictObject({ ids: DeviceIdsSchema.min(1), tag: z.string().max(512), lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('done'), changed: z.array(DeviceIdSchema), unknown: z.array(z.string()) }),
      /** Only a known tag is set this way: `check` says what the tag is instead. */
      TagRefusedSchema,
      LedgerFailedSchema,
    ]),
  },
  /**
   * Reads CSV files and says, per file and row, what confirming would do. Writes nothing. The preview is
   * kept in memory until `expiresAt` (and only the latest few are kept).
   */
  previewImport: {
    input: z
      .strictObject({
        files: z.array(ImportFileSchema).min(1).max(MAX_IMPORT_FILES),
        lang: LangSchema,
      })
      .refine(
        (input) => input.files.reduce((sum, f) => sum + f.base64.length, 0) <= MAX_IMPORT_TOTAL_BASE64,
        {
          message: `all files together must be at most ${MAX_IMPORT_TOTAL_BASE64} base64 characters`,
          path: ['files'],
        },
      ),
    output: z.object({
      previewId: z.string(),
      /** ISO 8601; confirming after this answers `preview-not-found`. */
      expiresAt: InstantSchema,
      files: z.array(ImportFilePreviewSchema),
      totals: ImportCountsSchema,
    }),
  },

  /**
   * Writes a preview's accepted rows to the ledger, durably, in batches. The counts are what the ledger did
   * (it may differ from the preview when the ledger changed in between). A preview is confirmed once.
   */
  confirmImport: {
    input: z.strictObject({
      previewId: z.string().min(1).max(100),
      /**
       * Corrections the technician chose in the preview (the known tag a mistyped one meant), applied right
       * after the rows are saved as `setGroupTag` would, so the history records the tag as read and the
       * correction. Absent or empty: every tag is saved as read.
       */
      tagCorrections: z.array(TagCorrectionSchema).max(MAX_TAG_CORRECTIONS).optional(),
      lang: LangSchema,
    }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('imported'),
        added: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        replaced: z.number().int().nonnegative(),
        /** The devices the rows concern, each once, in the order first named. */
        deviceIds: z.array(DeviceIdSchema),
        /**
         * Devices whose tag a correction changed. A device is changed only when its saved tag is the
         * correction's `from` (a sighting keeps the ledger's own tag), and never when deleted.
         */
        tagsCorrected: z.array(DeviceIdSchema),
        /** The rows are saved but the corrections could not be: Devices still offers them per device. */
        tagCorrectionFailure: LedgerFailureSchema.nullable(),
      }),
      /** Unknown, expired, evicted by newer previews, or already confirmed: preview again. */
      z.object({ kind: z.literal('preview-not-found') }),
      /** A correction names a tag that is not a known one: nothing is saved and the preview stays. */
      TagRefusedSchema,
      /**
       * Saving stopped; the rows counted in `saved` are on disk. Importing the same files again is safe:
       * the saved ones come back as duplicates.
       */
      z.object({
        kind: z.literal('ledger-failed'),
        failure: LedgerFailureSchema,
        saved: z.number().int().nonnegative(),
      }),
    ]),
  },

  /** Whether a typed tag is a known tag, a near miss of one (and which), custom, or unusable. */
  checkGroupTag: {
    input: z.strictObject({ tag: z.string().max(512), lang: LangSchema }),
    output: GroupTagCheckSchema,
  },

  /** The tags the picker offers, default first, with descriptions in `lang`. */
  knownGroupTags: {
    input: LangInput,
    output: z.object({
      defaultTag: z.string(),
      tags: z.array(z.object({ tag: z.string(), description: z.string(), shared: z.boolean() })),
    }),
  },

  /** Removable drives (USB sticks) to export to; only on Windows. */
  listDrives: {
    input: NoInput,
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('listed'), drives: z.array(RemovableDriveSchema) }),
      /** Not Windows: the export takes a folder instead. */
      z.object({ kind: z.literal('unsupported') }),
      z.object({
        kind: z.literal('failed'),
        reason: DriveFailureReasonSchema,
      }),
    ]),
  },

  /** What `exportDevices` would write, without writing: counts, the first lines, and who is left out. */
  previewExport: {
    input: z.strictObject(ExportRequestFields),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('ready'),
        devices: z.number().int().nonnegative(),
        files: z.number().int().nonnegative(),
        /** The first file's first lines without line ends, the hash shortened (`T0GpAQAA…AAAA=`). */
        lines: z.array(z.string()),
        rejected: z.array(RejectionSchema),
        warnings: z.array(WarningSchema),
      }),
      /** The tag is a near miss, invalid, or custom without `allowCustomTag`: `check` says which. */
      TagRefusedSchema,
    ]),
  },

  /**
   * Writes the importer CSVs, each read back and compared before it is reported, and records the export in
   * the devices' history.
   */
  exportDevices: {
    input: z.strictObject({ ...ExportRequestFields, destination: ExportDestinationSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('done'),
        /** The folder written to (on a stick: its current letter). */
        folder: z.string(),
        /** Written completely and verified, in order. Empty when there was nothing to export. */
        files: z.array(z.object({ path: z.string(), devices: z.number().int().nonnegative() })),
        devices: z.number().int().nonnegative(),
        rejected: z.array(RejectionSchema),
        warnings: z.array(WarningSchema),
        /** Writing stopped here; the files listed before it are complete. */
        failure: WriteFailureSchema.nullable(),
        /** The files are good, but the ledger could not record the export (devices still show `new`). */
        historyFailure: LedgerFailureSchema.nullable(),
      }),
      TagRefusedSchema,
      z.object({
        kind: z.literal('destination-unavailable'),
        problem: DestinationProblemSchema,
        message: z.string(),
      }),
    ]),
  },

  /** Where sign-in stands for a service (the Submit screen polls it while `signing-in`). */
  signInStatus: {
    input: z.strictObject({ service: SubmissionServiceSchema, lang: LangSchema }),
    output: SignInStatusSchema,
  },

  /**
   * Starts signing in and answers at once: with the device code flow (the default; works in OOBE) as soon as
   * the code is known (`signing-in`); with `browser` (where a browser exists) `waiting-for-browser`.
   */
  startSignIn: {
    input: z.strictObject({
      service: SubmissionServiceSchema,
      method: z.enum(['device-code', 'browser']).optional(),
      lang: LangSchema,
    }),
    output: SignInStatusSchema,
  },

  /** Stops a device code sign-in under way. */
  cancelSignIn: {
    input: z.strictObject({ service: SubmissionServiceSchema }),
    output: z.object({ kind: z.literal('done') }),
  },

  /** Forgets the account and its tokens (the OS-protected cache included). */
  signOut: {
    input: z.strictObject({ service: SubmissionServiceSchema }),
    output: z.object({ kind: z.literal('done') }),
  },

  /** The partner's customers, to choose the tenant to register devices in (Partner Center). */
  listCustomers: {
    input: LangInput,
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('listed'),
        customers: z.array(z.object({ id: z.string(), name: z.string(), domain: z.string() })),
      }),
      NotSignedInSchema,
      z.object({ kind: z.literal('failed'), message: z.string() }),
    ]),
  },

  /**
   * Starts a journaled submission job and answers at once; `submissionJob` shows its progress. The tag policy
   * is the export's (near misses and unconfirmed custom tags refused).
   */
  startSubmission: {
    input: z.strictObject({
      service: SubmissionServiceSchema,
      /** Required for Partner Center (a GUID), `null` for Graph (the signed-in tenant). */
      customerTenantId: z.string().max(64).nullable(),
      tag: z.string().max(512),
      allowCustomTag: z.boolean(),
      selection: SubmissionSelectionSchema,
      /** Graph only: after the job, trigger the Autopilot sync and wait for the devices (CLI `--sync`). */
      sync: z.boolean().optional(),
      lang: LangSchema,
    }),
    output: z.discriminatedUnion('kind', [
      SubmissionStartedSchema,
      TagRefusedSchema,
      NotSignedInSchema,
      SubmissionBusySchema,
      z.object({ kind: z.literal('no-devices') }),
      z.object({ kind: z.literal('bad-customer'), message: z.string() }),
      LedgerFailedSchema,
    ]),
  },

  /** One job with every device's state, worded in `lang`. */
  submissionJob: {
    input: z.strictObject({ jobId: z.string().min(1).max(100), lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('found'),
        job: SubmissionJobSummarySchema,
        devices: z.array(SubmissionJobDeviceSchema),
        /** Why the run stopped early (token refused, no permission), in `lang`; `null` when it did not. */
        stopped: z.string().nullable(),
        /** The Autopilot sync asked for with the job, while this app runs; `null` when none was. */
        sync: SubmissionSyncSchema.nullable(),
      }),
      z.object({ kind: z.literal('not-found') }),
    ]),
  },

  /** Every job, newest first. */
  listSubmissionJobs: {
    input: LangInput,
    output: z.object({ jobs: z.array(SubmissionJobSummarySchema) }),
  },

  /**
   * Sends the failed devices of a finished job again (a new job), or resumes an interrupted one. The job's
   * tag is checked again (a near miss or an invalid tag in an edited ledger is refused; a custom tag was
   * confirmed when the job started).
   */
  retrySubmission: {
    input: z.strictObject({ jobId: z.string().min(1).max(100), lang: LangSchema }),
    output: z.discriminatedUnion('kind', [
      SubmissionStartedSchema,
      TagRefusedSchema,
      NotSignedInSchema,
      SubmissionBusySchema,
      z.object({ kind: z.literal('nothing-to-retry') }),
      z.object({ kind: z.literal('not-found') }),
      LedgerFailedSchema,
    ]),
  },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Types

export type ApiCall = keyof typeof HARVESTER_API;

/** Readonly all the way down: models handed across the boundary are never changed in place. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type ApiInput<K extends ApiCall> = DeepReadonly<z.infer<(typeof HARVESTER_API)[K]['input']>>;
export type ApiOutput<K extends ApiCall> = DeepReadonly<z.infer<(typeof HARVESTER_API)[K]['output']>>;

/** What the UI can call: the preload exposes exactly this, the service and the HTTP host implement it. */
export type HarvesterApi = { readonly [K in ApiCall]: (input: ApiInput<K>) => Promise<ApiOutput<K>> };

export type TagStatusValue = DeepReadonly<z.infer<typeof TagStatusSchema>>;
export type DeviceSummary = ApiOutput<'listDevices'>['devices'][number];
export type ImportRow = DeepReadonly<z.infer<typeof ImportRowSchema>>;
export type ImportFilePreview = DeepReadonly<z.infer<typeof ImportFilePreviewSchema>>;
export type ImportCounts = DeepReadonly<z.infer<typeof ImportCountsSchema>>;
export type TagCorrection = DeepReadonly<z.infer<typeof TagCorrectionSchema>>;
export type ApiRejection = DeepReadonly<z.infer<typeof RejectionSchema>>;
export type ApiWarning = DeepReadonly<z.infer<typeof WarningSchema>>;
export type LedgerFailure = DeepReadonly<z.infer<typeof LedgerFailureSchema>>;
export type WriteFailure = DeepReadonly<z.infer<typeof WriteFailureSchema>>;
export type DestinationProblem = DeepReadonly<z.infer<typeof DestinationProblemSchema>>;
export type GroupTagCheckResult = DeepReadonly<z.infer<typeof GroupTagCheckSchema>>;
export type HashDetails = DeepReadonly<z.infer<typeof DecodedHashSchema>>;
export type HashVerification = DeepReadonly<z.infer<typeof HashVerificationSchema>>;
export type ApiCollectionProblem = DeepReadonly<z.infer<typeof CollectionProblemSchema>>;
export type HistoryEntry = DeepReadonly<z.infer<typeof HistoryEntrySchema>>;
export type ExportSelection = DeepReadonly<z.infer<typeof ExportSelectionSchema>>;
export type ExportDestination = DeepReadonly<z.infer<typeof ExportDestinationSchema>>;
export type SubmissionService = z.infer<typeof SubmissionServiceSchema>;
export type SignInStatus = DeepReadonly<z.infer<typeof SignInStatusSchema>>;
export type SubmissionSelection = DeepReadonly<z.infer<typeof SubmissionSelectionSchema>>;
export type SubmissionJobSummary = DeepReadonly<z.infer<typeof SubmissionJobSummarySchema>>;
export type SubmissionJobDevice = DeepReadonly<z.infer<typeof SubmissionJobDeviceSchema>>;
export type SubmissionSync = DeepReadonly<z.infer<typeof SubmissionSyncSchema>>;

/** Every call name, for the preload, IPC and HTTP layers to register and to check a requested name against. */
export const HARVESTER_API_CALLS = Object.freeze(Object.keys(HARVESTER_API)) as readonly ApiCall[];

export function isApiCall(name: unknown): name is ApiCall {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(HARVESTER_API, name);
}

// ---------------------------------------------------------------------------------------------------------
// Parsing payloads

/** One failing field: `files.0.base64`, `selection.ids`, or `(input)` for the payload as a whole. */
export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

export type ApiParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ApiIssue[] };

/**
 * Checks a payload from the other side of the boundary (STYLE item 2): `unknown` until the call's schema
 * accepts it, and when it does not, every failing field path with why. Never throws.
 */
export function parseApiInput<K extends ApiCall>(call: K, payload: unknown): ApiParseResult<ApiInput<K>> {
  return parseWith(HARVESTER_API[call].input, payload) as ApiParseResult<ApiInput<K>>;
}

/**
 * Checks a service answer against the call's output schema: for tests, and for a transport that wants to
 * be sure nothing but plain data leaves the services. Never throws.
 */
export function parseApiOutput<K extends ApiCall>(call: K, payload: unknown): ApiParseResult<ApiOutput<K>> {
  return parseWith(HARVESTER_API[call].output, payload) as ApiParseResult<ApiOutput<K>>;
}

function parseWith(schema: z.ZodType, payload: unknown): ApiParseResult<unknown> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(issueOf) };
}

function issueOf(issue: z.core.$ZodIssue): ApiIssue {
  const path = issue.path
    .map((part) => (typeof part === 'symbol' ? part.toString() : String(part)))
    .join('.');
  return { path: path.length > 0 ? path : '(input)', message: issue.message };
}
