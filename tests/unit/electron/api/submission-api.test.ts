/**
 * The Submit screen's calls on the real service: a real ledger in a temp folder, the mock Graph and the mock
 * Partner Center on 127.0.0.1, and sign-in either bypassed with HARVESTER_TOKEN or run through the real
 * `SignIn` over the fake identity platform (MSAL fully offline). Every answer is checked against the
 * contract's output schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HarvesterService, HarvesterServiceOptions } from '../../../../electron/api/harvester-service';
import { createHarvesterService } from '../../../../electron/api/harvester-service';
import type { SignInPort } from '../../../../electron/api/submission-api';
import { SignInNeededError } from '../../../../electron/auth/sign-in';
import { encodeJournalLine } from '../../../../electron/ledger/journal';
import { JOURNAL_FILE } from '../../../../electron/ledger/ledger';
import type { ApiCall, ApiOutput } from '../../../../shared/api/harvester-api';
import { parseApiOutput } from '../../../../shared/api/harvester-api';
import { ALREADY_ASSIGNED, COMPLETE, OTHER_TENANT } from '../../../fakes/mock-graph';
import type { MockGraph, MockGraphOptions } from '../../../fakes/mock-graph';
import { startMockGraph } from '../../../fakes/mock-graph';
import type { MockPartnerCenter } from '../../../fakes/mock-partner-center';
import { MOCK_CUSTOMER_ID, startMockPartnerCenter } from '../../../fakes/mock-partner-center';
import { buildHash } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';
import type { Harness } from '../auth/sign-in-fixture';
import { harness } from '../auth/sign-in-fixture';
import { USERNAME, USER_CODE, VERIFICATION_URI } from '../auth/fake-identity-platform';

const TAG = 'Microsoft365Managed_Autopilot';
const TOKEN = 'env-token-1';

const temp = useTempDir('harvester-submission-api-');
const open: HarvesterService[] = [];
const mocks: { close(): Promise<void> }[] = [];
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()));
});

/** The answer, after checking it against the call's output schema. */
function checked<K extends ApiCall>(call: K, answer: ApiOutput<K>): ApiOutput<K> {
  const parsed = parseApiOutput(call, answer);
  expect(parsed.ok ? [] : parsed.issues, `${call} answer breaks the contract`).toEqual([]);
  return answer;
}

async function graph(options: MockGraphOptions = {}): Promise<MockGraph> {
  const mock = await startMockGraph({ token: { current: TOKEN }, pollsUntilFinal: 1, ...options });
  mocks.push(mock);
  return mock;
}

async function partnerCenter(): Promise<MockPartnerCenter> {
  const mock = await startMockPartnerCenter({ token: { current: TOKEN }, looksUntilFinished: 1 });
  mocks.push(mock);
  return mock;
}

async function service(
  env: NodeJS.ProcessEnv,
  extra: Partial<HarvesterServiceOptions> = {},
): Promise<HarvesterService> {
  const created = await createHarvesterService({
    ledgerDir: path.join(temp.path(), 'ledger'),
    env,
    submissionPollMs: 20,
    auth: { settingsFile: path.join(temp.path(), 'auth.json'), tokenDir: temp.path() },
    ...extra,
  });
  open.push(created);
  return created;
}

async function closed(api: HarvesterService): Promise<void> {
  await api.close();
  open.splice(open.indexOf(api), 1);
}

function graphEnv(mock: MockGraph): NodeJS.ProcessEnv {
  return { HARVESTER_TOKEN: TOKEN, HARVESTER_GRAPH_URL: mock.url };
}

/** Devices in the ledger, through the import calls. Returns their ids in order. */
async function seed(api: HarvesterService, serials: readonly string[]): Promise<string[]> {
  const base64 = Buffer.from(scriptCsv(serials.map((s) => [s, '', buildHash({ serial: s })]))).toString(
    'base64',
  );
  const preview = await api.previewImport({ files: [{ name: 'seed.csv', base64 }], lang: 'en' });
  const confirmed = await api.confirmImport({ previewId: preview.previewId, lang: 'en' });
  if (confirmed.kind !== 'imported') throw new Error(confirmed.kind);
  return [...confirmed.deviceIds];
}

async function start(
  api: HarvesterService,
  overrides: Partial<Parameters<HarvesterService['startSubmission']>[0]> = {},
) {
  return checked(
    'startSubmission',
    await api.startSubmission({
      service: 'graph',
      customerTenantId: null,
      tag: TAG,
      allowCustomTag: false,
      selection: { kind: 'all' },
      lang: 'en',
      ...overrides,
    }),
  );
}

function startedId(answer: ApiOutput<'startSubmission'> | ApiOutput<'retrySubmission'>): string {
  if (answer.kind !== 'started') throw new Error(`not started: ${JSON.stringify(answer)}`);
  return answer.jobId;
}

/** Polls `submissionJob` as the screen does, until the job is finished and no longer running. */
async function finished(api: HarvesterService, jobId: string, lang: 'en' | 'ja' = 'en') {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = checked('submissionJob', await api.submissionJob({ jobId, lang }));
    if (answer.kind !== 'found') throw new Error('job not found');
    if (answer.job.finishedAt !== null && !answer.job.running) return answer;
    if (Date.now() > deadline) throw new Error(`job still running: ${JSON.stringify(answer.job)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a submission to Graph', () => {
  it('runs in the background to a definite state per device, explained in the requested language', async () => {
    const mock = await graph({ outcomes: { PF0002: [ALREADY_ASSIGNED], PF0003: [OTHER_TENANT] } });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002', 'PF0003']);

    const jobId = startedId(await start(api));
    const job = await finished(api, jobId);
    expect(job.devices.map((d) => [d.serial, d.state, d.errorCode])).toEqual([
      ['PF0001', 'registered', null],
      ['PF0002', 'already-registered', '806'],
      ['PF0003', 'failed', '808'],
    ]);
    expect(job.devices[0]!.message).toContain(TAG);
    expect(job.devices[1]!.message).toContain('already registered');
    expect(job.devices[2]!.message).toContain('deregister');
    expect(job.devices[2]!.message).toContain('[808 ZtdDeviceAssignedToOtherTenant]');
    expect(job.stopped).toBeNull();
    expect(job.job).toMatchObject({
      service: 'graph',
      groupTag: TAG,
      customerTenantId: null,
      retryOf: null,
      running: false,
      counts: { devices: 3, pending: 0, registered: 1, alreadyRegistered: 1, failed: 1 },
    });

    const ja = checked('submissionJob', await api.submissionJob({ jobId, lang: 'ja' }));
    expect(ja.kind === 'found' && ja.devices[2]!.message).toContain('別の組織の Autopilot に登録されている');
    expect(mock.lastImportBody('PF0001')).toMatchObject({ groupTag: TAG });
  });

  it('syncs Autopilot after a Graph job when asked, on beta, and follows each registered device', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT] } });
    const api = await service(graphEnv(mock), { submissionSyncWaitMs: 5_000 });
    await seed(api, ['PF0001', 'PF0002', 'PF0003']);

    const jobId = startedId(await start(api, { sync: true }));
    const job = await finished(api, jobId);
    expect(mock.syncCount()).toBe(1);
    expect(mock.requests.filter((r) => r.path.endsWith('/sync')).map((r) => r.path)).toEqual([
      '/beta/deviceManagement/windowsAutopilotSettings/sync',
    ]);
    // Only the registered devices are looked for; the failed one is not.
    expect(job.sync).toEqual({
      phase: 'done',
      trigger: 'started',
      waitMinutes: 1,
      devices: [
        { serial: 'PF0001', state: 'shown', seenTag: null },
        { serial: 'PF0003', state: 'shown', seenTag: null },
      ],
    });
  });

  it('asks no sync when not asked, nor for Partner Center', async () => {
    const mock = await graph();
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001']);
    const job = await finished(api, startedId(await start(api)));
    expect(job.sync).toBeNull();
    expect(mock.syncCount()).toBe(0);
  });

  it('fills each device\u2019s latest submission in the device list', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT] } });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002', 'PF0003']);
    const before = checked('listDevices', await api.listDevices({}));
    expect(before.devices.map((d) => d.submission)).toEqual([null, null, null]);

    await finished(
      api,
      startedId(
        await start(api, { selection: { kind: 'ids', ids: [before.devices[0]!.id, before.devices[1]!.id] } }),
      ),
    );
    const after = checked('listDevices', await api.listDevices({}));
    expect(
      after.devices.map(
        (d) => d.submission && [d.submission.service, d.submission.state, d.submission.registered],
      ),
    ).toEqual([['graph', 'registered', true], ['graph', 'failed', false], null]);
    const details = await api.deviceDetails({ id: before.devices[0]!.id, lang: 'en' });
    expect(details.kind === 'found' && details.device.submission?.state).toBe('registered');
  });

  it('lists jobs newest first, and sends only the devices not registered yet when asked', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT, COMPLETE] } });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002']);
    const first = startedId(await start(api));
    await finished(api, first);

    const second = startedId(await start(api, { selection: { kind: 'not-registered' } }));
    const job = await finished(api, second);
    expect(job.devices.map((d) => [d.serial, d.state])).toEqual([['PF0002', 'registered']]);
    const list = checked('listSubmissionJobs', await api.listSubmissionJobs({ lang: 'en' }));
    expect(list.jobs.map((j) => j.id)).toEqual([second, first]);
    expect(mock.importsOf('PF0001')).toBe(1);
    expect(checked('startSubmission', await start(api, { selection: { kind: 'not-registered' } }))).toEqual({
      kind: 'no-devices',
    });
  });

  it('retries only the failed devices, as a new job naming the first; then there is nothing to retry', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT, COMPLETE] } });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002']);
    const first = startedId(await start(api));
    await finished(api, first);

    const retry = checked('retrySubmission', await api.retrySubmission({ jobId: first, lang: 'en' }));
    const retryId = startedId(retry);
    expect(retryId).not.toBe(first);
    const job = await finished(api, retryId);
    expect(job.job.retryOf).toBe(first);
    expect(job.devices.map((d) => [d.serial, d.state])).toEqual([['PF0002', 'registered']]);
    expect(mock.importsOf('PF0001')).toBe(1);
    expect(mock.importsOf('PF0002')).toBe(2);

    expect(checked('retrySubmission', await api.retrySubmission({ jobId: retryId, lang: 'en' }))).toEqual({
      kind: 'nothing-to-retry',
    });
    expect(
      checked('retrySubmission', await api.retrySubmission({ jobId: 'no-such-job', lang: 'en' })),
    ).toEqual({
      kind: 'not-found',
    });
    expect(checked('submissionJob', await api.submissionJob({ jobId: 'no-such-job', lang: 'en' }))).toEqual({
      kind: 'not-found',
    });
  });

  it('runs one job at a time: a second start or a retry meanwhile is busy with the running job', async () => {
    const mock = await graph({ pollsUntilFinal: 6 });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002']);
    const jobId = startedId(await start(api));
    const running = checked('listSubmissionJobs', await api.listSubmissionJobs({ lang: 'en' }));
    expect(running.jobs[0]).toMatchObject({ id: jobId, running: true, finishedAt: null });

    expect(await start(api)).toEqual({ kind: 'busy', jobId });
    expect(checked('retrySubmission', await api.retrySubmission({ jobId, lang: 'en' }))).toEqual({
      kind: 'busy',
      jobId,
    });
    const during = checked('submissionJob', await api.submissionJob({ jobId, lang: 'en' }));
    expect(during.kind === 'found' && during.stopped).toBeNull();
    await finished(api, jobId);
  });

  it('refuses a near-miss tag with the check that names the tag meant, and sends nothing', async () => {
    const mock = await graph();
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001']);
    const answer = await start(api, { tag: 'Microsoft365Managed-Autopilot' });
    expect(answer).toMatchObject({
      kind: 'tag-refused',
      check: { kind: 'near-miss', suggestion: TAG },
    });
    expect(await start(api, { tag: 'Site-B' })).toMatchObject({
      kind: 'tag-refused',
      check: { kind: 'custom' },
    });
    expect(mock.requests).toEqual([]);
  });

  it('answers no-devices for an empty ledger or ids it does not hold', async () => {
    const mock = await graph();
    const api = await service(graphEnv(mock));
    expect(await start(api)).toEqual({ kind: 'no-devices' });
    expect(await start(api, { selection: { kind: 'ids', ids: ['0'.repeat(64)] } })).toEqual({
      kind: 'no-devices',
    });
  });

  it('is interrupted by closing the app, listed as not running, and resumed without importing twice', async () => {
    const mock = await graph({ pollsUntilFinal: 12 });
    const env = graphEnv(mock);
    const api = await service(env);
    await seed(api, ['PF0001', 'PF0002', 'PF0003']);
    const jobId = startedId(await start(api));
    await until(async () => {
      const job = await api.submissionJob({ jobId, lang: 'en' });
      return job.kind === 'found' && job.devices.every((d) => d.state === 'imported');
    }, 'every device imported');
    await closed(api);

    // Opened again: the job is not resumed by itself.
    const reopened = await service(env);
    const list = checked('listSubmissionJobs', await reopened.listSubmissionJobs({ lang: 'en' }));
    expect(list.jobs[0]).toMatchObject({ id: jobId, running: false, finishedAt: null });
    const interrupted = checked('submissionJob', await reopened.submissionJob({ jobId, lang: 'ja' }));
    expect(interrupted.kind === 'found' && interrupted.stopped).toContain('中断');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const importsBefore = mock.requests.filter((r) => r.method === 'POST').length;
    expect(importsBefore).toBe(3);

    const resumed = checked('retrySubmission', await reopened.retrySubmission({ jobId, lang: 'en' }));
    expect(resumed).toEqual({ kind: 'started', jobId });
    const job = await finished(reopened, jobId);
    expect(job.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
    expect(job.stopped).toBeNull();
    for (const serial of ['PF0001', 'PF0002', 'PF0003']) expect(mock.importsOf(serial)).toBe(1);
  });

  it('refuses to retry a job whose tag in a hand-edited ledger is a near miss, and sends nothing', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT, COMPLETE] } });
    const env = graphEnv(mock);
    const api = await service(env);
    await seed(api, ['PF0001', 'PF0002']);
    const jobId = startedId(await start(api));
    await finished(api, jobId);
    await closed(api);
    editJournal((event) =>
      event.type === 'submission-started' && event.jobId === jobId
        ? { ...event, groupTag: 'Microsoft365Manged_Autopilot' }
        : event,
    );

    const reopened = await service(env);
    const requests = mock.requests.length;
    const answer = checked('retrySubmission', await reopened.retrySubmission({ jobId, lang: 'en' }));
    expect(answer).toMatchObject({
      kind: 'tag-refused',
      check: { kind: 'near-miss', input: 'Microsoft365Manged_Autopilot', suggestion: TAG },
    });
    expect(
      checked('listSubmissionJobs', await reopened.listSubmissionJobs({ lang: 'en' })).jobs,
    ).toHaveLength(1);
    expect(mock.requests.length).toBe(requests);
  });

  it('retries a job with a custom tag, confirmed when the job started', async () => {
    const mock = await graph({ outcomes: { PF0002: [OTHER_TENANT, COMPLETE] } });
    const api = await service(graphEnv(mock));
    await seed(api, ['PF0001', 'PF0002']);
    const jobId = startedId(await start(api, { tag: 'Site-Osaka', allowCustomTag: true }));
    await finished(api, jobId);
    const retry = checked('retrySubmission', await api.retrySubmission({ jobId, lang: 'en' }));
    const job = await finished(api, startedId(retry));
    expect(job.job.groupTag).toBe('Site-Osaka');
    expect(mock.lastImportBody('PF0002')).toMatchObject({ groupTag: 'Site-Osaka' });
  });
});

describe('signing out while a job runs', () => {
  it('stops the job, which shows as interrupted by the sign-out and can be resumed', async () => {
    const mock = await graph({ pollsUntilFinal: 12 });
    let signedOut = 0;
    const fake: SignInPort = {
      status: async () => ({ kind: 'signed-in', username: 'tech@contoso.example', tenantId: 't-1' }),
      startDeviceCode: async () => ({ kind: 'cancelled' }),
      signInInteractive: async () => ({ kind: 'cancelled' }),
      cancel: () => undefined,
      signOut: async () => void signedOut++,
      tokenSource: () => async () => TOKEN,
    };
    const api = await service({ HARVESTER_GRAPH_URL: mock.url }, { signIn: fake });
    await seed(api, ['PF0001', 'PF0002']);
    const jobId = startedId(await start(api));
    await until(async () => {
      const job = await api.submissionJob({ jobId, lang: 'en' });
      return job.kind === 'found' && job.devices.every((d) => d.state === 'imported');
    }, 'every device imported');

    expect(checked('signOut', await api.signOut({ service: 'graph' }))).toEqual({ kind: 'done' });
    expect(signedOut).toBe(1);
    const stopped = checked('submissionJob', await api.submissionJob({ jobId, lang: 'en' }));
    expect(stopped.kind === 'found' && stopped.job).toMatchObject({ running: false, finishedAt: null });
    expect(stopped.kind === 'found' && stopped.stopped).toContain('you signed out');
    const ja = checked('submissionJob', await api.submissionJob({ jobId, lang: 'ja' }));
    expect(ja.kind === 'found' && ja.stopped).toContain('サインアウトしたため');
    // Nothing more is asked of Graph once signed out.
    const requests = mock.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(mock.requests.length).toBe(requests);

    const resumed = checked('retrySubmission', await api.retrySubmission({ jobId, lang: 'en' }));
    expect(resumed).toEqual({ kind: 'started', jobId });
    const job = await finished(api, jobId);
    expect(job.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    expect(job.stopped).toBeNull();
    for (const serial of ['PF0001', 'PF0002']) expect(mock.importsOf(serial)).toBe(1);
  });
});

describe('without a token', () => {
  it('answers not-signed-in to a start, a retry and the customer list, and explains the first-run setup', async () => {
    const api = await service({});
    await seed(api, ['PF0001']);
    expect(await start(api)).toEqual({ kind: 'not-signed-in' });
    expect(checked('listCustomers', await api.listCustomers({ lang: 'en' }))).toEqual({
      kind: 'not-signed-in',
    });

    const en = checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }));
    expect(en.kind).toBe('not-configured');
    const message = en.kind === 'not-configured' ? en.message : '';
    expect(message).toContain('Allow public client flows');
    expect(message).toContain('DeviceManagementServiceConfig.ReadWrite.All');
    expect(message).toContain(path.join(temp.path(), 'auth.json'));
    const ja = checked('signInStatus', await api.signInStatus({ service: 'partner-center', lang: 'ja' }));
    expect(ja.kind === 'not-configured' && ja.message).toContain('サインインには組織のアプリ登録が必要です');
  });

  it('names what is wrong with a settings file that has a mistake', async () => {
    temp.file('auth.json', JSON.stringify({ clientId: 'not-a-guid' }));
    const api = await service({});
    const status = checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }));
    expect(status.kind === 'not-configured' && status.message).toContain(
      '"clientId" must be the Application',
    );
  });
});

describe('HARVESTER_TOKEN', () => {
  it('counts as signed in: status env-token, and sign-in calls change nothing', async () => {
    const mock = await graph();
    const api = await service(graphEnv(mock));
    expect(checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }))).toEqual({
      kind: 'env-token',
    });
    expect(checked('startSignIn', await api.startSignIn({ service: 'graph', lang: 'en' }))).toEqual({
      kind: 'env-token',
    });
    expect(checked('cancelSignIn', await api.cancelSignIn({ service: 'graph' }))).toEqual({ kind: 'done' });
  });
});

describe('a submission through Partner Center', () => {
  it('lists the partner\u2019s customers and registers the devices for the chosen one', async () => {
    const mock = await partnerCenter();
    const api = await service({ HARVESTER_TOKEN: TOKEN, HARVESTER_PARTNER_CENTER_URL: mock.url });
    await seed(api, ['PC0001', 'PC0002']);
    expect(checked('listCustomers', await api.listCustomers({ lang: 'en' }))).toEqual({
      kind: 'listed',
      customers: [{ id: MOCK_CUSTOMER_ID, name: 'Contoso', domain: 'contoso.onmicrosoft.com' }],
    });

    const bad = await start(api, { service: 'partner-center', customerTenantId: 'contoso' });
    expect(bad.kind).toBe('bad-customer');
    const none = await start(api, { service: 'partner-center', customerTenantId: null });
    expect(none.kind).toBe('bad-customer');

    const jobId = startedId(
      await start(api, { service: 'partner-center', customerTenantId: MOCK_CUSTOMER_ID.toUpperCase() }),
    );
    const job = await finished(api, jobId);
    expect(job.job).toMatchObject({ service: 'partner-center', customerTenantId: MOCK_CUSTOMER_ID });
    expect(job.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
  });

  it('explains a customer list the service refuses', async () => {
    const mock = await partnerCenter();
    const api = await service({ HARVESTER_TOKEN: 'not-the-token', HARVESTER_PARTNER_CENTER_URL: mock.url });
    const answer = checked('listCustomers', await api.listCustomers({ lang: 'en' }));
    expect(answer.kind).toBe('failed');
    expect(answer.kind === 'failed' && answer.message).toContain('Partner Center');
  });
});

describe('sign-in', () => {
  async function signedInService(env: NodeJS.ProcessEnv = {}) {
    const h = await harness();
    harnesses.push(h);
    const api = await service(env, { signIn: h.signIn });
    return { h, api };
  }

  it('shows the code, then reports signed-in once the technician finished, and submits with its token', async () => {
    const { h, api } = await signedInService();
    h.idp.polls = ['pending'];
    expect(checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }))).toEqual({
      kind: 'signed-out',
    });
    const started = checked('startSignIn', await api.startSignIn({ service: 'graph', lang: 'en' }));
    expect(started).toMatchObject({
      kind: 'signing-in',
      userCode: USER_CODE,
      verificationUri: VERIFICATION_URI,
    });
    expect(started.kind === 'signing-in' && started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(started.kind === 'signing-in' && Date.parse(started.expiresAt)).toBeGreaterThan(Date.now());
    // A second start while the code is shown gives the same code.
    expect(await api.startSignIn({ service: 'graph', lang: 'en' })).toEqual(started);
    // Another service meanwhile: one sign-in at a time.
    const other = checked('startSignIn', await api.startSignIn({ service: 'partner-center', lang: 'en' }));
    expect(other.kind === 'failed' && other.message).toContain('already waiting');
    expect(checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }))).toEqual(
      started,
    );

    h.idp.polls = ['tokens'];
    await until(
      async () => (await api.signInStatus({ service: 'graph', lang: 'en' })).kind === 'signed-in',
      'signed in',
    );
    expect(checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }))).toMatchObject({
      kind: 'signed-in',
      username: USERNAME,
    });

    // The token the sign-in got is the one Graph accepts.
    const accessToken = h.idp.secrets[1]!;
    const mock = await startMockGraph({ token: { current: accessToken }, pollsUntilFinal: 1 });
    mocks.push(mock);
    const withGraph = await reopenWith(api, h, { HARVESTER_GRAPH_URL: mock.url });
    await seed(withGraph, ['PF0001']);
    const job = await finished(withGraph, startedId(await start(withGraph)));
    expect(job.devices.map((d) => d.state)).toEqual(['registered']);
  });

  it('gives two starts at the same moment (a remount) the same code', async () => {
    const { h, api } = await signedInService();
    h.idp.polls = ['pending'];
    const [a, b] = await Promise.all([
      api.startSignIn({ service: 'graph', lang: 'en' }),
      api.startSignIn({ service: 'graph', lang: 'en' }),
    ]);
    expect(a).toMatchObject({ kind: 'signing-in', userCode: USER_CODE });
    expect(b).toEqual(a);
    expect(h.idp.requests.filter((r) => r.url.endsWith('/devicecode'))).toHaveLength(1);
    await api.cancelSignIn({ service: 'graph' });
  });

  it('keeps a cancelled or declined sign-in as failed, in the requested language, until the next start', async () => {
    const { h, api } = await signedInService();
    h.idp.polls = ['pending'];
    await api.startSignIn({ service: 'graph', lang: 'en' });
    expect(checked('cancelSignIn', await api.cancelSignIn({ service: 'graph' }))).toEqual({ kind: 'done' });
    const cancelled = checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'ja' }));
    expect(cancelled).toEqual({ kind: 'failed', message: expect.stringContaining('キャンセル') });

    h.idp.polls = ['pending', { error: 'authorization_declined' }];
    checked('startSignIn', await api.startSignIn({ service: 'graph', lang: 'en' }));
    await until(
      async () => (await api.signInStatus({ service: 'graph', lang: 'en' })).kind === 'failed',
      'declined',
    );
    const declined = checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' }));
    expect(declined.kind === 'failed' && declined.message).toContain('declined');
    // The other service is not concerned.
    expect((await api.signInStatus({ service: 'partner-center', lang: 'en' })).kind).toBe('signed-out');
  });

  it('explains a registration the identity platform refuses, without showing a code', async () => {
    const { h, api } = await signedInService();
    h.idp.deviceCodeError = { error: 'unauthorized_client', codes: [700016] };
    const answer = checked('startSignIn', await api.startSignIn({ service: 'graph', lang: 'en' }));
    expect(answer.kind).toBe('failed');
    expect(answer.kind === 'failed' && answer.message).toContain('AADSTS700016');
  });

  it('signs out: the account and its tokens are forgotten', async () => {
    const { h, api } = await signedInService();
    await api.startSignIn({ service: 'graph', lang: 'en' });
    await until(
      async () => (await api.signInStatus({ service: 'graph', lang: 'en' })).kind === 'signed-in',
      'signed in',
    );
    expect(checked('signOut', await api.signOut({ service: 'graph' }))).toEqual({ kind: 'done' });
    expect(await api.signInStatus({ service: 'graph', lang: 'en' })).toEqual({ kind: 'signed-out' });
    expect(h.logs.join('\n')).toContain('signed out');
  });

  it('says why sending stopped when Graph refuses the signed-in account\u2019s token', async () => {
    const { h, api: first } = await signedInService();
    await first.startSignIn({ service: 'graph', lang: 'en' });
    await until(
      async () => (await first.signInStatus({ service: 'graph', lang: 'en' })).kind === 'signed-in',
      'signed in',
    );
    const mock = await graph();
    const api = await reopenWith(first, h, { HARVESTER_GRAPH_URL: mock.url });
    await seed(api, ['PF0001']);
    const job = await finished(api, startedId(await start(api)));
    expect(job.devices.map((d) => [d.state, d.errorCode])).toEqual([['failed', 'token']]);
    expect(job.stopped).toMatch(/sign/i);
  });
});

describe('browser sign-in', () => {
  function browserSignIn(): { port: SignInPort; opened: string[]; finish(): void } {
    let signedIn = false;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const opened: string[] = [];
    const port: SignInPort = {
      status: async () =>
        signedIn
          ? { kind: 'signed-in', username: 'tech@contoso.example', tenantId: 't-1' }
          : { kind: 'signed-out' },
      startDeviceCode: async () => ({ kind: 'cancelled' }),
      signInInteractive: async (_service, openBrowser) => {
        await openBrowser('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize');
        await finished;
        signedIn = true;
        return { kind: 'signed-in', username: 'tech@contoso.example', tenantId: 't-1' };
      },
      cancel: () => undefined,
      signOut: async () => undefined,
      tokenSource: () => async () => 'token',
    };
    return { port, opened, finish };
  }

  it('opens the system browser and waits there until the technician finishes', async () => {
    const fake = browserSignIn();
    const api = await service(
      {},
      { signIn: fake.port, openExternal: async (url) => void fake.opened.push(url) },
    );
    const started = checked(
      'startSignIn',
      await api.startSignIn({ service: 'graph', method: 'browser', lang: 'en' }),
    );
    expect(started.kind).toBe('waiting-for-browser');
    expect(fake.opened).toEqual(['https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize']);
    expect(checked('signInStatus', await api.signInStatus({ service: 'graph', lang: 'en' })).kind).toBe(
      'waiting-for-browser',
    );
    fake.finish();
    await until(
      async () => (await api.signInStatus({ service: 'graph', lang: 'en' })).kind === 'signed-in',
      'signed in',
    );
  });

  it('says there is no browser to open when the app cannot open one', async () => {
    const fake = browserSignIn();
    const api = await service({}, { signIn: fake.port });
    const answer = checked(
      'startSignIn',
      await api.startSignIn({ service: 'graph', method: 'browser', lang: 'en' }),
    );
    expect(answer.kind).toBe('failed');
    expect(fake.opened).toEqual([]);
  });
});

describe('a sign-in that cannot give a token', () => {
  it('says what the technician must do, and the job can be retried', async () => {
    const mock = await graph();
    const fake: SignInPort = {
      status: async () => ({ kind: 'signed-in', username: 'tech@contoso.example', tenantId: 't-1' }),
      startDeviceCode: async () => ({ kind: 'cancelled' }),
      signInInteractive: async () => ({ kind: 'cancelled' }),
      cancel: () => undefined,
      signOut: async () => undefined,
      tokenSource: (service) => async () => {
        throw new SignInNeededError(service, { kind: 'session-expired', reference: '[AADSTS700082]' });
      },
    };
    const api = await service({ HARVESTER_GRAPH_URL: mock.url }, { signIn: fake });
    await seed(api, ['PF0001']);
    const jobId = startedId(await start(api));
    const job = await finished(api, jobId);
    expect(job.devices[0]!.state).toBe('failed');
    expect(job.stopped).toContain('Your sign-in has expired or was revoked.');
    expect(job.stopped).toContain('[AADSTS700082]');
    expect(mock.requests).toEqual([]);
    const retry = checked('retrySubmission', await api.retrySubmission({ jobId, lang: 'en' }));
    expect(retry.kind).toBe('started');
    await finished(api, startedId(retry));
  });
});

/** Rewrites the (closed) ledger's journal events through `edit`, as a hand edit would, checksums made good. */
function editJournal(edit: (event: { type: string; [key: string]: unknown }) => object): void {
  const file = path.join(temp.path(), 'ledger', JOURNAL_FILE);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const edited = lines.map((line) => {
    const record = JSON.parse(line.slice(0, line.lastIndexOf('\t'))) as Parameters<
      typeof encodeJournalLine
    >[0];
    return encodeJournalLine({ ...record, event: edit(record.event as never) as never });
  });
  writeFileSync(file, edited.join(''));
}

/** The same ledger and sign-in, with other environment variables (the app started again). */
async function reopenWith(
  api: HarvesterService,
  h: Harness,
  env: NodeJS.ProcessEnv,
): Promise<HarvesterService> {
  await closed(api);
  return service(env, { signIn: h.signIn });
}

describe('a signed-in token and a service address off Microsoft\u2019s host', () => {
  it('sends nothing and says why when HARVESTER_GRAPH_URL names another host without HARVESTER_TOKEN', async () => {
    const sources: string[] = [];
    const fake: SignInPort = {
      status: async () => ({ kind: 'signed-in', username: 'tech@contoso.example', tenantId: 't-1' }),
      startDeviceCode: async () => ({ kind: 'cancelled' }),
      signInInteractive: async () => ({ kind: 'cancelled' }),
      cancel: () => undefined,
      signOut: async () => undefined,
      tokenSource: (service) => async () => {
        sources.push(service);
        return 'signed-in-token';
      },
    };
    const api = await service({ HARVESTER_GRAPH_URL: 'https://graph.example.net' }, { signIn: fake });
    await seed(api, ['PF0001']);
    const job = await finished(api, startedId(await start(api)));
    expect(job.devices[0]!.state).toBe('failed');
    expect(job.stopped).toContain('HARVESTER_GRAPH_URL is set to https://graph.example.net');
    expect(job.stopped).toContain('HARVESTER_TOKEN');
    // The sign-in was never even asked for the token.
    expect(sources).toEqual([]);
  });
});
