/**
 * Journaled Partner Center jobs against the mock, in-process: a run stopped right after Partner Center
 * received an upload (its answer lost, nothing journaled of it but the request), and "retry failed" on
 * devices still processing. Each device must reach Partner Center in one upload only.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/ledger/ledger';
import type { PartnerCenterApi } from '../../../electron/submission/partner-center-submitter';
import {
  JobJournalHandle,
  SubmissionInterruptedError,
  retryFailedJob,
  runSubmissionJob,
} from '../../../electron/submission/submission-job';
import type { JobDevice } from '../../../electron/submission/submission-job';
import { createSubmitter } from '../../../electron/submission/submission-runner';
import type { PollSchedule } from '../../../shared/submission/poll-schedule';
import type { MockPartnerCenter } from '../../fakes/mock-partner-center';
import { useTempDir } from '../../support/temp-dir';
import { CUSTOMER, HASH, TAG, TOKEN, useMockPartnerCenter } from './partner-center-fixture';

const temp = useTempDir('harvester-pc-job-');
const opened: Ledger[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close().catch(() => undefined)));
});

async function ledger(): Promise<Ledger> {
  const l = await Ledger.open({ dir: path.join(temp.path(), 'ledger') });
  opened.push(l);
  return l;
}

function jobDevices(count: number): JobDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const serial = `PJ-${String(i + 1).padStart(3, '0')}`;
    return { deviceId: `id-${serial}`, device: { serial, hardwareHash: HASH, groupTag: TAG } };
  });
}

const FAST: PollSchedule = { initialDelayMs: 10, factor: 1.5, maxDelayMs: 50, deadlineMs: 20_000 };

interface RunSetup {
  readonly wrap?: (client: PartnerCenterApi) => PartnerCenterApi;
  readonly signal?: AbortSignal;
  readonly poll?: PollSchedule;
}

function submitter(mock: MockPartnerCenter, setup: RunSetup = {}) {
  const journal = new JobJournalHandle();
  const submit = createSubmitter('partner-center', {
    env: { HARVESTER_PARTNER_CENTER_URL: mock.url },
    token: async () => TOKEN,
    journal,
    customerTenantId: CUSTOMER,
    groupTag: TAG,
    poll: setup.poll ?? FAST,
    ...(setup.wrap !== undefined ? { wrapPartnerCenter: setup.wrap } : {}),
    ...(setup.signal !== undefined ? { signal: setup.signal } : {}),
  });
  return { submit, journal };
}

/**
 * A client whose `kind` upload reaches Partner Center (carried out) but whose answer is lost, and the run
 * stopped at that moment: what a kill between the POST and journaling its acceptance leaves.
 */
function losingAnswerOf(kind: 'create' | 'add', stop: AbortController) {
  return (client: PartnerCenterApi): PartnerCenterApi => ({
    listCustomers: (...a) => client.listCustomers(...a),
    listDeviceBatches: (...a) => client.listDeviceBatches(...a),
    listBatchDevices: (...a) => client.listBatchDevices(...a),
    getBatchStatus: (...a) => client.getBatchStatus(...a),
    createDeviceBatch: async (...a) => {
      const answer = await client.createDeviceBatch(...a);
      if (kind !== 'create') return answer;
      stop.abort();
      return { ok: false, failure: { kind: 'network', code: 'ECONNRESET', retryable: true } };
    },
    addDevicesToBatch: async (...a) => {
      const answer = await client.addDevicesToBatch(...a);
      if (kind !== 'add') return answer;
      stop.abort();
      return { ok: false, failure: { kind: 'network', code: 'ECONNRESET', retryable: true } };
    },
  });
}

describe('a Partner Center job stopped after the service received an upload', () => {
  const mockPartnerCenter = useMockPartnerCenter();

  it.each([
    ['creating the batch', 'create', {}],
    ['adding to the batch', 'add', { existingBatches: { [CUSTOMER]: [TAG] } }],
  ] as const)(
    'repeats the upload (%s) with the same MS-RequestId on resume, so each device is uploaded once',
    async (_name, kind, mockOptions) => {
      const mock = await mockPartnerCenter({ looksUntilFinished: 2, ...mockOptions });
      const store = await ledger();
      const devices = jobDevices(3);
      const request = {
        service: 'partner-center',
        customerTenantId: CUSTOMER,
        groupTag: TAG,
        devices,
      } as const;

      const stop = new AbortController();
      const first = submitter(mock, { wrap: losingAnswerOf(kind, stop), signal: stop.signal });
      await expect(
        runSubmissionJob(request, { store, submit: first.submit, journal: first.journal }),
      ).rejects.toBeInstanceOf(SubmissionInterruptedError);
      const posts = mock.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(1);
      // What the journal holds: the request, sent, its answer unknown.
      const [journaled] = store.submissionJobs();
      expect(journaled?.devices.map((d) => [d.state, d.detail.upload, d.detail.requestId])).toEqual(
        Array(3).fill(['pending', kind, posts[0]!.requestId]),
      );

      const second = submitter(mock);
      const result = await runSubmissionJob(request, {
        store,
        submit: second.submit,
        journal: second.journal,
      });
      expect(result.resumed).toBe(true);
      expect(result.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
      const repeated = mock.requests.filter((r) => r.method === 'POST');
      expect(repeated[1]?.requestId).toBe(posts[0]!.requestId);
      expect(repeated[1]?.path).toBe(posts[0]!.path);
      expect(mock.replays()).toBe(1);
      for (const d of devices) expect(mock.uploadsOf(d.device.serial), d.device.serial).toBe(1);
    },
  );
});

describe('retrying devices that were still processing', () => {
  const mockPartnerCenter = useMockPartnerCenter();

  it('follows their upload again on "retry failed" instead of uploading them again', async () => {
    const mock = await mockPartnerCenter({ looksUntilFinished: 6 });
    const store = await ledger();
    const devices = jobDevices(2);
    const request = {
      service: 'partner-center',
      customerTenantId: CUSTOMER,
      groupTag: TAG,
      devices,
    } as const;

    // Polled twice, then the deadline: both devices fail still processing.
    const impatient = submitter(mock, { poll: { ...FAST, maxDelayMs: 10, factor: 1, deadlineMs: 15 } });
    const first = await runSubmissionJob(request, { store, ...impatient });
    expect(first.devices.map((d) => [d.state, d.detail.problem])).toEqual(
      Array(2).fill(['failed', 'still-processing']),
    );
    expect(first.devices[0]?.detail.trackingId).toMatch(/batchJobStatus/);

    const retry = submitter(mock);
    const again = await retryFailedJob(first.job.id, new Map(devices.map((d) => [d.deviceId, d.device])), {
      store,
      ...retry,
    });
    expect(again.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    for (const d of devices) expect(mock.uploadsOf(d.device.serial), d.device.serial).toBe(1);
    expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('uploads them again on "retry failed" when Partner Center no longer knows their upload (404)', async () => {
    const slow = await mockPartnerCenter({ looksUntilFinished: 6 });
    const store = await ledger();
    const devices = jobDevices(2);
    const request = {
      service: 'partner-center',
      customerTenantId: CUSTOMER,
      groupTag: TAG,
      devices,
    } as const;
    const impatient = submitter(slow, { poll: { ...FAST, maxDelayMs: 10, factor: 1, deadlineMs: 15 } });
    const first = await runSubmissionJob(request, { store, ...impatient });
    expect(first.devices.every((d) => d.detail.problem === 'still-processing')).toBe(true);

    // Another service instance, which never heard of that upload: its Location answers 404.
    const forgetful = await mockPartnerCenter({ looksUntilFinished: 2 });
    const again = await retryFailedJob(first.job.id, new Map(devices.map((d) => [d.deviceId, d.device])), {
      store,
      ...submitter(forgetful),
    });
    expect(again.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    const statusReads = forgetful.requests.filter((r) => r.method === 'GET' && /batchJobStatus/.test(r.path));
    expect(statusReads[0]?.status).toBe(404);
    for (const d of devices) expect(forgetful.uploadsOf(d.device.serial), d.device.serial).toBe(1);
  });
});
