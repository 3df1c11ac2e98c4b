/**
 * `harvester submit --to graph|partner-center [--customer TENANT_ID] [--tag TAG] [--allow-custom-tag]
 * [--ledger DIR | FILES...] [--new] [--sync] [--json]`: registers devices in Windows Autopilot directly.
 *
 * The token: `HARVESTER_TOKEN` when set; else, when sign-in is configured (`auth.json` in cliAppDataDir, where
 * `harvester ui` reads it) and stdin and stderr are a terminal, the device code flow (the address and code on
 * stderr, tokens in memory for this run only); else exit 2 saying how to set either up. A signed-in token is
 * sent only to Microsoft's host (signInUrlProblem): another HARVESTER_GRAPH_URL / HARVESTER_PARTNER_CENTER_URL
 * needs HARVESTER_TOKEN.
 *
 * `--sync` (Graph): after the run, when it registered a device, triggers the Autopilot sync once and waits
 * (bounded, adaptive) until each device it registered shows with its group tag; lines on stderr, the exit code
 * and `--json` unchanged.
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
import { diagnosticMessage } from '../../../shared/i18n/diagnostic-messages';
import type { SubmissionService } from '../../../shared/ledger/ledger-events';
import { SUBMISSION_SERVICES } from '../../../shared/ledger/ledger-events';
import { problemFromDetail } from '../../../shared/ledger/submission-detail';
import type { MergedDevice } from '../../../shared/merge';
import { prepareLedgerExport } from '../../export/export-ledger';
import { mergeFiles } from '../../merge/merge-files';
import { cliAppDataDir } from '../../api/app-data';
import type { DeviceCodePrompt } from '../../auth/sign-in';
import { SignIn } from '../../auth/sign-in';
import { authSettingsPath, readSignInSettings } from '../../auth/sign-in-settings';
import { TokenStore } from '../../auth/token-store';
import type { GraphFailure, TokenSource } from '../../submission/graph-client';
import { GraphClient, environmentToken, graphBaseUrl, signInUrlProblem } from '../../submission/graph-client';
import type { SyncDevice, SyncProgress, SyncReport } from '../../submission/graph-sync';
import { SYNC_WAIT_SCHEDULE, syncAndWait } from '../../submission/graph-sync';
import { signInOutcomeText } from '../../../shared/i18n/sign-in-messages';
import type { PollSchedule } from '../../../shared/submission/poll-schedule';
import type {
  JobChange,
  JobDeviceOutcome,
  SubmissionJobStore,
  SubmitFunction,
} from '../../submission/submission-job';
import { JobJournalHandle, memoryJobStore, runSubmissionJob } from '../../submission/submission-job';
import {
  createSubmitter,
  deviceMessage,
  failureReason,
  jobDevices,
  submissionErrorCode,
} from '../../submission/submission-runner';
import { EXIT, UsageError, processIo } from '../cli-io';
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
  sync: z.boolean().default(false),
  json: z.boolean().default(false),
  // Hidden, for tests and the bench: how fast to poll, how many devices at once.
  pollMs: z.string().optional(),
  concurrency: z.string().optional(),
  // Hidden, for tests: how long --sync waits at most.
  syncWaitMs: z.string().optional(),
});

/** Where the token of a `submit` run comes from. Pure. */
export type CliTokenChoice =
  | { readonly kind: 'env' }
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'none'; readonly reason: 'not-configured' | 'off-host' | 'no-terminal' };

export function chooseCliToken(p: {
  /** HARVESTER_TOKEN is set (not blank). */
  readonly envToken: boolean;
  /** auth.json in the command line's app data folder reads as configured. */
  readonly configured: boolean;
  /** The service's base URL is off the host a signed-in token is for (signInUrlProblem). */
  readonly offHost: boolean;
  /** stdin and stderr are both a terminal: someone can read the code and wait. */
  readonly interactive: boolean;
}): CliTokenChoice {
  if (p.envToken) return { kind: 'env' };
  if (!p.configured) return { kind: 'none', reason: 'not-configured' };
  if (p.offHost) return { kind: 'none', reason: 'off-host' };
  return p.interactive ? { kind: 'sign-in' } : { kind: 'none', reason: 'no-terminal' };
}

/** Whether this run can show a code and wait: the real process, with stdin and stderr a terminal. */
function interactiveTerminal(context: CliContext): boolean {
  return (
    (context.io.wraps ?? context.io) === processIo &&
    Boolean(process.stdin.isTTY) &&
    Boolean(process.stderr.isTTY)
  );
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
  if (options.sync && service !== 'graph') throw new UsageError(text.submit.syncNotForPartnerCenter);
  const groupTag = chosenTag(context, options.tag ?? DEFAULT_GROUP_TAG, options.allowCustomTag);
  const token = await cliToken(context, service);
  const journal = new JobJournalHandle();
  let submit: SubmitFunction;
  try {
    // The shared wiring (the app's services use it too); a new rate budget for this one run.
    submit = createSubmitter(service, {
      env: io.env,
      token,
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
  const sync = options.sync
    ? (devices: readonly SyncDevice[]) =>
        syncAndWait(devices, {
          client: new GraphClient({ baseUrl: graphBaseUrl(io.env as NodeJS.ProcessEnv) }),
          token,
          poll: syncSchedule(positiveInt(options.pollMs), positiveInt(options.syncWaitMs)),
          onProgress: (progress) => {
            const line = syncLine(context, progress, groupTag, syncMinutes(options.syncWaitMs));
            if (line !== undefined) io.stderr(line + '\n');
          },
        })
    : undefined;
  const run = { service, customerTenantId, groupTag, submit, journal, sync };

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
    /** --sync: run after the job with the devices it registered. */
    readonly sync: ((devices: readonly SyncDevice[]) => Promise<SyncReport>) | undefined;
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
  const serviceName = text.submit.services[run.service];
  const result = await runSubmissionJob(
    {
      service: run.service,
      ...(run.customerTenantId !== undefined ? { customerTenantId: run.customerTenantId } : {}),
      groupTag: run.groupTag,
      devices: jobDevices(devices, run.groupTag),
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
      onChange: (change) => io.stderr(progressLine(context, change, run.service) + '\n'),
    },
  );
  if (run.sync !== undefined) {
    // Only devices this run registered: a carried one (a resumed job) was registered, and synced, before.
    const registered: SyncDevice[] = result.devices
      .filter((d) => d.state === 'registered' && !d.carried)
      .map((d) => ({ serial: d.serial, registrationId: d.detail.registrationId, groupTag: run.groupTag }));
    if (registered.length === 0) io.stderr(text.submit.syncNothing + '\n');
    else await run.sync(registered);
  }
  const outcomes = result.devices.map((d) => deviceOutcome(context, d, run.service, run.groupTag));
  if (options.json) io.stdout(json({ devices: outcomes }));
  else io.stdout(humanSummary(context, outcomes));
  const failed = outcomes.some((o) => o.state === 'failed');
  return failed || rejected.length > 0 ? EXIT.failed : EXIT.ok;
}

interface DeviceJson {
  readonly serial: string;
  readonly state: 'registered' | 'already-registered' | 'failed';
  readonly errorCode: string | null;
  readonly message: string;
}

function deviceOutcome(
  { lang }: CliContext,
  d: JobDeviceOutcome,
  service: SubmissionService,
  groupTag: string,
): DeviceJson {
  return {
    serial: d.serial,
    state: d.state,
    errorCode: d.state === 'registered' ? null : submissionErrorCode(d.detail),
    message:
      deviceMessage({ service, serial: d.serial, state: d.state, detail: d.detail, groupTag }, lang) ?? '',
  };
}

function progressLine(context: CliContext, change: JobChange, service: SubmissionService): string {
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
      const reason = failureReason(service, change.detail, lang);
      const code = submissionErrorCode(change.detail);
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

/**
 * The token source for this run (see the module comment). Throws UsageError (exit 2) when there is none, when
 * a signed-in token would go off Microsoft's host, or when the sign-in did not complete.
 */
async function cliToken(context: CliContext, service: SubmissionService): Promise<TokenSource> {
  const { io, text, lang } = context;
  const env = io.env as NodeJS.ProcessEnv;
  const dir = cliAppDataDir(env, process.platform);
  const settingsFile = authSettingsPath(dir);
  const envToken = Boolean(env.HARVESTER_TOKEN?.trim());
  const configured = envToken ? false : (await readSignInSettings(settingsFile)).kind === 'configured';
  const offHost = signInUrlProblem(service, env);
  const choice = chooseCliToken({
    envToken,
    configured,
    offHost: offHost !== undefined,
    interactive: interactiveTerminal(context),
  });
  if (choice.kind === 'env') return environmentToken(env);
  if (choice.kind === 'none') {
    switch (choice.reason) {
      case 'not-configured':
        throw new UsageError(text.submit.tokenMissing({ settingsFile }));
      case 'off-host':
        throw new UsageError(text.submit.signInUrl(offHost!));
      case 'no-terminal':
        throw new UsageError(text.submit.signInNeedsTerminal({ settingsFile }));
    }
  }
  // No protector: the tokens stay in this process's memory and are gone when it exits.
  const signIn = new SignIn({ settingsFile, store: new TokenStore({ dir }), env });
  const outcome = await signIn.startDeviceCode(service, (prompt) => {
    io.stderr(signInBanner(context, prompt) + '\n' + text.submit.signInWaiting + '\n');
  });
  if (outcome.kind !== 'signed-in') {
    const said = signInOutcomeText(lang, outcome);
    throw new UsageError(
      text.submit.signInFailed({
        reason: [said.title, said.action, said.reference].filter(Boolean).join(' '),
      }),
    );
  }
  io.stderr(text.submit.signedIn({ username: outcome.username }) + '\n');
  return signIn.tokenSource(service);
}

/** The address and the code, set apart on their own lines, with MSAL's sentence. */
export function signInBanner({ text }: CliContext, prompt: DeviceCodePrompt): string {
  return text.submit.signInPrompt({
    service: text.submit.services[prompt.service],
    uri: prompt.verificationUri,
    code: prompt.userCode,
    message: prompt.message,
  });
}

/** The sync wait: the real schedule, or scaled like the import polling for tests (--poll-ms, --sync-wait-ms). */
function syncSchedule(pollMs: number | undefined, waitMs: number | undefined): PollSchedule {
  const base =
    pollMs === undefined
      ? SYNC_WAIT_SCHEDULE
      : {
          initialDelayMs: pollMs,
          factor: 1.5,
          maxDelayMs: pollMs * 8,
          deadlineMs: SYNC_WAIT_SCHEDULE.deadlineMs,
        };
  return waitMs === undefined ? base : { ...base, deadlineMs: waitMs };
}

function syncMinutes(waitMs: string | undefined): number {
  const ms = positiveInt(waitMs) ?? SYNC_WAIT_SCHEDULE.deadlineMs;
  return Math.max(1, Math.round(ms / 60_000));
}

/** The stderr line for one step of --sync. */
export function syncLine(
  { text }: CliContext,
  progress: SyncProgress,
  tag: string,
  minutes: number,
): string | undefined {
  switch (progress.kind) {
    case 'sync': {
      const trigger = progress.trigger;
      switch (trigger.kind) {
        case 'started':
          return text.submit.syncStarted;
        case 'already-running':
          return text.submit.syncRunning;
        case 'too-soon':
          return text.submit.syncTooSoon;
        case 'failed':
          return text.submit.syncFailed({ reason: failureWord(trigger.failure) });
      }
      return undefined;
    }
    case 'waiting':
      return text.submit.syncWaiting({ count: progress.count, tag, minutes });
    case 'device': {
      const result = progress.result;
      switch (result.state) {
        case 'shown':
          return text.submit.syncShown({ serial: result.serial, tag });
        case 'other-tag':
          return text.submit.syncOtherTag({ serial: result.serial, tag, seen: result.groupTag });
        case 'not-shown':
          return text.submit.syncNotShown({ serial: result.serial, tag, minutes });
        case 'not-checked':
          return text.submit.syncNotChecked({ serial: result.serial });
      }
    }
  }
  return undefined;
}

function failureWord(failure: GraphFailure): string {
  switch (failure.kind) {
    case 'throttled':
    case 'server-error':
    case 'bad-response':
      return `${failure.kind} ${failure.status}`;
    case 'refused':
      return `refused ${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
    case 'forbidden':
      return 'forbidden: DeviceManagementServiceConfig.ReadWrite.All is needed';
    case 'network':
      return `network${failure.code ? ` ${failure.code}` : ''}`;
    default:
      return failure.kind;
  }
}
