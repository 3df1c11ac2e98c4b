/**
 * The wiring a journaled submission needs, shared by `harvester submit` and the app's services
 * (electron/api/submission-api.ts): which client and submitter a service uses, how ledger devices become
 * the devices sent, and how a journaled device state is worded for the technician. One place, so the CLI and
 * the Submit screen send the same requests and explain a device the same way.
 *
 * What differs between the two stays with the caller: where the token comes from (`HARVESTER_TOKEN` for the
 * CLI; the sign-in, or that variable, for the app) and how long a rate budget lives (one run for the CLI;
 * the app keeps one per service and tenant for its lifetime, {@link RateBudgets}, because the service counts
 * requests per app and tenant, not per run).
 */
import { hashText } from '../../shared/hardware-hash';
import type { Lang } from '../../shared/i18n/lang';
import type { SubmissionMessage } from '../../shared/i18n/submission-messages';
import {
  importOutcomeMessage,
  partnerCenterProblemMessage,
  submissionProblemMessage,
  tagSetOnRegisteredMessage,
} from '../../shared/i18n/submission-messages';
import type {
  SubmissionDeviceDetail,
  SubmissionDeviceState,
  SubmissionService,
} from '../../shared/ledger/ledger-events';
import { outcomeFromDetail, problemFromDetail } from '../../shared/ledger/submission-detail';
import type { MergedDevice } from '../../shared/merge';
import type { PollSchedule } from '../../shared/submission/poll-schedule';
import type { SubmissionProblem } from '../../shared/submission/submission-problem';
import { INTUNE_ENROLLMENT_LIMITS, RateBudget } from '../../shared/submission/rate-budget';
import { CLI_TEXT } from '../cli/cli-text';
import { deviceIdFor } from '../ledger/ledger';
import type { Clock, GraphApi, SubmitDevice } from './graph-submitter';
import { submitToGraph } from './graph-submitter';
import type { TokenSource } from './graph-client';
import { GraphClient, graphBaseUrl } from './graph-client';
import { journaledGraphApi } from './journaled-graph-api';
import { PartnerCenterClient, partnerCenterBaseUrl } from './partner-center-client';
import type { PartnerCenterApi } from './partner-center-submitter';
import { NO_KNOWN_LIMITS, submitToPartnerCenter } from './partner-center-submitter';
import type { JobDevice, JobJournalHandle, SubmitFunction } from './submission-job';

/** What one run's submitter is made of. */
export interface SubmitterSetup {
  /** Where the base URLs are read from (`HARVESTER_GRAPH_URL`, `HARVESTER_PARTNER_CENTER_URL`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly token: TokenSource;
  readonly journal: JobJournalHandle;
  /** Partner Center: the customer (a GUID); Graph: undefined. */
  readonly customerTenantId: string | undefined;
  readonly groupTag: string;
  /** A budget that outlives this run (the app's); default a new one for the run. */
  readonly budget?: RateBudget;
  /** The first poll delay (tests and the bench); default the real schedule. */
  readonly pollMs?: number | undefined;
  /** The whole poll schedule (tests: a short deadline); wins over `pollMs`. */
  readonly poll?: PollSchedule | undefined;
  /** Devices in progress at once (Graph); default the submitter's. */
  readonly concurrency?: number | undefined;
  /** The technical log: serials, ids and codes only. */
  readonly log?: (line: string) => void;
  /** Lets the caller stop the run: wraps the client every request goes through. */
  readonly wrapGraph?: (client: GraphApi) => GraphApi;
  readonly wrapPartnerCenter?: (client: PartnerCenterApi) => PartnerCenterApi;
  /** The submitter's clock (a stoppable one lets a run end at once). */
  readonly clock?: Clock;
  /**
   * Interrupts the run: nothing more is sent, waits end at once, and the job stays unfinished (the run
   * rejects with SubmissionInterruptedError). A stoppable clock alone also ends it: a sleep that returns
   * at once while the budget still says wait interrupts the run rather than spinning.
   */
  readonly signal?: AbortSignal;
}

/**
 * Service -> submitter: the one place a service is wired. Throws RangeError or TypeError when the base URL
 * is not https (nor loopback http), or not a URL at all, and RangeError for Partner Center without a customer.
 */
export function createSubmitter(service: SubmissionService, setup: SubmitterSetup): SubmitFunction {
  return service === 'graph' ? graphSubmitter(setup) : partnerCenterSubmitter(setup);
}

function graphSubmitter(setup: SubmitterSetup): SubmitFunction {
  const env = setup.env as NodeJS.ProcessEnv;
  // One budget, shared by the submitter and the journaled client (which checks Retry-After before a delete).
  const budget = setup.budget ?? new RateBudget(INTUNE_ENROLLMENT_LIMITS, Date.now);
  const plain: GraphApi = new GraphClient({ baseUrl: graphBaseUrl(env), ...logOption(setup) });
  const client = journaledGraphApi(setup.wrapGraph ? setup.wrapGraph(plain) : plain, setup.journal, budget);
  return (devices, options) =>
    submitToGraph(devices, {
      client,
      token: setup.token,
      budget,
      onProgress: options.onProgress,
      ownImportIds: options.ownImportIds,
      ...logOption(setup),
      ...(setup.clock !== undefined ? { clock: setup.clock } : {}),
      ...(setup.signal !== undefined ? { signal: setup.signal } : {}),
      ...pollOption(setup),
      ...(setup.concurrency !== undefined ? { concurrency: setup.concurrency } : {}),
    });
}

function partnerCenterSubmitter(setup: SubmitterSetup): SubmitFunction {
  const env = setup.env as NodeJS.ProcessEnv;
  const plain: PartnerCenterApi = new PartnerCenterClient({
    baseUrl: partnerCenterBaseUrl(env),
    ...logOption(setup),
  });
  const client = setup.wrapPartnerCenter ? setup.wrapPartnerCenter(plain) : plain;
  const customerTenantId = setup.customerTenantId;
  if (customerTenantId === undefined) throw new RangeError('Partner Center needs the customer tenant ID');
  return (devices, options) =>
    submitToPartnerCenter(devices, {
      client,
      token: setup.token,
      customerTenantId,
      batchId: setup.groupTag,
      correlationId: options.correlationId,
      onProgress: options.onProgress,
      ...(setup.budget !== undefined ? { budget: setup.budget } : {}),
      ...logOption(setup),
      ...(setup.clock !== undefined ? { clock: setup.clock } : {}),
      ...(setup.signal !== undefined ? { signal: setup.signal } : {}),
      // Each accepted upload is journaled (its status Location) before it is polled, so a killed run follows
      // the same upload when resumed instead of uploading its devices again.
      onUploadAccepted: (upload) => options.recordAccepted(upload.serials, upload.location),
      acceptedUploads: [...options.accepted].map(([location, serials]) => ({ location, serials })),
      // Each upload request is journaled (its MS-RequestId) before it is sent, so a run killed before its
      // answer was journaled repeats that same request when resumed, which Partner Center carries out once.
      onUploadSending: (upload) => options.recordSending(upload),
      sentUploads: options.sending,
      ...pollOption(setup),
    });
}

function pollOption(setup: SubmitterSetup): { poll?: PollSchedule } {
  if (setup.poll !== undefined) return { poll: setup.poll };
  return setup.pollMs !== undefined ? { poll: pollSchedule(setup.pollMs) } : {};
}

function logOption(setup: SubmitterSetup): { log?: (line: string) => void } {
  return setup.log !== undefined ? { log: setup.log } : {};
}

/** Polling scaled for tests (a first delay of `initialDelayMs`), the real schedule's shape. */
export function pollSchedule(initialDelayMs: number): PollSchedule {
  return { initialDelayMs, factor: 1.5, maxDelayMs: initialDelayMs * 8, deadlineMs: 15 * 60_000 };
}

/**
 * The app's rate budgets: one per service and tenant for the app's lifetime, so a run started right after
 * another knows the writes the first one made, and a Retry-After told to one run holds for the next.
 */
export class RateBudgets {
  private readonly budgets = new Map<string, RateBudget>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `tenant`: whose quota the requests count against (the signed-in tenant, or the token's). */
  for(service: SubmissionService, tenant: string): RateBudget {
    const key = `${service}|${tenant.toLowerCase()}`;
    let budget = this.budgets.get(key);
    if (budget === undefined) {
      budget = new RateBudget(service === 'graph' ? INTUNE_ENROLLMENT_LIMITS : NO_KNOWN_LIMITS, this.now);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Devices

/**
 * What is sent for a device: the hash as collected, the chosen tag, product key and user where present.
 * Maker and model are not: Graph's import has no field for them, and Partner Center documents them only for
 * a device sent without a hash (see BatchDevice).
 */
export function submitDevice(d: MergedDevice, groupTag: string): SubmitDevice {
  return {
    serial: d.serial,
    hardwareHash: hashText(d.hash),
    groupTag,
    // The Microsoft module sends the CSV's "Windows Product ID" as productKey; so does this app.
    ...(d.productId ? { productKey: d.productId } : {}),
    ...(d.assignedUser ? { assignedUser: d.assignedUser } : {}),
  };
}

/** The devices of a job, each with its ledger id. */
export function jobDevices(devices: readonly MergedDevice[], groupTag: string): JobDevice[] {
  return devices.map((d) => ({ deviceId: deviceIdFor(d), device: submitDevice(d, groupTag) }));
}

// ---------------------------------------------------------------------------------------------------------
// Words

/**
 * The service's code when it gave one (`808`, `StorageError`, `http-400`), else the app's stable word for the
 * problem (`network`, `token`, `permission`, `throttled`, `still-processing`, `device-missing`...).
 */
export function submissionErrorCode(detail: SubmissionDeviceDetail): string | null {
  if (detail.errorCode !== undefined) return String(detail.errorCode);
  if (detail.errorName !== undefined) return detail.errorName;
  if (detail.httpStatus !== undefined) return `http-${detail.httpStatus}`;
  return detail.problem ?? null;
}

/** The explanation of a failed device's problem, worded for the service it was sent to. */
export function problemMessage(
  service: SubmissionService,
  problem: SubmissionProblem,
  lang: Lang,
): SubmissionMessage {
  return service === 'partner-center'
    ? partnerCenterProblemMessage(problem, lang)
    : submissionProblemMessage(problem, lang);
}

/** Title, action and reference as one text. */
export function sentence(message: SubmissionMessage): string {
  return [message.title, message.action, message.reference].filter((part) => part !== '').join(' ');
}

/** Why a failed device failed, in a few words (the message's title): for progress lines. */
export function failureReason(
  service: SubmissionService,
  detail: SubmissionDeviceDetail,
  lang: Lang,
): string {
  const problem = problemFromDetail(detail);
  if (problem) return problemMessage(service, problem, lang).title;
  return detail.problem === 'device-missing'
    ? CLI_TEXT[lang].submit.deviceMissing
    : CLI_TEXT[lang].submit.unknownProblem;
}

/**
 * What the technician reads about one device of a job, from what the journal kept: `null` while it is on
 * its way (pending, imported). A journal written by a newer version gets a general explanation, never a
 * wrong one.
 */
export function deviceMessage(
  device: {
    readonly service: SubmissionService;
    readonly serial: string;
    readonly state: SubmissionDeviceState;
    readonly detail: SubmissionDeviceDetail;
    readonly groupTag: string;
  },
  lang: Lang,
): string | null {
  const { service, state, detail, groupTag } = device;
  const text = CLI_TEXT[lang].submit;
  switch (state) {
    case 'pending':
    case 'imported':
      return null;
    case 'registered':
      return text.registeredMessage({ tag: groupTag });
    case 'already-registered': {
      // A registration id is journaled with 806 only when the app then set the device's group tag.
      if (service === 'graph' && detail.registrationId !== undefined) {
        return sentence(tagSetOnRegisteredMessage(groupTag, lang));
      }
      const outcome = outcomeFromDetail(detail);
      return outcome
        ? sentence(importOutcomeMessage(outcome, lang))
        : text.alreadyRegistered({ serial: device.serial });
    }
    case 'failed': {
      const problem = problemFromDetail(detail);
      if (problem) return sentence(problemMessage(service, problem, lang));
      return detail.problem === 'device-missing' ? text.deviceMissing : text.unknownProblem;
    }
  }
}
