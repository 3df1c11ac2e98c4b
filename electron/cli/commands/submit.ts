/**
 * `harvester submit --to graph|partner-center [--customer TENANT_ID] [--tag TAG] [--allow-custom-tag]
 * [--ledger DIR | FILES...] [--new] [--json]`: registers devices in Windows Autopilot directly.
 *
 * From the ledger (the default) the run is a journaled job: an unfinished job for the same devices, service
 * and tag (the app was killed) is resumed, and devices it already finished are not sent again. From CSV
 * files there is no ledger, so nothing is journaled.
 *
 * Progress lines (one per device state change, in the user's language) go to stderr; stdout carries the
 * summary, or with --json only `{"devices":[{"serial","state","errorCode","message"}]}`. Exit 0 when every
 * device is registered or already registered, 1 when any failed (or a row could not be sent), 2 for usage
 * errors.
 */
import { z } from 'zod';
import type { Rejection } from '../../../shared/diagnostics';
import { DEFAULT_GROUP_TAG } from '../../../shared/group-tag';
import { hashText } from '../../../shared/hardware-hash';
import { diagnosticMessage } from '../../../shared/i18n/diagnostic-messages';
import type { SubmissionMessage } from '../../../shared/i18n/submission-messages';
import { importOutcomeMessage, submissionProblemMessage } from '../../../shared/i18n/submission-messages';
import type { SubmissionDeviceDetail, SubmissionService } from '../../../shared/ledger/ledger-events';
import { SUBMISSION_SERVICES } from '../../../shared/ledger/ledger-events';
import { outcomeFromDetail, problemFromDetail } from '../../../shared/ledger/submission-detail';
import type { MergedDevice } from '../../../shared/merge';
import { INTUNE_ENROLLMENT_LIMITS, RateBudget } from '../../../shared/submission/rate-budget';
import { prepareLedgerExport } from '../../export/export-ledger';
import { deviceIdFor } from '../../ledger/ledger';
import { mergeFiles } from '../../merge/merge-files';
import { GraphClient, environmentToken, graphBaseUrl } from '../../submission/graph-client';
import type { SubmitDevice } from '../../submission/graph-submitter';
import { submitToGraph } from '../../submission/graph-submitter';
import { journaledGraphApi } from '../../submission/journaled-graph-api';
import { PartnerCenterClient, partnerCenterBaseUrl } from '../../submission/partner-center-client';
import { submitToPartnerCenter } from '../../submission/partner-center-submitter';
import type {
  JobChange,
  JobDevice,
  JobDeviceOutcome,
  SubmissionJobStore,
  SubmitFunction,
} from '../../submission/submission-job';
import { JobJournalHandle, memoryJobStore, runSubmissionJob } from '../../submission/submission-job';
import { EXIT, UsageError } from '../cli-io';
import { ledgerLocation } from '../ledger-location';
import type { CliContext } from '../main';
import { json, location } from '../output';
import { withLedger } from './ledger-errors';
import { chosenTag } from './tag';

const SubmitOptions = z.object({
  to: z.string().optional(),
  customer: z.string().optional(),
  tag: z.string().optional(),
  allowCustomTag: z.boolean().default(false),
  ledger: z.string().optional(),
  new: z.boolean().default(false),
  json: z.boolean().default(false),
  // Hidden, for tests and the bench: how fast to poll, how many devices at once.
  pollMs: z.string().optional(),
  concurrency: z.string().optional(),
});

/** What a service's submitter needs from the command. */
export interface SubmitterSetup {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly journal: JobJournalHandle;
  readonly customerTenantId: string | undefined;
  readonly groupTag: string;
  readonly pollMs: number | undefined;
  readonly concurrency: number | undefined;
}

/** Service -> submitter: the one place a service is wired. `undefined`: not in this build (exit 2, said so). */
export const SUBMITTERS: Readonly<
  Record<SubmissionService, ((setup: SubmitterSetup) => SubmitFunction) | undefined>
> = {
  graph: graphSubmitter,
  'partner-center': partnerCenterSubmitter,
};

function graphSubmitter(setup: SubmitterSetup): SubmitFunction {
  const env = setup.env as NodeJS.ProcessEnv;
  // One budget for the run, shared by the submitter and the journaled client (which checks Retry-After).
  const budget = new RateBudget(INTUNE_ENROLLMENT_LIMITS, Date.now);
  const client = journaledGraphApi(new GraphClient({ baseUrl: graphBaseUrl(env) }), setup.journal, budget);
  return (devices, options) =>
    submitToGraph(devices, {
      client,
      token: environmentToken(env),
      budget,
      onProgress: options.onProgress,
      ...(setup.pollMs !== undefined ? { poll: pollSchedule(setup.pollMs) } : {}),
      ...(setup.concurrency !== undefined ? { concurrency: setup.concurrency } : {}),
    });
}

function partnerCenterSubmitter(setup: SubmitterSetup): SubmitFunction {
  const env = setup.env as NodeJS.ProcessEnv;
  const client = new PartnerCenterClient({ baseUrl: partnerCenterBaseUrl(env) });
  const customerTenantId = setup.customerTenantId;
  if (customerTenantId === undefined) throw new RangeError('Partner Center needs the customer tenant ID');
  return (devices, options) =>
    submitToPartnerCenter(devices, {
      client,
      token: environmentToken(env),
      customerTenantId,
      batchId: setup.groupTag,
      correlationId: options.correlationId,
      onProgress: options.onProgress,
      // Each accepted upload is journaled (its status Location) before it is polled, so a killed run follows
      // the same upload when resumed instead of uploading its devices again.
      onUploadAccepted: (upload) => options.recordAccepted(upload.serials, upload.location),
      acceptedUploads: [...options.accepted].map(([location, serials]) => ({ location, serials })),
      ...(setup.pollMs !== undefined ? { poll: pollSchedule(setup.pollMs) } : {}),
    });
}

/** The hidden --poll-ms: polling scaled for tests, the real schedule's shape. */
function pollSchedule(initialDelayMs: number) {
  return { initialDelayMs, factor: 1.5, maxDelayMs: initialDelayMs * 8, deadlineMs: 15 * 60_000 };
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runSubmit(
  context: CliContext,
  files: readonly string[],
  raw: unknown,
): Promise<number> {
  const options = SubmitOptions.parse(raw);
  const { text, io } = context;
  if (options.to === undefined) throw new UsageError(text.submit.toMissing);
  if (!(SUBMISSION_SERVICES as readonly string[]).includes(options.to)) {
    throw new UsageError(text.submit.toUnknown({ value: options.to }));
  }
  const service = options.to as SubmissionService;
  let customerTenantId: string | undefined;
  if (service === 'partner-center') {
    if (options.customer === undefined) throw new UsageError(text.submit.customerMissing);
    if (!TENANT_ID.test(options.customer.trim())) {
      throw new UsageError(text.submit.customerInvalid({ value: options.customer }));
    }
    customerTenantId = options.customer.trim().toLowerCase();
  } else if (options.customer !== undefined) {
    throw new UsageError(text.submit.customerNotForGraph);
  }
  if (options.ledger !== undefined && files.length > 0) throw new UsageError(text.submit.ledgerAndFiles);
  const groupTag = chosenTag(context, options.tag ?? DEFAULT_GROUP_TAG, options.allowCustomTag);
  const makeSubmitter = SUBMITTERS[service];
  if (makeSubmitter === undefined) {
    throw new UsageError(text.submit.unavailable({ service: text.submit.services[service] }));
  }
  if (!io.env.HARVESTER_TOKEN?.trim()) throw new UsageError(text.submit.tokenMissing);
  const journal = new JobJournalHandle();
  let submit: SubmitFunction;
  try {
    submit = makeSubmitter({
      env: io.env,
      journal,
      customerTenantId,
      groupTag,
      pollMs: positiveInt(options.pollMs),
      concurrency: positiveInt(options.concurrency),
    });
  } catch (error) {
    // The clients refuse a base URL that is not https (or loopback http), or not a URL at all.
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    const name = service === 'graph' ? 'HARVESTER_GRAPH_URL' : 'HARVESTER_PARTNER_CENTER_URL';
    throw new UsageError(text.submit.badUrl({ name, value: io.env[name] ?? '' }));
  }
  const run = { service, customerTenantId, groupTag, submit, journal };

  if (files.length > 0) {
    const merged = await mergeFiles({ files, tagPolicy: { kind: 'override', tag: groupTag } });
    io.stderr(text.submit.notJournaled + '\n');
    return submitDevices(context, memoryJobStore(), merged.devices, merged.rejected, run, options);
  }
  return withLedger(context, ledgerLocation(options.ledger, io.env), async (ledger) => {
    let live = ledger.list();
    const all = live.length;
    if (options.new) live = live.filter((d) => ledger.submissionOf(d.id)?.registered !== true);
    if (options.new && all > 0 && live.length === 0) {
      if (options.json) io.stdout(json({ devices: [] }));
      else io.stdout(text.submit.allRegistered + '\n');
      return EXIT.ok;
    }
    const prepared = prepareLedgerExport(
      live,
      { kind: 'ids', ids: live.map((d) => d.id) },
      { kind: 'override', tag: groupTag },
    );
    return submitDevices(context, ledger, prepared.devices, prepared.rejected, run, options);
  });
}

async function submitDevices(
  context: CliContext,
  store: SubmissionJobStore,
  devices: readonly MergedDevice[],
  rejected: readonly Rejection[],
  run: {
    readonly service: SubmissionService;
    readonly customerTenantId: string | undefined;
    readonly groupTag: string;
    readonly submit: SubmitFunction;
    readonly journal: JobJournalHandle;
  },
  options: { readonly json: boolean },
): Promise<number> {
  const { text, io, lang } = context;
  for (const r of rejected) {
    io.stderr(
      text.submit.rejected({ where: location(r), code: r.code, message: diagnosticMessage(r, lang) }) + '\n',
    );
  }
  if (devices.length === 0) {
    if (options.json) io.stdout(json({ devices: [] }));
    else io.stdout(text.submit.nothingToSubmit + '\n');
    return EXIT.failed;
  }
  const jobDevices: JobDevice[] = devices.map((d) => ({
    deviceId: deviceIdFor(d),
    device: submitDevice(d, run.groupTag),
  }));
  const serviceName = text.submit.services[run.service];
  const result = await runSubmissionJob(
    {
      service: run.service,
      ...(run.customerTenantId !== undefined ? { customerTenantId: run.customerTenantId } : {}),
      groupTag: run.groupTag,
      devices: jobDevices,
    },
    {
      store,
      submit: run.submit,
      journal: run.journal,
      onStart: (job, resumed) => {
        const count = job.devices.length;
        const done = job.devices.filter((d) => d.state !== 'pending' && d.state !== 'imported').length;
        io.stderr(
          (resumed
            ? text.submit.resumed({ job: job.id, done, count, service: serviceName })
            : text.submit.started({ count, service: serviceName, tag: run.groupTag, job: job.id })) + '\n',
        );
      },
      onChange: (change) => io.stderr(progressLine(context, change) + '\n'),
    },
  );
  const outcomes = result.devices.map((d) => deviceOutcome(context, d, run.groupTag));
  if (options.json) io.stdout(json({ devices: outcomes }));
  else io.stdout(humanSummary(context, outcomes));
  const failed = outcomes.some((o) => o.state === 'failed');
  return failed || rejected.length > 0 ? EXIT.failed : EXIT.ok;
}

function submitDevice(d: MergedDevice, groupTag: string): SubmitDevice {
  return {
    serial: d.serial,
    hardwareHash: hashText(d.hash),
    groupTag,
    // The Microsoft module sends the CSV's "Windows Product ID" as productKey; so does this app.
    ...(d.productId ? { productKey: d.productId } : {}),
    ...(d.assignedUser ? { assignedUser: d.assignedUser } : {}),
  };
}

interface DeviceJson {
  readonly serial: string;
  readonly state: 'registered' | 'already-registered' | 'failed';
  readonly errorCode: string | null;
  readonly message: string;
}

function deviceOutcome({ text, lang }: CliContext, d: JobDeviceOutcome, groupTag: string): DeviceJson {
  switch (d.state) {
    case 'registered':
      return {
        serial: d.serial,
        state: d.state,
        errorCode: null,
        message: text.submit.registeredMessage({ tag: groupTag }),
      };
    case 'already-registered': {
      const outcome = outcomeFromDetail(d.detail);
      const message = outcome
        ? importOutcomeMessage(outcome, lang)
        : { title: text.submit.alreadyRegistered({ serial: d.serial }), action: '', reference: '' };
      return {
        serial: d.serial,
        state: d.state,
        errorCode: errorCodeOf(d.detail),
        message: sentence(message),
      };
    }
    case 'failed': {
      const problem = problemFromDetail(d.detail);
      const message = problem
        ? sentence(submissionProblemMessage(problem, lang))
        : d.detail.problem === 'device-missing'
          ? text.submit.deviceMissing
          : text.submit.unknownProblem;
      return {
        serial: d.serial,
        state: d.state,
        errorCode: errorCodeOf(d.detail) ?? d.detail.problem ?? null,
        message,
      };
    }
  }
}

/**
 * The service's code when it gave one (`808`, `StorageError`, `http-400`), else the app's stable word for the
 * problem (`network`, `token`, `permission`, `throttled`, `still-processing`...).
 */
function errorCodeOf(detail: SubmissionDeviceDetail): string | null {
  if (detail.errorCode !== undefined) return String(detail.errorCode);
  if (detail.errorName !== undefined) return detail.errorName;
  if (detail.httpStatus !== undefined) return `http-${detail.httpStatus}`;
  return detail.problem ?? null;
}

function sentence(message: SubmissionMessage): string {
  return [message.title, message.action, message.reference].filter((part) => part !== '').join(' ');
}

function progressLine(context: CliContext, change: JobChange): string {
  const { text, lang } = context;
  const serial = change.serial;
  switch (change.state) {
    case 'pending':
      return text.submit.pending({ serial });
    case 'imported':
      return text.submit.imported({ serial });
    case 'registered':
      return text.submit.registered({ serial });
    case 'already-registered':
      return text.submit.alreadyRegistered({ serial });
    case 'failed': {
      const problem = problemFromDetail(change.detail);
      const reason = problem
        ? submissionProblemMessage(problem, lang).title
        : change.detail.problem === 'device-missing'
          ? text.submit.deviceMissing
          : text.submit.unknownProblem;
      const code = errorCodeOf(change.detail);
      return text.submit.failed({
        serial,
        reason: code && problem?.kind === 'import-error' ? `${reason} [${code}]` : reason,
      });
    }
  }
}

function humanSummary({ text }: CliContext, outcomes: readonly DeviceJson[]): string {
  const count = (state: DeviceJson['state']) => outcomes.filter((o) => o.state === state).length;
  const lines = [
    text.submit.summary({
      registered: count('registered'),
      already: count('already-registered'),
      failed: count('failed'),
    }),
  ];
  for (const o of outcomes) if (o.state === 'failed') lines.push(`  ${o.serial}  ${o.message}`);
  return lines.join('\n') + '\n';
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
