/**
 * The Submit screen's state: the service and its sign-in (polled while a device code sign-in is under way),
 * the customer (Partner Center), the tag and the devices to send; the job being shown (polled while it
 * runs, and asked again with a growing wait when a question fails meanwhile) and the job history. It lives
 * for the window's life, so a half-made choice and a running job's progress survive a trip to another
 * screen; polling runs only while the screen is open.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiOutput,
  DeviceSummary,
  HarvesterApi,
  SignInStatus,
  SubmissionService,
} from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import type { FeatureStoreFactory } from '../../app/app-context';
import type { AppStore } from '../../app/app-store';
import { describeFailure, type UiFailure } from '../../app/ui-failure';
import { DEFAULT_TAG_CHOICE, sameChoice, type GroupTagChoice } from '../../components/group-tag-choice';
import { submitRequestOf, type SubmitChoices, type SubmitSelectionKind } from './submit-request';

export type StartAnswer = ApiOutput<'startSubmission'>;
export type RetryAnswer = ApiOutput<'retrySubmission'>;
export type JobAnswer = Extract<ApiOutput<'submissionJob'>, { kind: 'found' }>;
export type Customer = Extract<ApiOutput<'listCustomers'>, { kind: 'listed' }>['customers'][number];

export type SignInView =
  | { readonly kind: 'loading' }
  /** `lang`: the language the service worded its messages in. */
  | { readonly kind: 'known'; readonly status: SignInStatus; readonly lang: Lang }
  /** The call itself failed (transport or bug). */
  | { readonly kind: 'error'; readonly failure: UiFailure };

export type CustomersView =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'listed'; readonly customers: readonly Customer[] }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'failed'; readonly message: string; readonly lang: Lang }
  | { readonly kind: 'error'; readonly failure: UiFailure };

export type DevicesView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'listed'; readonly devices: readonly DeviceSummary[] }
  | { readonly kind: 'error'; readonly failure: UiFailure };

export type JobView =
  | { readonly kind: 'loading'; readonly jobId: string }
  | { readonly kind: 'found'; readonly jobId: string; readonly answer: JobAnswer; readonly lang: Lang }
  | { readonly kind: 'not-found'; readonly jobId: string }
  | { readonly kind: 'error'; readonly jobId: string; readonly failure: UiFailure };

export type JobsView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'listed'; readonly jobs: ApiOutput<'listSubmissionJobs'>['jobs'] }
  | { readonly kind: 'error'; readonly failure: UiFailure };

/** What the last press of "Send" or "Retry failed" / "Resume" answered (a started job is shown instead). */
export type ActionOutcome =
  | {
      readonly kind: 'start';
      readonly answer: Exclude<StartAnswer, { kind: 'started' }>;
      readonly lang: Lang;
    }
  | {
      readonly kind: 'retry';
      readonly answer: Exclude<RetryAnswer, { kind: 'started' }>;
      readonly lang: Lang;
    }
  | { readonly kind: 'failed'; readonly failure: UiFailure };

export interface SubmitState extends SubmitChoices {
  readonly signIn: SignInView;
  /** startSignIn, cancelSignIn or signOut is under way. */
  readonly signInBusy: boolean;
  readonly customers: CustomersView;
  readonly devices: DevicesView;
  readonly sending: boolean;
  readonly outcome: ActionOutcome | null;
  /** The job shown (the one just started, or one chosen in the history). */
  readonly job: JobView | null;
  /**
   * Asking the running job shown failed: its last answer stays shown and it is asked again, waiting longer
   * each time, until it answers.
   */
  readonly jobLostContact: boolean;
  readonly jobs: JobsView;

  /** The screen opened: take devices handed over, ask the sign-in state and the history. */
  start(): void;
  /** The screen closed: polling stops (the job runs on in the services). */
  stop(): void;
  chooseService(service: SubmissionService): void;
  /** Starts the device code sign-in (the code comes back at once; the status is then polled). */
  /** Device code (the default: works in OOBE) or the system browser (where there is one). */
  startSignIn(method?: 'device-code' | 'browser'): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(): Promise<void>;
  refreshSignIn(): Promise<void>;
  loadCustomers(): Promise<void>;
  setCustomerQuery(text: string): void;
  chooseCustomer(id: string): void;
  chooseTag(choice: GroupTagChoice): void;
  chooseSelection(selection: SubmitSelectionKind): void;
  /** Graph: whether the Autopilot sync follows the job. */
  chooseSync(on: boolean): void;
  /** The ledger's devices (for the count on the button), unless loaded for this ledger version already. */
  loadDevices(): Promise<void>;
  send(): Promise<void>;
  showJob(jobId: string): Promise<void>;
  /** Resends a finished job's failed devices, or resumes an interrupted job. */
  retry(jobId: string): Promise<void>;
  loadJobs(): Promise<void>;
}

export type SubmitStore = StoreApi<SubmitState>;

/** How often sign-in is asked while the technician signs in on another device. */
export const SIGN_IN_POLL_MS = 2_000;
/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 1_000;
/** The longest wait between questions while a running job cannot be asked (the wait doubles up to it). */
export const JOB_RETRY_MAX_MS = 10_000;

export interface SubmitStoreOptions {
  readonly api: HarvesterApi;
  readonly app: AppStore;
  readonly signInPollMs?: number;
  readonly jobPollMs?: number;
  readonly jobRetryMaxMs?: number;
}

export function createSubmitStore(options: SubmitStoreOptions): SubmitStore {
  const { api, app } = options;
  const signInPollMs = options.signInPollMs ?? SIGN_IN_POLL_MS;
  const jobPollMs = options.jobPollMs ?? JOB_POLL_MS;
  const jobRetryMaxMs = options.jobRetryMaxMs ?? JOB_RETRY_MAX_MS;
  const lang = (): Lang => app.getState().lang;

  /** The screen is open: polling may run. */
  let active = false;
  let signInTimer: ReturnType<typeof setTimeout> | undefined;
  let jobTimer: ReturnType<typeof setTimeout> | undefined;
  /** Moves with every sign-in question; an answer for an older one (another service) is dropped. */
  let signInSequence = 0;
  let signInInFlight: { service: SubmissionService; lang: Lang } | null = null;
  let jobSequence = 0;
  let jobInFlight: string | null = null;
  /** Questions in a row about the running job shown that failed. */
  let jobFailures = 0;
  let devicesSequence = 0;
  let devicesVersion = -1;
  let jobsSequence = 0;
  let customersSequence = 0;
  /** Asks the shown job again (set once the store exists). */
  let reaskJob: (jobId: string) => Promise<void> = async () => undefined;

  const store = createStore<SubmitState>()((set, get) => {
    const clearSignInTimer = (): void => {
      clearTimeout(signInTimer);
      signInTimer = undefined;
    };
    const clearJobTimer = (): void => {
      clearTimeout(jobTimer);
      jobTimer = undefined;
    };

    /** Keeps asking while a sign-in (device code or browser) is under way and the screen is open. */
    const scheduleSignInPoll = (): void => {
      clearSignInTimer();
      const view = get().signIn;
      if (!active || view.kind !== 'known') return;
      if (view.status.kind !== 'signing-in' && view.status.kind !== 'waiting-for-browser') return;
      signInTimer = setTimeout(() => {
        signInTimer = undefined;
        void get().refreshSignIn();
      }, signInPollMs);
    };

    const scheduleJobPoll = (): void => {
      clearJobTimer();
      const job = get().job;
      if (!active || job?.kind !== 'found' || !isRunning(job.answer)) return;
      const jobId = job.jobId;
      jobTimer = setTimeout(() => {
        jobTimer = undefined;
        void askJob(jobId);
      }, jobPollMs);
    };

    /** A new sign-in status: Partner Center's customers follow it. */
    const setSignIn = (status: SignInStatus, asked: Lang): void => {
      const before = get().signIn;
      set({ signIn: { kind: 'known', status, lang: asked } });
      const wasIn = before.kind === 'known' && canList(before.status);
      if (
        get().service === 'partner-center' &&
        canList(status) &&
        (!wasIn || get().customers.kind === 'idle')
      ) {
        void get().loadCustomers();
      }
      if (!canList(status)) set({ customers: { kind: 'idle' } });
      scheduleSignInPoll();
    };

    /**
     * The running job shown could not be asked: keep its last answer and ask again after 1 s, 2 s, 4 s …
     * (at most {@link JOB_RETRY_MAX_MS}) while the screen is open.
     */
    const scheduleJobRetry = (jobId: string): void => {
      clearJobTimer();
      if (!active) return;
      const wait = Math.min(jobPollMs * 2 ** (jobFailures - 1), jobRetryMaxMs);
      jobTimer = setTimeout(() => {
        jobTimer = undefined;
        void askJob(jobId);
      }, wait);
    };

    const askJob = async (jobId: string): Promise<void> => {
      if (jobInFlight === jobId) return;
      const mine = ++jobSequence;
      jobInFlight = jobId;
      const asked = lang();
      let answer: ApiOutput<'submissionJob'>;
      try {
        answer = await api.submissionJob({ jobId, lang: asked });
      } catch (error) {
        if (mine !== jobSequence) return;
        const shown = get().job;
        if (shown?.kind === 'found' && shown.jobId === jobId && isRunning(shown.answer)) {
          // Known to be running: one failed question is no reason to stop following it.
          jobFailures++;
          set({ jobLostContact: true });
          scheduleJobRetry(jobId);
        } else {
          set({ job: { kind: 'error', jobId, failure: describeFailure(error) }, jobLostContact: false });
        }
        return;
      } finally {
        if (mine === jobSequence) jobInFlight = null;
      }
      if (mine !== jobSequence) return;
      jobFailures = 0;
      if (get().jobLostContact) set({ jobLostContact: false });
      if (answer.kind === 'not-found') {
        set({ job: { kind: 'not-found', jobId } });
        return;
      }
      const before = get().job;
      const wasSending = before?.kind === 'found' && before.jobId === jobId && isSending(before.answer);
      set({ job: { kind: 'found', jobId, answer, lang: asked } });
      // The devices are final once the job is (the Autopilot sync after it changes none of them).
      if (wasSending && !isSending(answer)) {
        // The devices' states changed: every screen that shows them reads the ledger again.
        app.getState().noteLedgerChanged();
        void get().loadJobs();
      }
      scheduleJobPoll();
    };

    reaskJob = async (jobId) => {
      jobInFlight = null;
      await askJob(jobId);
    };

    /** A job was started (or resumed): show it, and poll it. */
    const started = (jobId: string): void => {
      clearJobTimer();
      jobFailures = 0;
      set({ job: { kind: 'loading', jobId }, jobLostContact: false, outcome: null });
      jobInFlight = null;
      app.getState().noteLedgerChanged();
      void askJob(jobId);
      void get().loadJobs();
    };

    /**
     * Send or retry: one press at a time; a started job is shown, anything else kept as the outcome to show.
     * Signed out in the meantime (a token expired): the panel above says so and offers sign-in.
     */
    const startJob = async <A extends StartAnswer | RetryAnswer>(
      call: () => Promise<A>,
      outcomeOf: (answer: Exclude<A, { kind: 'started' }>) => ActionOutcome,
    ): Promise<void> => {
      set({ sending: true, outcome: null });
      let answer: A;
      try {
        answer = await call();
      } catch (error) {
        set({ sending: false, outcome: { kind: 'failed', failure: describeFailure(error) } });
        return;
      }
      set({ sending: false });
      if (answer.kind === 'started') {
        started(answer.jobId);
        return;
      }
      set({ outcome: outcomeOf(answer as Exclude<A, { kind: 'started' }>) });
      if (answer.kind === 'not-signed-in') void get().refreshSignIn();
    };

    return {
      service: 'graph',
      selection: 'not-registered',
      chosenIds: null,
      tag: DEFAULT_TAG_CHOICE,
      customerId: null,
      customerQuery: '',
      sync: false,
      signIn: { kind: 'loading' },
      signInBusy: false,
      customers: { kind: 'idle' },
      devices: { kind: 'loading' },
      sending: false,
      outcome: null,
      job: null,
      jobLostContact: false,
      jobs: { kind: 'loading' },

      start() {
        const ids = app.getState().takePendingSubmit();
        if (ids !== null && ids.length > 0) set({ selection: 'ids', chosenIds: [...ids], outcome: null });
        const wasActive = active;
        active = true;
        if (!wasActive) {
          void get().refreshSignIn();
          void get().loadJobs();
          // A job shown before: ask again if it was still running, or is worded in another language now.
          const job = get().job;
          if (job !== null && (job.kind !== 'found' || isRunning(job.answer) || job.lang !== lang())) {
            void reaskJob(job.jobId);
          }
        }
      },

      stop() {
        active = false;
        clearSignInTimer();
        clearJobTimer();
      },

      chooseSync(on) {
        if (on !== get().sync) set({ sync: on, outcome: null });
      },

      chooseService(service) {
        if (service === get().service) return;
        clearSignInTimer();
        signInInFlight = null;
        set({ service, signIn: { kind: 'loading' }, customers: { kind: 'idle' }, outcome: null });
        void get().refreshSignIn();
      },

      async refreshSignIn() {
        const service = get().service;
        const asked = lang();
        if (signInInFlight?.service === service && signInInFlight.lang === asked) return;
        const mine = ++signInSequence;
        signInInFlight = { service, lang: asked };
        clearSignInTimer();
        try {
          const status = await api.signInStatus({ service, lang: asked });
          if (mine === signInSequence) setSignIn(status, asked);
        } catch (error) {
          if (mine === signInSequence) set({ signIn: { kind: 'error', failure: describeFailure(error) } });
        } finally {
          if (mine === signInSequence) signInInFlight = null;
        }
      },

      async startSignIn(method = 'device-code') {
        if (get().signInBusy) return;
        const service = get().service;
        const asked = lang();
        const mine = ++signInSequence;
        signInInFlight = null;
        set({ signInBusy: true });
        try {
          const status = await api.startSignIn({ service, method, lang: asked });
          if (mine === signInSequence) setSignIn(status, asked);
        } catch (error) {
          if (mine === signInSequence) set({ signIn: { kind: 'error', failure: describeFailure(error) } });
        } finally {
          set({ signInBusy: false });
        }
      },

      async cancelSignIn() {
        if (get().signInBusy) return;
        const service = get().service;
        clearSignInTimer();
        ++signInSequence;
        signInInFlight = null;
        set({ signInBusy: true });
        try {
          await api.cancelSignIn({ service });
        } catch (error) {
          set({ signIn: { kind: 'error', failure: describeFailure(error) } });
          return;
        } finally {
          set({ signInBusy: false });
        }
        await get().refreshSignIn();
      },

      async signOut() {
        if (get().signInBusy) return;
        const service = get().service;
        ++signInSequence;
        signInInFlight = null;
        set({ signInBusy: true });
        try {
          await api.signOut({ service });
        } catch (error) {
          set({ signIn: { kind: 'error', failure: describeFailure(error) } });
          return;
        } finally {
          set({ signInBusy: false });
        }
        // Signing out stops a running job (it stays resumable): show it interrupted now, not at the next poll.
        const job = get().job;
        if (job !== null) void reaskJob(job.jobId);
        void get().loadJobs();
        await get().refreshSignIn();
      },

      async loadCustomers() {
        const mine = ++customersSequence;
        const asked = lang();
        set({ customers: { kind: 'loading' } });
        let answer: ApiOutput<'listCustomers'>;
        try {
          answer = await api.listCustomers({ lang: asked });
        } catch (error) {
          if (mine === customersSequence)
            set({ customers: { kind: 'error', failure: describeFailure(error) } });
          return;
        }
        if (mine !== customersSequence || get().service !== 'partner-center') return;
        switch (answer.kind) {
          case 'listed':
            set({ customers: { kind: 'listed', customers: answer.customers } });
            return;
          case 'not-signed-in':
            set({ customers: { kind: 'not-signed-in' } });
            return;
          case 'failed':
            set({ customers: { kind: 'failed', message: answer.message, lang: asked } });
            return;
        }
      },

      setCustomerQuery(text) {
        if (text === get().customerQuery) return;
        set({ customerQuery: text.slice(0, 200), outcome: null });
      },

      chooseCustomer(id) {
        if (id === get().customerId) return;
        set({ customerId: id, outcome: null });
      },

      chooseTag(choice) {
        if (sameChoice(choice, get().tag)) return;
        set({ tag: choice, outcome: null });
      },

      chooseSelection(selection) {
        if (selection === 'ids' && get().chosenIds === null) return;
        if (selection === get().selection) return;
        set({ selection, outcome: null });
      },

      async loadDevices() {
        const version = app.getState().ledgerVersion;
        // Loaded, or being loaded, for this version of the ledger already (StrictMode runs effects twice).
        if (devicesVersion === version) return;
        const mine = ++devicesSequence;
        devicesVersion = version;
        if (get().devices.kind !== 'listed') set({ devices: { kind: 'loading' } });
        try {
          const answer = await api.listDevices({});
          if (mine === devicesSequence) set({ devices: { kind: 'listed', devices: answer.devices } });
        } catch (error) {
          if (mine === devicesSequence) {
            devicesVersion = -1;
            set({ devices: { kind: 'error', failure: describeFailure(error) } });
          }
        }
      },

      async send() {
        const state = get();
        if (state.sending) return;
        const asked = lang();
        const status = state.signIn.kind === 'known' ? state.signIn.status : null;
        const request = submitRequestOf(state, status, asked);
        if (request === null) return;
        await startJob(
          () => api.startSubmission(request),
          (answer) => ({ kind: 'start', answer, lang: asked }),
        );
      },

      async showJob(jobId) {
        const current = get().job;
        if (current?.jobId === jobId && current.kind === 'found' && !isRunning(current.answer)) return;
        clearJobTimer();
        jobInFlight = null;
        jobFailures = 0;
        set({ job: { kind: 'loading', jobId }, jobLostContact: false });
        await askJob(jobId);
      },

      async retry(jobId) {
        if (get().sending) return;
        const asked = lang();
        await startJob(
          () => api.retrySubmission({ jobId, lang: asked }),
          (answer) => ({ kind: 'retry', answer, lang: asked }),
        );
      },

      async loadJobs() {
        const mine = ++jobsSequence;
        try {
          const answer = await api.listSubmissionJobs({ lang: lang() });
          if (mine === jobsSequence) set({ jobs: { kind: 'listed', jobs: answer.jobs } });
        } catch (error) {
          if (mine === jobsSequence) set({ jobs: { kind: 'error', failure: describeFailure(error) } });
        }
      },
    };
  });

  // Messages (the setup guide, failures, device explanations) are worded in the app's language.
  app.subscribe((state, before) => {
    if (state.lang === before.lang || !active) return;
    const current = store.getState();
    void current.refreshSignIn();
    if (current.job !== null) void reaskJob(current.job.jobId);
    void current.loadJobs();
    if (current.customers.kind === 'failed') void current.loadCustomers();
  });

  return store;
}

/** Being worked on now: keep asking for its progress. */
/** The job itself still sends or follows devices. */
function isSending(answer: JobAnswer): boolean {
  return answer.job.running && answer.job.finishedAt === null;
}

/** Still to follow: the job runs, or the Autopilot sync after it is not done yet. */
export function isRunning(answer: JobAnswer): boolean {
  if (isSending(answer)) return true;
  return answer.job.running && answer.sync !== null && answer.sync.phase !== 'done';
}

function canList(status: SignInStatus): boolean {
  return status.kind === 'signed-in' || status.kind === 'env-token';
}

/** The screen's store, made on first use. */
export const submitStoreFactory: FeatureStoreFactory<SubmitState> = ({ api, app }) =>
  createSubmitStore({ api, app });
