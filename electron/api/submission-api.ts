/**
 * The Submit screen's calls: sign-in (over `SignIn`), the partner's customers, and journaled submission jobs
 * run in the background through the runner the CLI uses too (electron/submission/submission-runner.ts).
 *
 * Decisions:
 * - One job runs at a time (the service's rate limits are per app and tenant); a second start is `busy`.
 *   A start answers as soon as the job is journaled; `submissionJob` shows its progress.
 * - The rate budgets live as long as the service: one per service and tenant (RateBudgets).
 * - Unfinished jobs found on opening are not resumed by themselves (the technician may be offline): they are
 *   listed as not running, and `retrySubmission` resumes one.
 * - Nothing a background run does can reject a call or crash the app: a failure is kept with the job and
 *   `submissionJob.stopped` says it in words; the job stays unfinished, so it can be resumed.
 * - `close()` stops a run the way a kill would, without tearing a write: the write under way finishes, no
 *   later state is journaled, every request not yet sent is answered "stopped" at once and waits are cut
 *   short. The job stays unfinished and resumable; devices that reached a final state are not sent again.
 * - `signOut` forgets every account (both services): the token cache is one OS-protected file. It also stops a
 *   running job the way `close()` does (the run would otherwise go on with the token it holds); the job stays
 *   resumable and `submissionJob.stopped` says it stopped because of the sign-out.
 * - `retrySubmission` checks the journaled tag again with the start's policy (a near miss or an invalid tag
 *   in an edited ledger is refused); a custom tag passes, as it was confirmed when the job started.
 */
import type {
  HarvesterApi,
  SignInStatus as ApiSignInStatus,
  SubmissionJobDevice as ApiJobDevice,
  SubmissionJobSummary,
  SubmissionSync,
} from '../../shared/api/harvester-api';
import type { Lang } from '../../shared/i18n/lang';
import type { SignInOutcome, SignInService, TokenProblem } from '../../shared/i18n/sign-in-messages';
import {
  setupGuide,
  settingsProblemText,
  signInOutcomeText,
  tokenProblemText,
} from '../../shared/i18n/sign-in-messages';
import { partnerCenterProblemMessage } from '../../shared/i18n/submission-messages';
import type { SubmissionService } from '../../shared/ledger/ledger-events';
import { isFinalSubmissionState } from '../../shared/ledger/ledger-events';
import type { SubmissionJob } from '../../shared/ledger/ledger-state';
import { problemFromDetail } from '../../shared/ledger/submission-detail';
import { isCustomerTenantId, normalizeCustomerTenantId } from '../../shared/submission/partner-center-errors';
import type { PollSchedule } from '../../shared/submission/poll-schedule';
import type { SubmissionProblem } from '../../shared/submission/submission-problem';
import { stopsRun } from '../../shared/submission/submission-problem';
import type { DeviceCodePrompt, SignIn, SignInStatus } from '../auth/sign-in';
import { prepareLedgerExport } from '../export/export-ledger';
import type { Ledger } from '../ledger/ledger';
import { LedgerError } from '../ledger/ledger';
import type { TokenSource } from '../submission/graph-client';
import { GraphClient, graphBaseUrl, signInUrlProblem } from '../submission/graph-client';
import type { SyncDevice, SyncDeviceResult, SyncTrigger } from '../submission/graph-sync';
import { SYNC_WAIT_SCHEDULE, syncAndWait } from '../submission/graph-sync';
import type { Clock, GraphApi } from '../submission/graph-submitter';
import { PartnerCenterClient, partnerCenterBaseUrl } from '../submission/partner-center-client';
import type { PartnerCenterApi } from '../submission/partner-center-submitter';
import { listPartnerCustomers } from '../submission/partner-center-submitter';
import type {
  JobDevice,
  JobRunOptions,
  JobRunResult,
  SubmissionJobStore,
} from '../submission/submission-job';
import { JobJournalHandle, retryFailedJob, runSubmissionJob } from '../submission/submission-job';
import {
  RateBudgets,
  createSubmitter,
  deviceMessage,
  jobDevices,
  problemMessage,
  sentence,
  submissionErrorCode,
} from '../submission/submission-runner';
import { groupTagCheckOf, ledgerFailure } from './api-values';
import { exportTagPolicy } from './export-plan';

/** What the calls need of `SignIn` (tests may give a fake). */
export type SignInPort = Pick<
  SignIn,
  'status' | 'startDeviceCode' | 'signInInteractive' | 'cancel' | 'signOut' | 'tokenSource'
>;

export interface SubmissionApiOptions {
  readonly ledger: Ledger;
  readonly signIn: SignInPort;
  /** Where the sign-in settings are read from, named in the first-run guide. */
  readonly settingsFile: string;
  /** Base URLs (`HARVESTER_GRAPH_URL`, `HARVESTER_PARTNER_CENTER_URL`). */
  readonly env: NodeJS.ProcessEnv;
  /** The technical log: ids, serials and codes only. */
  readonly log: (line: string) => void;
  /** Tests: the first poll delay, scaled down (default: the real schedule, 2 s growing). */
  readonly pollMs?: number;
  /** Tests: how long the Autopilot sync waits for the devices (default 10 minutes). */
  readonly syncWaitMs?: number;
  /** How long `close()` waits for a stopped run to wind down before the ledger closes. Default 10 s. */
  readonly closeWaitMs?: number;
  /**
   * Opens an address in the system browser for browser sign-in (Electron: `shell.openExternal`); rejects when
   * there is none. Absent: browser sign-in answers `no-browser` (device code works everywhere).
   */
  readonly openExternal?: (url: string) => Promise<void>;
}

export type SubmissionCalls = Pick<
  HarvesterApi,
  | 'signInStatus'
  | 'startSignIn'
  | 'cancelSignIn'
  | 'signOut'
  | 'listCustomers'
  | 'startSubmission'
  | 'submissionJob'
  | 'listSubmissionJobs'
  | 'retrySubmission'
>;

export interface SubmissionApi extends SubmissionCalls {
  /** Cancels a sign-in under way and stops a running job (it stays resumable). */
  close(): Promise<void>;
}

/** The technician's words this module adds (the rest come from shared/i18n). */
const TEXT: Readonly<
  Record<
    Lang,
    {
      readonly settingsFile: (file: string) => string;
      readonly badCustomer: string;
      readonly interrupted: string;
      readonly unexpected: string;
      readonly resumable: string;
      readonly signedOut: string;
      readonly customUrl: (p: { name: string; value: string }) => string;
    }
  >
> = {
  en: {
    settingsFile: (file) => `The settings file: ${file}`,
    badCustomer:
      'Choose the customer from the list, or type the customer\u2019s tenant ID: 36 characters like ' +
      '00000000-0000-0000-0000-000000000000.',
    interrupted:
      'This job was interrupted (the app was closed or stopped) before every device was sent. Resume it to ' +
      'send the rest: devices already finished are not sent again.',
    unexpected:
      'Sending stopped because of an unexpected error; the details are in the log. Resume the job to send ' +
      'the rest: devices already finished are not sent again.',
    resumable: 'Resume the job once this is fixed: devices already finished are not sent again.',
    signedOut:
      'Sending stopped because you signed out. Sign in again, then resume the job to send the rest: devices ' +
      'already finished are not sent again.',
    customUrl: (p) =>
      `Nothing was sent: ${p.name} is set to ${p.value}, which is not the Microsoft service a signed-in ` +
      'token is for, so the token is not sent there. Remove the variable to use the service, or give a token ' +
      'for that address in HARVESTER_TOKEN (automation and tests).',
  },
  ja: {
    settingsFile: (file) => `設定ファイル: ${file}`,
    badCustomer:
      'お客様を一覧から選ぶか、お客様のテナント ID（00000000-0000-0000-0000-000000000000 の形式の 36 文字）を入力してください。',
    interrupted:
      'このジョブは、すべてのデバイスを送信する前に中断されました（アプリが終了または停止されました）。再開すると残りを送信します。完了済みのデバイスが二重に送信されることはありません。',
    unexpected:
      '予期しないエラーのため送信を中止しました。詳細はログに記録されています。ジョブを再開すると残りを送信します。完了済みのデバイスが二重に送信されることはありません。',
    resumable:
      '問題を解決してからジョブを再開してください。完了済みのデバイスが二重に送信されることはありません。',
    signedOut:
      'サインアウトしたため送信を中止しました。もう一度サインインしてからジョブを再開すると、残りを送信します。完了済みのデバイスが二重に送信されることはありません。',
    customUrl: (p) =>
      `送信していません。${p.name} が ${p.value} に設定されていますが、これはサインインで得たトークンの送り先の Microsoft サービスではないため、トークンを送りません。` +
      'サービスを使うにはこの変数を削除してください。自動化やテストでは、そのアドレス用のトークンを HARVESTER_TOKEN に設定してください。',
  },
};

/** Why a run in this process ended early, kept for `submissionJob.stopped`. */
type RunStop =
  | { readonly kind: 'ledger'; readonly error: LedgerError }
  | { readonly kind: 'unexpected' }
  | { readonly kind: 'token'; readonly problem: TokenProblem }
  | { readonly kind: 'signed-out' }
  /** A base URL off Microsoft's host with a signed-in token: refused before anything was sent. */
  | { readonly kind: 'custom-url'; readonly name: string; readonly value: string };

interface Running {
  jobId: string | undefined;
  /** Resolves once the job is journaled (its id), or the start failed. */
  readonly started: Promise<StartResult>;
  readonly done: Promise<void>;
  readonly gate: RunGate;
}

type StartResult =
  { readonly ok: true; readonly jobId: string } | { readonly ok: false; readonly error: unknown };

interface SignInFlow {
  readonly service: SignInService;
  /** Browser sign-in: no code to show, the technician finishes in the browser. */
  readonly browser: boolean;
  prompt: DeviceCodePrompt | undefined;
  /** Resolves once the code is shown or the sign-in ended. */
  ready: Promise<void>;
  /** Resolves once the sign-in ended (its outcome noted). */
  done: Promise<void>;
}

/** Not a failure of the service: the answer a stopped run's requests get. */
const STOPPED = Object.freeze({
  ok: false,
  failure: Object.freeze({ kind: 'network', code: 'stopped', retryable: false }),
} as const);

class RunStoppedError extends Error {
  constructor() {
    super('The submission run was stopped.');
    this.name = 'RunStoppedError';
  }
}

/** Stops a run: requests answered "stopped", waits cut short, no more journal writes. */
class RunGate {
  stopped = false;
  private readonly wakers = new Set<() => void>();

  stop(): void {
    this.stopped = true;
    for (const wake of this.wakers) wake();
    this.wakers.clear();
  }

  readonly clock: Clock = {
    now: () => Date.now(),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (this.stopped) return resolve();
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, ms));
        this.wakers.add(wake);
      }),
  };

  /** Every method of `client` in `names`, answered "stopped" once the gate is closed. */
  wrap<T extends object>(client: T, names: readonly (keyof T & string)[]): T {
    const wrapped: Record<string, unknown> = {};
    for (const name of names) {
      const method = client[name] as unknown as (...args: unknown[]) => Promise<unknown>;
      wrapped[name] = (...args: unknown[]) =>
        this.stopped ? Promise.resolve(STOPPED) : method.apply(client, args);
    }
    return wrapped as T;
  }

  /** The ledger as the job sees it: once stopped, nothing more is written (the write under way finishes). */
  store(ledger: Ledger): SubmissionJobStore {
    const refuse = <T>(write: () => Promise<T>): Promise<T> =>
      this.stopped ? Promise.reject(new RunStoppedError()) : write();
    return {
      submissionJobs: () => ledger.submissionJobs(),
      submissionJob: (id) => ledger.submissionJob(id),
      startSubmission: (start) => refuse(() => ledger.startSubmission(start)),
      recordSubmissionStates: (updates) => refuse(() => ledger.recordSubmissionStates(updates)),
      finishSubmission: (jobId) => refuse(() => ledger.finishSubmission(jobId)),
    };
  }
}

/** The sync, as the app's services see it (see syncAfter). */
interface SyncView {
  readonly phase: SubmissionSync['phase'];
  readonly trigger: SubmissionSync['trigger'];
  readonly devices: readonly (SyncDeviceResult | { readonly serial: string; readonly state: 'waiting' })[];
}

function triggerWord(trigger: SyncTrigger): NonNullable<SubmissionSync['trigger']> {
  return trigger.kind;
}

/** The sync wait's schedule: the real one, or scaled for tests like the job's polling. */
function syncPoll(pollMs: number | undefined, waitMs: number | undefined): PollSchedule {
  const deadlineMs = waitMs ?? SYNC_WAIT_SCHEDULE.deadlineMs;
  if (pollMs === undefined) return { ...SYNC_WAIT_SCHEDULE, deadlineMs };
  return { initialDelayMs: pollMs, factor: 1.5, maxDelayMs: pollMs * 8, deadlineMs };
}

const SYNC_CALLS = ['syncAutopilot', 'getRegistered'] as const;

const GRAPH_CALLS = [
  'listImportedPage',
  'importDevice',
  'getImported',
  'deleteImported',
  'updateDeviceProperties',
] as const;
const PARTNER_CENTER_CALLS = [
  'listCustomers',
  'listDeviceBatches',
  'listBatchDevices',
  'createDeviceBatch',
  'addDevicesToBatch',
  'getBatchStatus',
] as const;

export function createSubmissionApi(options: SubmissionApiOptions): SubmissionApi {
  const { ledger, signIn, env, log } = options;
  const budgets = new RateBudgets();
  const stops = new Map<string, RunStop>();
  /** The Autopilot sync asked for with a job, by job id (this app's lifetime only). */
  const syncs = new Map<string, SyncView>();
  const failures = new Map<SignInService, SignInOutcome>();
  let flow: SignInFlow | undefined;
  let running: Running | undefined;

  // -------------------------------------------------------------------------------------------------------
  // Sign-in

  async function statusOf(service: SignInService, lang: Lang): Promise<ApiSignInStatus> {
    const status = await signIn.status(service);
    if (status.kind === 'env-token') return { kind: 'env-token' };
    if (flow?.service === service && flow.browser) return { kind: 'waiting-for-browser' };
    if (flow?.service === service && flow.prompt !== undefined) {
      const prompt = flow.prompt;
      return {
        kind: 'signing-in',
        userCode: prompt.userCode,
        verificationUri: prompt.verificationUri,
        qrSvg: prompt.qrSvg ?? '',
        expiresAt: new Date(prompt.expiresAt).toISOString(),
      };
    }
    const failure = failures.get(service);
    if (failure !== undefined) return { kind: 'failed', message: sentence(signInOutcomeText(lang, failure)) };
    return plainStatus(status, lang);
  }

  function plainStatus(status: SignInStatus, lang: Lang): ApiSignInStatus {
    switch (status.kind) {
      case 'env-token':
        return { kind: 'env-token' };
      case 'signed-out':
        return { kind: 'signed-out' };
      case 'signed-in':
        return { kind: 'signed-in', username: status.username, tenantId: status.tenantId };
      case 'not-configured':
        return { kind: 'not-configured', message: notConfiguredText(status.problem, lang) };
    }
  }

  function notConfiguredText(
    problem: Extract<SignInStatus, { kind: 'not-configured' }>['problem'],
    lang: Lang,
  ) {
    const where = TEXT[lang].settingsFile(options.settingsFile);
    const text = settingsProblemText(lang, problem);
    if (text !== undefined) return [sentence(text), where].join('\n\n');
    const guide = setupGuide(lang);
    return [
      guide.title,
      guide.intro,
      guide.steps.map((step, i) => `${i + 1}. ${step}`).join('\n'),
      guide.example,
      where,
    ].join('\n\n');
  }

  async function startSignIn(
    service: SignInService,
    method: 'device-code' | 'browser',
    lang: Lang,
  ): Promise<ApiSignInStatus> {
    if (method === 'browser' && flow === undefined) return startBrowserSignIn(service, lang);
    if (flow !== undefined) {
      // The same sign-in asked for again (a second click, a remount): the same code.
      if (flow.service !== service)
        return { kind: 'failed', message: sentence(signInOutcomeText(lang, { kind: 'busy' })) };
      await flow.ready;
      return statusOf(service, lang);
    }
    failures.delete(service);
    let shown!: () => void;
    const prompted = new Promise<void>((resolve) => (shown = resolve));
    const current: SignInFlow = {
      service,
      browser: false,
      prompt: undefined,
      ready: Promise.resolve(),
      done: Promise.resolve(),
    };
    const ended = (outcome: SignInOutcome): void => {
      if (flow === current) flow = undefined;
      if (isFailure(outcome)) failures.set(service, outcome);
      log(`sign-in ${service}: ${outcome.kind}`);
    };
    const done = signIn
      .startDeviceCode(service, (prompt) => {
        current.prompt = prompt;
        shown();
      })
      .then(ended, (error: unknown) => {
        log(`sign-in ${service}: failed unexpectedly (${errorName(error)})`);
        ended({ kind: 'refused', reason: 'other', reference: '' });
      });
    current.done = done;
    current.ready = Promise.race([prompted, done]);
    flow = current;
    await current.ready;
    return statusOf(service, lang);
  }

  /** Browser sign-in: answers `waiting-for-browser` at once; the outcome shows in `signInStatus` later. */
  async function startBrowserSignIn(service: SignInService, lang: Lang): Promise<ApiSignInStatus> {
    const open = options.openExternal;
    if (open === undefined) {
      return { kind: 'failed', message: sentence(signInOutcomeText(lang, { kind: 'no-browser' })) };
    }
    failures.delete(service);
    const current: SignInFlow = {
      service,
      browser: true,
      prompt: undefined,
      ready: Promise.resolve(),
      done: Promise.resolve(),
    };
    const ended = (outcome: SignInOutcome): void => {
      if (flow === current) flow = undefined;
      if (isFailure(outcome)) failures.set(service, outcome);
      log(`sign-in ${service}: ${outcome.kind}`);
    };
    current.done = signIn.signInInteractive(service, open).then(ended, (error: unknown) => {
      log(`sign-in ${service}: failed unexpectedly (${errorName(error)})`);
      ended({ kind: 'refused', reason: 'other', reference: '' });
    });
    flow = current;
    return statusOf(service, lang);
  }

  // -------------------------------------------------------------------------------------------------------
  // Submission

  /**
   * The token for a run or a call, noting why the sign-in could not give one. A signed-in token goes only to
   * Microsoft's host: with HARVESTER_GRAPH_URL / HARVESTER_PARTNER_CENTER_URL set elsewhere, only
   * HARVESTER_TOKEN may be used, and without it every request is refused here (`onCustomUrl`).
   */
  function tokenFor(
    service: SubmissionService,
    onProblem: (problem: TokenProblem) => void,
    onCustomUrl: (problem: { readonly name: string; readonly value: string }) => void = () => undefined,
  ): TokenSource {
    const source = signIn.tokenSource(service);
    return async () => {
      const custom = env.HARVESTER_TOKEN?.trim() ? undefined : signInUrlProblem(service, env);
      if (custom !== undefined) {
        onCustomUrl(custom);
        throw new Error(`${custom.name} is not Microsoft's host; a signed-in token is not sent there`);
      }
      try {
        return await source();
      } catch (error) {
        const problem = tokenProblemOf(error);
        if (problem !== undefined) onProblem(problem);
        throw error;
      }
    };
  }

  /** Whose quota the requests count against: the signed-in tenant, or the supplied token's. */
  async function tenantKey(service: SubmissionService): Promise<string | undefined> {
    const status = await signIn.status(service);
    if (status.kind === 'env-token') return 'env';
    if (status.kind === 'signed-in') return status.tenantId;
    return undefined;
  }

  /** The ledger's devices (not deleted) among `ids`, ready to send with the tag. */
  function devicesFor(ids: readonly string[] | undefined, groupTag: string): JobDevice[] {
    const live = ledger.list();
    const named = ids === undefined ? undefined : new Set(ids);
    const wanted = named === undefined ? live : live.filter((d) => named.has(d.id));
    const prepared = prepareLedgerExport(
      wanted,
      { kind: 'ids', ids: wanted.map((d) => d.id) },
      { kind: 'override', tag: groupTag },
    );
    for (const r of prepared.rejected) log(`submission: left out ${r.code} (${r.file}:${r.line})`);
    return jobDevices(prepared.devices, groupTag);
  }

  /**
   * Starts a run in the background and answers once its job is journaled (or the start failed). The run's
   * own failures are kept for `stopped`, never thrown.
   */
  async function launch(
    service: SubmissionService,
    customerTenantId: string | undefined,
    groupTag: string,
    tenant: string,
    run: (options: JobRunOptions) => Promise<JobRunResult>,
    sync = false,
  ): Promise<StartResult> {
    const gate = new RunGate();
    const journal = new JobJournalHandle();
    let tokenProblem: TokenProblem | undefined;
    let customUrl: { readonly name: string; readonly value: string } | undefined;
    const submit = createSubmitter(service, {
      env,
      token: tokenFor(
        service,
        (problem) => (tokenProblem = problem),
        (problem) => (customUrl = problem),
      ),
      journal,
      customerTenantId,
      groupTag,
      budget: budgets.for(service, tenant),
      pollMs: options.pollMs,
      log,
      clock: gate.clock,
      wrapGraph: (client: GraphApi) => gate.wrap(client, GRAPH_CALLS),
      wrapPartnerCenter: (client: PartnerCenterApi) => gate.wrap(client, PARTNER_CENTER_CALLS),
    });
    let begun!: (result: StartResult) => void;
    const started = new Promise<StartResult>((resolve) => (begun = resolve));
    const entry: Running = { jobId: undefined, started, done: Promise.resolve(), gate };
    const done = run({
      store: gate.store(ledger),
      submit,
      journal,
      onStart: (job, resumed) => {
        entry.jobId = job.id;
        stops.delete(job.id);
        if (sync) syncs.set(job.id, { phase: 'waiting-for-job', trigger: null, devices: [] });
        else syncs.delete(job.id);
        log(`submission ${job.id}: ${resumed ? 'resumed' : 'started'} (${service}, ${job.devices.length})`);
        begun({ ok: true, jobId: job.id });
      },
    }).then(
      (result) => {
        if (customUrl !== undefined && result.stopped?.kind === 'token')
          stops.set(result.job.id, { kind: 'custom-url', ...customUrl });
        else if (tokenProblem !== undefined && result.stopped?.kind === 'token')
          stops.set(result.job.id, { kind: 'token', problem: tokenProblem });
        log(
          `submission ${result.job.id}: finished${result.stopped ? ` (stopped: ${result.stopped.kind})` : ''}`,
        );
        if (sync && service === 'graph' && result.stopped === undefined && !gate.stopped) {
          return syncAfter(result, groupTag, gate);
        }
        syncs.delete(result.job.id);
        return undefined;
      },
      (error: unknown) => {
        if (entry.jobId === undefined) {
          begun({ ok: false, error });
          return;
        }
        if (error instanceof RunStoppedError || gate.stopped) {
          log(`submission ${entry.jobId}: stopped with the app (resumable)`);
        } else {
          stops.set(
            entry.jobId,
            error instanceof LedgerError ? { kind: 'ledger', error } : { kind: 'unexpected' },
          );
          log(`submission ${entry.jobId}: stopped by ${errorName(error)} (resumable)`);
        }
      },
    );
    running = Object.assign(entry, {
      done: done.finally(() => {
        if (running === entry) running = undefined;
      }),
    });
    return started;
  }

  /**
   * After a Graph job asked for it: the Autopilot sync once, then the wait for each device the run
   * registered (not the carried ones: registered, and synced, before), as `harvester submit --sync` does.
   * Progress goes to `syncs` for `submissionJob`; a stopped gate (close, sign-out) ends the wait at once.
   */
  async function syncAfter(result: JobRunResult, groupTag: string, gate: RunGate): Promise<void> {
    const jobId = result.job.id;
    const registered: SyncDevice[] = result.devices
      .filter((d) => d.state === 'registered' && !d.carried)
      .map((d) => ({ serial: d.serial, registrationId: d.detail.registrationId, groupTag }));
    if (registered.length === 0) {
      syncs.set(jobId, { phase: 'done', trigger: 'nothing', devices: [] });
      return;
    }
    const devices = new Map<string, SyncView['devices'][number]>(
      registered.map((d) => [d.serial, { serial: d.serial, state: 'waiting' }]),
    );
    const view = (): SyncView['devices'] => [...devices.values()];
    syncs.set(jobId, { phase: 'requesting', trigger: null, devices: view() });
    const client = gate.wrap(new GraphClient({ baseUrl: graphBaseUrl(env), log }), SYNC_CALLS);
    const token = tokenFor(
      'graph',
      () => undefined,
      () => undefined,
    );
    let trigger: SyncView['trigger'] = null;
    try {
      await syncAndWait(registered, {
        client,
        token,
        clock: gate.clock,
        poll: syncPoll(options.pollMs, options.syncWaitMs),
        log,
        onProgress: (progress) => {
          if (progress.kind === 'sync') trigger = triggerWord(progress.trigger);
          if (progress.kind === 'device') devices.set(progress.result.serial, progress.result);
          syncs.set(jobId, { phase: 'waiting', trigger, devices: view() });
        },
      });
    } catch (error) {
      log(`submission ${jobId}: Autopilot sync ended by ${errorName(error)}`);
    }
    syncs.set(jobId, { phase: 'done', trigger: trigger ?? 'failed', devices: view() });
  }

  /** The sync of a job as the contract shows it; null when none was asked for (or not in this app's run). */
  function syncOf(jobId: string): SubmissionSync | null {
    const view = syncs.get(jobId);
    if (view === undefined) return null;
    return {
      phase: view.phase,
      trigger: view.trigger,
      waitMinutes: Math.max(1, Math.round(syncPoll(options.pollMs, options.syncWaitMs).deadlineMs / 60_000)),
      devices: view.devices.map((d) => ({
        serial: d.serial,
        state: d.state,
        seenTag: d.state === 'other-tag' ? d.groupTag : null,
      })),
    };
  }

  /** `started`, or the start's failure as the contract says it (a ledger failure), or a thrown bug. */
  function startedAnswer(result: StartResult, lang: Lang) {
    if (result.ok) return { kind: 'started', jobId: result.jobId } as const;
    if (result.error instanceof LedgerError)
      return { kind: 'ledger-failed', failure: ledgerFailure(result.error, ledger.dir, lang) } as const;
    throw result.error;
  }

  /** The answer while `current` runs (once its job id is known). */
  async function busyWith(current: Running): Promise<{ kind: 'busy'; jobId: string }> {
    const started = await current.started;
    return { kind: 'busy', jobId: started.ok ? started.jobId : '' };
  }

  function summaryOf(job: SubmissionJob): SubmissionJobSummary {
    const counts = {
      devices: job.devices.length,
      pending: 0,
      registered: 0,
      alreadyRegistered: 0,
      failed: 0,
    };
    for (const d of job.devices) {
      if (d.state === 'registered') counts.registered++;
      else if (d.state === 'already-registered') counts.alreadyRegistered++;
      else if (d.state === 'failed') counts.failed++;
      // `pending` counts every device not final yet (sent and processing included).
      else counts.pending++;
    }
    return {
      id: job.id,
      service: job.service,
      customerTenantId: job.customerTenantId ?? null,
      groupTag: job.groupTag,
      retryOf: job.retryOf ?? null,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt ?? null,
      running: running !== undefined && running.jobId === job.id,
      counts,
    };
  }

  function stoppedText(job: SubmissionJob, lang: Lang): string | null {
    const isRunning = running !== undefined && running.jobId === job.id;
    const stop = stops.get(job.id);
    if (!isRunning && stop !== undefined) {
      switch (stop.kind) {
        case 'ledger':
          return `${ledgerFailure(stop.error, ledger.dir, lang).message} ${TEXT[lang].resumable}`;
        case 'unexpected':
          return TEXT[lang].unexpected;
        case 'token':
          return sentence(tokenProblemText(lang, stop.problem));
        case 'signed-out':
          return TEXT[lang].signedOut;
        case 'custom-url':
          return `${TEXT[lang].customUrl(stop)} ${TEXT[lang].resumable}`;
      }
    }
    if (isRunning) return null;
    if (job.finishedAt === undefined) return TEXT[lang].interrupted;
    // The run stopped for every device at once (refused sign-in, missing permission): the journal says so.
    const stopping = job.devices
      .map((d) => (d.state === 'failed' ? problemFromDetail(d.detail) : undefined))
      .find((p): p is SubmissionProblem => p !== undefined && stopsRun(p));
    return stopping ? sentence(problemMessage(job.service, stopping, lang)) : null;
  }

  function deviceOf(job: SubmissionJob, d: SubmissionJob['devices'][number], lang: Lang): ApiJobDevice {
    const final = isFinalSubmissionState(d.state);
    return {
      deviceId: d.deviceId,
      serial: d.serial,
      state: d.state,
      at: d.at,
      errorCode: final && d.state !== 'registered' ? submissionErrorCode(d.detail) : null,
      message: deviceMessage(
        { service: job.service, serial: d.serial, state: d.state, detail: d.detail, groupTag: job.groupTag },
        lang,
      ),
    };
  }

  const calls: SubmissionCalls = {
    async signInStatus({ service, lang }) {
      return statusOf(service, lang);
    },

    async startSignIn({ service, method, lang }) {
      return startSignIn(service, method ?? 'device-code', lang);
    },

    async cancelSignIn({ service }) {
      const current = flow;
      if (current?.service === service) {
        signIn.cancel();
        await current.done;
      }
      return { kind: 'done' };
    },

    async signOut() {
      const current = flow;
      signIn.cancel();
      await current?.done;
      // A running job would go on with the token it holds: stop it (it stays resumable) before forgetting.
      await stopRunning({ kind: 'signed-out' });
      await signIn.signOut();
      failures.clear();
      return { kind: 'done' };
    },

    async listCustomers({ lang }) {
      const tenant = await tenantKey('partner-center');
      if (tenant === undefined) return { kind: 'not-signed-in' };
      let tokenProblem: TokenProblem | undefined;
      let customUrl: { readonly name: string; readonly value: string } | undefined;
      const listed = await listPartnerCustomers({
        client: new PartnerCenterClient({ baseUrl: partnerCenterBaseUrl(env), log }),
        token: tokenFor(
          'partner-center',
          (problem) => (tokenProblem = problem),
          (problem) => (customUrl = problem),
        ),
        budget: budgets.for('partner-center', tenant),
        log,
      });
      if (listed.ok) {
        return {
          kind: 'listed',
          customers: listed.customers.map((c) => ({ id: c.id, name: c.companyName, domain: c.domain })),
        };
      }
      const message =
        customUrl !== undefined
          ? TEXT[lang].customUrl(customUrl)
          : tokenProblem !== undefined
            ? sentence(tokenProblemText(lang, tokenProblem))
            : sentence(partnerCenterProblemMessage(listed.problem, lang));
      return { kind: 'failed', message };
    },

    async startSubmission({ service, customerTenantId, tag, allowCustomTag, selection, sync, lang }) {
      const policy = exportTagPolicy(tag, allowCustomTag);
      if (!policy.ok) return { kind: 'tag-refused', check: groupTagCheckOf(policy.check, lang) };
      if (policy.policy.kind !== 'override') throw new RangeError('A submission needs one tag.');
      const groupTag = policy.policy.tag;
      let customer: string | undefined;
      if (service === 'partner-center') {
        const typed = customerTenantId?.trim() ?? '';
        if (!isCustomerTenantId(typed)) return { kind: 'bad-customer', message: TEXT[lang].badCustomer };
        customer = normalizeCustomerTenantId(typed);
      }
      // Graph registers in the signed-in tenant: a customer given for it is not used.
      const tenant = await tenantKey(service);
      if (tenant === undefined) return { kind: 'not-signed-in' };
      const ids =
        selection.kind === 'ids'
          ? selection.ids
          : selection.kind === 'not-registered'
            ? ledger
                .list()
                .filter((d) => ledger.submissionOf(d.id)?.registered !== true)
                .map((d) => d.id)
            : undefined;
      const devices = devicesFor(ids, groupTag);
      if (devices.length === 0) return { kind: 'no-devices' };
      // Checked with no wait between it and the launch, so two starts cannot both begin a run.
      if (running !== undefined) return busyWith(running);
      const request = {
        service,
        ...(customer !== undefined ? { customerTenantId: customer } : {}),
        groupTag,
        devices,
      };
      const result = await launch(
        service,
        customer,
        groupTag,
        tenant,
        (run) => runSubmissionJob(request, run),
        // Partner Center has no Autopilot sync to trigger.
        sync === true && service === 'graph',
      );
      return startedAnswer(result, lang);
    },

    async submissionJob({ jobId, lang }) {
      const job = ledger.submissionJob(jobId);
      if (job === undefined) return { kind: 'not-found' };
      return {
        kind: 'found',
        job: summaryOf(job),
        devices: job.devices.map((d) => deviceOf(job, d, lang)),
        stopped: stoppedText(job, lang),
        sync: syncOf(job.id),
      };
    },

    async listSubmissionJobs() {
      return { jobs: [...ledger.submissionJobs()].reverse().map(summaryOf) };
    },

    async retrySubmission({ jobId, lang }) {
      const job = ledger.submissionJob(jobId);
      if (job === undefined) return { kind: 'not-found' };
      if (running !== undefined) return busyWith(running);
      // The start's policy, again: an edited ledger must not send a near miss or an invalid tag. A custom tag
      // was confirmed when the job started (the retry has nobody to ask again).
      const policy = exportTagPolicy(job.groupTag, true);
      if (!policy.ok) return { kind: 'tag-refused', check: groupTagCheckOf(policy.check, lang) };
      const inLedger = new Set(ledger.list().map((d) => d.id));
      if (
        job.finishedAt !== undefined &&
        !job.devices.some((d) => d.state === 'failed' && inLedger.has(d.deviceId))
      ) {
        return { kind: 'nothing-to-retry' };
      }
      const tenant = await tenantKey(job.service);
      if (tenant === undefined) return { kind: 'not-signed-in' };
      const devices = new Map(
        devicesFor(
          job.devices.map((d) => d.deviceId),
          job.groupTag,
        ).map((d) => [d.deviceId, d.device]),
      );
      if (running !== undefined) return busyWith(running);
      const result = await launch(job.service, job.customerTenantId, job.groupTag, tenant, (run) =>
        retryFailedJob(job.id, devices, run),
      );
      return startedAnswer(result, lang);
    },
  };

  /** Waits for `work`, at most `closeWaitMs`. */
  async function waitAtMost(work: Promise<unknown>): Promise<void> {
    const wait = options.closeWaitMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)));
    await Promise.race([work, timeout]);
    clearTimeout(timer);
  }

  /**
   * Stops the running job, if any, as `close()` does, and waits for it to wind down; an unfinished job then
   * keeps `why` for `submissionJob.stopped`.
   */
  async function stopRunning(why: RunStop): Promise<void> {
    const current = running;
    if (current === undefined) return;
    current.gate.stop();
    await waitAtMost(current.done);
    const jobId = current.jobId;
    if (jobId !== undefined && ledger.submissionJob(jobId)?.finishedAt === undefined) stops.set(jobId, why);
  }

  return {
    ...calls,
    async close() {
      const current = running;
      current?.gate.stop();
      const signingIn = flow;
      if (signingIn !== undefined) signIn.cancel();
      await waitAtMost(Promise.all([current?.done, signingIn?.done]));
    },
  };
}

/** Outcomes the screen keeps showing until the next start. */
function isFailure(outcome: SignInOutcome): boolean {
  switch (outcome.kind) {
    case 'expired':
    case 'cancelled':
    case 'declined':
    case 'refused':
    case 'network':
    case 'no-browser':
      return true;
    case 'signed-in':
    case 'not-configured':
    case 'env-token':
    case 'busy':
      return false;
  }
}

/** The sign-in's reason when a token source threw `SignInNeededError`. */
function tokenProblemOf(error: unknown): TokenProblem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { kind, problem } = error as { kind?: unknown; problem?: unknown };
  return kind === 'sign-in-needed' && typeof problem === 'object' && problem !== null
    ? (problem as TokenProblem)
    : undefined;
}

/** An error's name for the log (never its message, which may quote a service's text). */
function errorName(error: unknown): string {
  if (error instanceof LedgerError) return `LedgerError ${error.kind}`;
  return error instanceof Error ? error.name : typeof error;
}
