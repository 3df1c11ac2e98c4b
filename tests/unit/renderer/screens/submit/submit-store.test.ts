import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput, ApiOutput } from '../../../../../shared/api/harvester-api';
import { createAppStore, type AppStore } from '../../../../../renderer/app/app-store';
import {
  createSubmitStore,
  JOB_POLL_MS,
  JOB_RETRY_MAX_MS,
  SIGN_IN_POLL_MS,
  type SubmitStore,
} from '../../../../../renderer/screens/submit/submit-store';
import {
  appInfoAnswer,
  deviceSummary,
  fakeApi,
  type FakeAnswers,
  type FakeApi,
} from '../../../../support/fake-api';
import { memoryStorage } from '../../../../support/render-app';
import { CUSTOMER_ID, DEFAULT_TAG, SIGNED_IN, SIGNING_IN, jobAnswer } from './submit-answers';

interface Setup {
  readonly api: FakeApi;
  readonly app: AppStore;
  readonly store: SubmitStore;
}

async function setup(answers: FakeAnswers = {}, options: { start?: boolean } = {}): Promise<Setup> {
  const api = fakeApi({
    appInfo: appInfoAnswer(),
    signInStatus: { kind: 'env-token' },
    listSubmissionJobs: { jobs: [] },
    listDevices: { devices: [deviceSummary()] },
    startSubmission: { kind: 'started', jobId: 'job-1' },
    submissionJob: jobAnswer(['registered', 'failed']),
    ...answers,
  });
  const app = createAppStore({ api, storage: memoryStorage({ 'harvester.lang': 'en' }), browserLang: 'en' });
  const store = createSubmitStore({ api, app });
  if (options.start ?? true) {
    store.getState().start();
    await settle();
  }
  return { api, app, store };
}

async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function lastStart(api: FakeApi): ApiInput<'startSubmission'> | undefined {
  return api.startSubmission.mock.calls.at(-1)?.[0];
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the submit store: sign-in', () => {
  it('asks the sign-in state of Graph once as the screen opens, though StrictMode starts it twice', async () => {
    const { api, store } = await setup({}, { start: false });
    store.getState().start();
    store.getState().stop();
    store.getState().start();
    await settle();
    expect(api.signInStatus).toHaveBeenCalledTimes(1);
    expect(api.signInStatus).toHaveBeenCalledWith({ service: 'graph', lang: 'en' });
    expect(store.getState().signIn).toEqual({ kind: 'known', status: { kind: 'env-token' }, lang: 'en' });
  });

  it('asks again for the other service when it is chosen', async () => {
    const { api, store } = await setup();
    store.getState().chooseService('partner-center');
    expect(store.getState().signIn.kind).toBe('loading');
    await settle();
    expect(api.signInStatus).toHaveBeenLastCalledWith({ service: 'partner-center', lang: 'en' });
  });

  it('polls every 2 s while signing in, stops once signed in, and lists Partner Center customers then', async () => {
    let status: ApiOutput<'signInStatus'> = { kind: 'signed-out' };
    const { api, store } = await setup({
      signInStatus: () => status,
      startSignIn: SIGNING_IN,
      listCustomers: {
        kind: 'listed',
        customers: [{ id: CUSTOMER_ID, name: 'Contoso', domain: 'contoso.com' }],
      },
    });
    store.getState().chooseService('partner-center');
    await settle();
    await store.getState().startSignIn();
    expect(api.startSignIn).toHaveBeenCalledWith({
      service: 'partner-center',
      method: 'device-code',
      lang: 'en',
    });
    expect(store.getState().signIn).toMatchObject({ kind: 'known', status: { kind: 'signing-in' } });
    const before = api.signInStatus.mock.calls.length;
    status = SIGNING_IN;
    await settle(SIGN_IN_POLL_MS - 1);
    expect(api.signInStatus.mock.calls.length).toBe(before);
    await settle(1);
    expect(api.signInStatus.mock.calls.length).toBe(before + 1);
    await settle(SIGN_IN_POLL_MS);
    expect(api.signInStatus.mock.calls.length).toBe(before + 2);
    status = SIGNED_IN;
    await settle(SIGN_IN_POLL_MS);
    expect(store.getState().signIn).toMatchObject({ status: { kind: 'signed-in' } });
    expect(api.listCustomers).toHaveBeenCalledTimes(1);
    expect(store.getState().customers).toMatchObject({ kind: 'listed' });
    await settle(SIGN_IN_POLL_MS * 5);
    expect(api.signInStatus.mock.calls.length).toBe(before + 3);
  });

  it('stops polling sign-in when the screen closes, and starts again when it opens', async () => {
    const { api, store } = await setup({ signInStatus: SIGNING_IN });
    await settle(SIGN_IN_POLL_MS);
    expect(api.signInStatus).toHaveBeenCalledTimes(2);
    store.getState().stop();
    await settle(SIGN_IN_POLL_MS * 5);
    expect(api.signInStatus).toHaveBeenCalledTimes(2);
    store.getState().start();
    await settle();
    expect(api.signInStatus).toHaveBeenCalledTimes(3);
    await settle(SIGN_IN_POLL_MS);
    expect(api.signInStatus).toHaveBeenCalledTimes(4);
    store.getState().stop();
  });

  it('cancels a sign-in and asks the state again', async () => {
    let status: ApiOutput<'signInStatus'> = SIGNING_IN;
    const { api, store } = await setup({
      signInStatus: () => status,
      cancelSignIn: () => {
        status = { kind: 'signed-out' };
        return { kind: 'done' };
      },
    });
    await store.getState().cancelSignIn();
    expect(api.cancelSignIn).toHaveBeenCalledWith({ service: 'graph' });
    expect(store.getState().signIn).toMatchObject({ status: { kind: 'signed-out' } });
    const calls = api.signInStatus.mock.calls.length;
    await settle(SIGN_IN_POLL_MS * 3);
    expect(api.signInStatus.mock.calls.length).toBe(calls);
  });

  it('signs out and shows the state the services then report', async () => {
    let status: ApiOutput<'signInStatus'> = SIGNED_IN;
    const { api, store } = await setup({
      signInStatus: () => status,
      signOut: () => {
        status = { kind: 'signed-out' };
        return { kind: 'done' };
      },
    });
    await store.getState().signOut();
    expect(api.signOut).toHaveBeenCalledWith({ service: 'graph' });
    expect(store.getState().signIn).toMatchObject({ status: { kind: 'signed-out' } });
  });

  it('asks the shown job and the history again after signing out, so a job the sign-out stopped shows interrupted', async () => {
    let signedOut = false;
    const { api, store } = await setup({
      signInStatus: () => (signedOut ? { kind: 'signed-out' } : SIGNED_IN),
      signOut: () => {
        signedOut = true;
        return { kind: 'done' };
      },
      submissionJob: () =>
        signedOut
          ? jobAnswer(['registered', 'pending'], { running: false })
          : jobAnswer(['registered', 'pending']),
    });
    await store.getState().send();
    await settle();
    expect(store.getState().job).toMatchObject({ answer: { job: { running: true } } });
    store.getState().stop();
    const jobs = api.listSubmissionJobs.mock.calls.length;
    await store.getState().signOut();
    await settle();
    // Without waiting for a poll (the screen may even be closed): the job is shown interrupted at once.
    expect(store.getState().job).toMatchObject({ answer: { job: { running: false, finishedAt: null } } });
    expect(api.listSubmissionJobs.mock.calls.length).toBeGreaterThan(jobs);
  });

  it('asks the sign-in state again in the new language (its messages are worded in it)', async () => {
    const { api, app } = await setup({ signInStatus: { kind: 'not-configured', message: 'Set up…' } });
    app.getState().setLang('ja');
    await settle();
    expect(api.signInStatus).toHaveBeenLastCalledWith({ service: 'graph', lang: 'ja' });
  });
});

describe('the submit store: the start request', () => {
  it('sends the devices not registered yet to Graph with the default tag', async () => {
    const { api, store } = await setup();
    await store.getState().send();
    expect(lastStart(api)).toEqual({
      service: 'graph',
      customerTenantId: null,
      tag: DEFAULT_TAG,
      allowCustomTag: false,
      selection: { kind: 'not-registered' },
      sync: false,
      lang: 'en',
    });
  });

  it('sends all devices with a confirmed custom tag', async () => {
    const { api, store } = await setup();
    store.getState().chooseSelection('all');
    store.getState().chooseTag({ tag: 'Site-Osaka', allowCustomTag: true, status: 'ok' });
    await store.getState().send();
    expect(lastStart(api)).toMatchObject({
      selection: { kind: 'all' },
      tag: 'Site-Osaka',
      allowCustomTag: true,
    });
  });

  it('sends the devices handed over by the Devices screen', async () => {
    const { api, app, store } = await setup({}, { start: false });
    app.getState().submitDevices(['a1', 'b2']);
    store.getState().start();
    await settle();
    expect(store.getState().selection).toBe('ids');
    expect(app.getState().pendingSubmitIds).toBeNull();
    await store.getState().send();
    expect(lastStart(api)?.selection).toEqual({ kind: 'ids', ids: ['a1', 'b2'] });
  });

  it('sends to Partner Center for the customer chosen in the list', async () => {
    const { api, store } = await setup({
      listCustomers: {
        kind: 'listed',
        customers: [{ id: CUSTOMER_ID, name: 'Contoso', domain: 'contoso.com' }],
      },
    });
    store.getState().chooseService('partner-center');
    await settle();
    expect(store.getState().customers).toMatchObject({ kind: 'listed' });
    await store.getState().send();
    expect(api.startSubmission).not.toHaveBeenCalled();
    store.getState().chooseCustomer(CUSTOMER_ID);
    await store.getState().send();
    expect(lastStart(api)).toMatchObject({ service: 'partner-center', customerTenantId: CUSTOMER_ID });
  });

  it('sends to Partner Center for a typed tenant ID, only once it is a whole GUID', async () => {
    const { api, store } = await setup({ listCustomers: { kind: 'not-signed-in' } });
    store.getState().chooseService('partner-center');
    await settle();
    store.getState().setCustomerQuery('8f2b6c1e-4d3a-4b5c-9e7f');
    await store.getState().send();
    expect(api.startSubmission).not.toHaveBeenCalled();
    store.getState().setCustomerQuery(` ${CUSTOMER_ID.toUpperCase()} `);
    await store.getState().send();
    expect(lastStart(api)?.customerTenantId).toBe(CUSTOMER_ID);
  });

  it('sends nothing while signed out, or while the tag is not usable or is each device’s own', async () => {
    const { api, store } = await setup({ signInStatus: { kind: 'signed-out' } });
    await store.getState().send();
    expect(api.startSubmission).not.toHaveBeenCalled();

    const other = await setup();
    other.store
      .getState()
      .chooseTag({ tag: 'Microsoft365Manged_Autopilot', allowCustomTag: false, status: 'invalid' });
    await other.store.getState().send();
    other.store.getState().chooseTag({ tag: null, allowCustomTag: false, status: 'ok' });
    await other.store.getState().send();
    expect(other.api.startSubmission).not.toHaveBeenCalled();
  });
});

describe('the submit store: answers to Send', () => {
  const cases: readonly ApiOutput<'startSubmission'>[] = [
    {
      kind: 'tag-refused',
      check: {
        kind: 'near-miss',
        input: 'Microsoft365Manged_Autopilot',
        suggestion: DEFAULT_TAG,
        suggestionDescription: 'Microsoft Managed Desktop',
        reasons: ['typo'],
        reasonsText: 'a missing letter',
      },
    },
    { kind: 'not-signed-in' },
    { kind: 'busy', jobId: 'job-0' },
    { kind: 'no-devices' },
    { kind: 'bad-customer', message: 'This partner account has no relationship with that customer.' },
    {
      kind: 'ledger-failed',
      failure: {
        reason: 'locked',
        file: 'E:\\ledger',
        message: 'Another app holds the ledger.',
        detail: 'EBUSY',
      },
    },
  ];

  it.each(cases)('keeps the $kind answer to show, and starts no job', async (answer) => {
    const { api, store } = await setup({ startSubmission: answer });
    await store.getState().send();
    expect(store.getState().outcome).toEqual({ kind: 'start', answer, lang: 'en' });
    expect(store.getState().job).toBeNull();
    expect(api.submissionJob).not.toHaveBeenCalled();
  });

  it('asks the sign-in state again after not-signed-in', async () => {
    const { api, store } = await setup({ startSubmission: { kind: 'not-signed-in' } });
    const before = api.signInStatus.mock.calls.length;
    await store.getState().send();
    await settle();
    expect(api.signInStatus.mock.calls.length).toBe(before + 1);
  });

  it('says so when the call itself fails', async () => {
    const { store } = await setup({
      startSubmission: () => {
        throw new Error('socket hang up');
      },
    });
    await store.getState().send();
    expect(store.getState().outcome).toMatchObject({ kind: 'failed' });
    expect(store.getState().sending).toBe(false);
  });

  it('shows the running job a busy answer names', async () => {
    const { api, store } = await setup({
      startSubmission: { kind: 'busy', jobId: 'job-0' },
      submissionJob: jobAnswer(['pending'], { id: 'job-0' }),
    });
    await store.getState().send();
    await store.getState().showJob('job-0');
    expect(api.submissionJob).toHaveBeenCalledWith({ jobId: 'job-0', lang: 'en' });
    expect(store.getState().job).toMatchObject({ kind: 'found', jobId: 'job-0' });
  });
});

describe('the submit store: progress', () => {
  it('polls the started job every second until it has finished, then notes the ledger changed once', async () => {
    const answers = [
      jobAnswer(['pending', 'pending']),
      jobAnswer(['imported', 'pending']),
      jobAnswer(['registered', 'imported']),
      jobAnswer(['registered', 'failed']),
    ];
    let asked = 0;
    const { api, app, store } = await setup({
      submissionJob: () => answers[Math.min(asked++, answers.length - 1)]!,
    });
    await store.getState().send();
    await settle();
    const versionAfterStart = app.getState().ledgerVersion;
    expect(api.submissionJob).toHaveBeenCalledTimes(1);
    expect(store.getState().job).toMatchObject({ kind: 'found', jobId: 'job-1' });
    await settle(JOB_POLL_MS);
    expect(api.submissionJob).toHaveBeenCalledTimes(2);
    await settle(JOB_POLL_MS * 2);
    expect(api.submissionJob).toHaveBeenCalledTimes(4);
    expect(app.getState().ledgerVersion).toBe(versionAfterStart + 1);
    await settle(JOB_POLL_MS * 5);
    expect(api.submissionJob).toHaveBeenCalledTimes(4);
    expect(app.getState().ledgerVersion).toBe(versionAfterStart + 1);
    // The history is read again once the job has finished.
    expect(api.listSubmissionJobs.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('stops polling the job when the screen closes and asks again when it opens', async () => {
    const { api, store } = await setup({ submissionJob: jobAnswer(['pending']) });
    await store.getState().send();
    await settle();
    expect(api.submissionJob).toHaveBeenCalledTimes(1);
    store.getState().stop();
    await settle(JOB_POLL_MS * 5);
    expect(api.submissionJob).toHaveBeenCalledTimes(1);
    store.getState().start();
    await settle();
    expect(api.submissionJob).toHaveBeenCalledTimes(2);
    await settle(JOB_POLL_MS);
    expect(api.submissionJob).toHaveBeenCalledTimes(3);
    store.getState().stop();
  });

  it('words a finished job shown before in the language chosen while the screen was closed', async () => {
    const { api, app, store } = await setup({ submissionJob: jobAnswer(['failed']) });
    await store.getState().showJob('job-1');
    store.getState().stop();
    app.getState().setLang('ja');
    store.getState().start();
    await settle();
    expect(api.submissionJob).toHaveBeenLastCalledWith({ jobId: 'job-1', lang: 'ja' });
    expect(store.getState().job).toMatchObject({ lang: 'ja' });
    store.getState().stop();
  });

  it('keeps asking a running job after failed questions, waiting 1 s, 2 s, 4 s up to 10 s, and polls every second again once it answers', async () => {
    let down = false;
    const { api, store } = await setup({
      submissionJob: () => {
        if (down) throw new Error('The app’s background service is not answering.');
        return jobAnswer(['registered', 'pending']);
      },
    });
    await store.getState().send();
    await settle();
    expect(store.getState().job).toMatchObject({ kind: 'found' });
    down = true;
    const calls = (): number => api.submissionJob.mock.calls.length;
    const before = calls();
    await settle(JOB_POLL_MS);
    expect(calls()).toBe(before + 1);
    // The last answer stays shown, and the screen says contact was lost.
    expect(store.getState().job).toMatchObject({ kind: 'found', answer: { job: { running: true } } });
    expect(store.getState().jobLostContact).toBe(true);
    for (const [n, wait] of [1_000, 2_000, 4_000, 8_000, JOB_RETRY_MAX_MS, JOB_RETRY_MAX_MS].entries()) {
      await settle(wait - 1);
      expect(calls(), `retry ${n + 1} not before ${wait} ms`).toBe(before + 1 + n);
      await settle(1);
      expect(calls(), `retry ${n + 1} after ${wait} ms`).toBe(before + 2 + n);
    }
    down = false;
    await settle(JOB_RETRY_MAX_MS);
    expect(store.getState().jobLostContact).toBe(false);
    const back = calls();
    await settle(JOB_POLL_MS * 3);
    expect(calls()).toBe(back + 3);
    store.getState().stop();
  });

  it('shows why a job not known to be running could not be loaded, without asking again by itself', async () => {
    const { api, store } = await setup({
      submissionJob: () => {
        throw new Error('socket hang up');
      },
    });
    await store.getState().showJob('job-1');
    expect(store.getState().job).toMatchObject({ kind: 'error', jobId: 'job-1' });
    expect(store.getState().jobLostContact).toBe(false);
    await settle(JOB_RETRY_MAX_MS * 3);
    expect(api.submissionJob).toHaveBeenCalledTimes(1);
  });

  it('does not poll a finished job chosen in the history', async () => {
    const { api, store } = await setup({ submissionJob: jobAnswer(['registered']) });
    await store.getState().showJob('job-1');
    await settle(JOB_POLL_MS * 3);
    expect(api.submissionJob).toHaveBeenCalledTimes(1);
  });

  it('retries the failed devices of a finished job: a new job, shown and polled', async () => {
    let asked = 0;
    const { api, store } = await setup({
      submissionJob: ({ jobId }) =>
        jobId === 'job-1'
          ? jobAnswer(['registered', 'failed'])
          : asked++ === 0
            ? jobAnswer(['pending'], { id: 'job-2' })
            : jobAnswer(['failed'], { id: 'job-2' }),
      retrySubmission: { kind: 'started', jobId: 'job-2' },
    });
    await store.getState().showJob('job-1');
    await store.getState().retry('job-1');
    expect(api.retrySubmission).toHaveBeenCalledWith({ jobId: 'job-1', lang: 'en' });
    await settle();
    expect(store.getState().job).toMatchObject({ kind: 'found', jobId: 'job-2' });
    await settle(JOB_POLL_MS);
    expect(store.getState().job).toMatchObject({ answer: { job: { finishedAt: expect.any(String) } } });
  });

  it.each([
    { kind: 'nothing-to-retry' } as const,
    { kind: 'not-found' } as const,
    { kind: 'busy', jobId: 'job-9' } as const,
    { kind: 'not-signed-in' } as const,
    {
      kind: 'tag-refused',
      check: {
        kind: 'near-miss',
        input: 'Microsoft365Manged_Autopilot',
        suggestion: DEFAULT_TAG,
        suggestionDescription: 'Microsoft Managed Desktop',
        reasons: ['typo'],
        reasonsText: 'a missing letter',
      },
    } as const,
  ])('keeps the $kind answer to a retry', async (answer) => {
    const { store } = await setup({ retrySubmission: answer });
    await store.getState().retry('job-1');
    expect(store.getState().outcome).toEqual({ kind: 'retry', answer, lang: 'en' });
  });

  it('lists the history on opening', async () => {
    const job = jobAnswer(['registered']).job;
    const { api, store } = await setup({ listSubmissionJobs: { jobs: [job] } });
    expect(api.listSubmissionJobs).toHaveBeenCalledWith({ lang: 'en' });
    expect(store.getState().jobs).toEqual({ kind: 'listed', jobs: [job] });
  });

  it('counts the devices from the ledger once per ledger version', async () => {
    const { api, app, store } = await setup();
    await store.getState().loadDevices();
    await store.getState().loadDevices();
    expect(api.listDevices).toHaveBeenCalledTimes(1);
    app.getState().noteLedgerChanged();
    await store.getState().loadDevices();
    expect(api.listDevices).toHaveBeenCalledTimes(2);
  });
});
