import { describe, expect, it } from 'vitest';
import type { DeviceProgress, SubmitDevice } from '../../../../electron/submission/graph-submitter';
import type {
  AcceptedUpload,
  PartnerCenterSubmitterOptions,
  UploadRequest,
} from '../../../../electron/submission/partner-center-submitter';
import { submitToPartnerCenter } from '../../../../electron/submission/partner-center-submitter';
import { DEFAULT_POLL_SCHEDULE } from '../../../../shared/submission/poll-schedule';
import type { FakeCall, FakePartnerCenterOptions } from './partner-center-fake-api';
import { FakePartnerCenterApi } from './partner-center-fake-api';
import { virtualClock } from './virtual-clock';

const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const TAG = 'Microsoft365Managed_Autopilot';
const CUSTOMER = '47021739-3426-40bf-9601-61b4b6d7c793';
const STORAGE_ERROR = { errorCode: '0', errorDescription: 'StorageError' };

function device(serial: string): SubmitDevice {
  return { serial, hardwareHash: HASH, groupTag: TAG };
}

function devices(count: number): SubmitDevice[] {
  return Array.from({ length: count }, (_, i) => device(`SN-${i + 1}`));
}

interface Setup {
  readonly fake?: Omit<FakePartnerCenterOptions, 'now'>;
  readonly tokens?: readonly string[];
  readonly options?: Partial<PartnerCenterSubmitterOptions>;
}

function setup({ fake = {}, tokens = ['token-1'], options = {} }: Setup = {}) {
  const clock = virtualClock(1_000_000);
  const api = new FakePartnerCenterApi({ now: clock.now, ...fake });
  let tokenCalls = 0;
  let requestIds = 0;
  const progress: [string, DeviceProgress][] = [];
  const log: string[] = [];
  const submit = (list: readonly SubmitDevice[], extra: Partial<PartnerCenterSubmitterOptions> = {}) =>
    clock.run(
      submitToPartnerCenter(list, {
        client: api,
        token: async () => tokens[Math.min(tokenCalls++, tokens.length - 1)]!,
        customerTenantId: CUSTOMER,
        batchId: TAG,
        clock,
        random: () => 0.5,
        correlationId: 'run-1',
        newRequestId: () => `req-${++requestIds}`,
        onProgress: (serial, p) => progress.push([serial, p]),
        log: (line) => log.push(line),
        ...options,
        ...extra,
      }),
    );
  return { clock, api, submit, progress, log, tokenCalls: () => tokenCalls };
}

function uploads(calls: readonly FakeCall[]): readonly FakeCall[] {
  return calls.filter((c) => c.call === 'create' || c.call === 'add');
}

describe('submitToPartnerCenter: batches and chunks', () => {
  it('creates the batch with the first chunk alone, then adds the other chunks', async () => {
    const { api, submit } = setup();
    const report = await submit(devices(7), { chunkSize: 3 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(uploads(api.calls).map((c) => [c.call, c.serials.length])).toEqual([
      ['create', 3],
      ['add', 3],
      ['add', 1],
    ]);
    // The adds went only after the create was accepted.
    const create = api.callsOf('create')[0]!;
    expect(api.callsOf('add').every((c) => c.at >= create.at)).toBe(true);
  });

  it('adds to an existing batch whatever the case of its name', async () => {
    const { api, submit } = setup({ fake: { batches: [TAG.toLowerCase()] } });
    await submit(devices(2));
    expect(uploads(api.calls).map((c) => c.call)).toEqual(['add']);
  });

  it('sends a serial listed twice once, and gives both entries its result', async () => {
    const { api, submit } = setup();
    const report = await submit([device('SN-1'), device(' sn-1 ')]);
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    expect(api.uploads.get('SN-1')).toBe(1);
  });
});

describe('submitToPartnerCenter: request IDs', () => {
  it('retries an upload whose answer was lost with the same MS-RequestId', async () => {
    const { api, submit, progress } = setup();
    api.script.create.push('lost-after-accept');
    const report = await submit(devices(2));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    const creates = api.callsOf('create');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.requestId).toBe(creates[0]!.requestId);
    expect(api.uploads.get('SN-1')).toBe(1);
    expect(progress).toContainEqual(['SN-1', { kind: 'retrying', reason: 'answer-lost', delayMs: 500 }]);
  });

  it('gives every other request its own MS-RequestId and the run one MS-CorrelationId', async () => {
    const { api, submit } = setup();
    await submit(devices(4), { chunkSize: 2 });
    const ids = api.calls.map((c) => c.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(api.calls.map((c) => c.correlationId))).toEqual(new Set(['run-1']));
  });

  it('uses a new MS-RequestId for the add that follows a batch-exists answer', async () => {
    const { api, submit } = setup();
    api.script.create.push({ kind: 'batch-exists', code: '409' });
    await submit(devices(1));
    const [create, add] = uploads(api.calls);
    expect([create?.call, add?.call]).toEqual(['create', 'add']);
    expect(add!.requestId).not.toBe(create!.requestId);
  });
});

describe('submitToPartnerCenter: pacing and polling', () => {
  it('sends no request of the run inside a Retry-After window', async () => {
    const { api, submit, clock } = setup();
    api.script.status.push({ kind: 'throttled', status: 429, retryAfterMs: 30_000 });
    const started = clock.now();
    const report = await submit(devices(3), { chunkSize: 1, concurrency: 3 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    // Calls are recorded in the order they were sent: every one after the 429 waited out the window.
    const index = api.calls.findIndex((c) => c.failure === 'throttled');
    const throttledAt = api.calls[index]!.at;
    const after = api.calls.slice(index + 1);
    expect(after.length).toBeGreaterThan(3);
    for (const call of after) expect(call.at - throttledAt).toBeGreaterThanOrEqual(30_000);
    expect(throttledAt).toBeGreaterThan(started);
  });

  it('polls the upload adaptively, starting at 2 s and growing, not every 30 s', async () => {
    const { api, submit } = setup({ fake: { looksUntilFinished: 4 } });
    await submit(devices(1));
    const accepted = api.callsOf('create')[0]!.at;
    const looks = api.callsOf('status').map((c) => c.at);
    const gaps = looks.map((at, i) => at - (i === 0 ? accepted : looks[i - 1]!));
    expect(gaps).toEqual([2_000, 3_000, 4_500, 6_750]);
  });

  it('ends the devices of an upload still processing at the deadline as still-processing', async () => {
    const { submit } = setup({ fake: { looksUntilFinished: 1_000 } });
    const report = await submit(devices(2), { poll: { ...DEFAULT_POLL_SCHEDULE, deadlineMs: 60_000 } });
    for (const result of report.devices) {
      expect(result).toMatchObject({
        state: 'failed',
        problem: { kind: 'still-processing', waitedMs: 60_000 },
      });
    }
  });
});

describe('submitToPartnerCenter: definite states', () => {
  it('fails a device the finished upload does not mention instead of leaving it open', async () => {
    const { submit } = setup({ fake: { omitFromStatus: ['SN-2'] } });
    const report = await submit(devices(2));
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'failed']);
    expect(report.devices[1]).toMatchObject({ problem: { kind: 'bad-response' } });
  });

  it('gives up on a StorageError after the allowed number of uploads', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': [STORAGE_ERROR] } } });
    const report = await submit(devices(2), { importAttempts: 3 });
    expect(api.uploads.get('SN-1')).toBe(3);
    expect(api.uploads.get('SN-2')).toBe(1);
    expect(report.devices[0]).toMatchObject({
      state: 'failed',
      problem: { kind: 'import-error', outcome: { kind: 'retryable' } },
    });
  });

  it('fails every device with the service problem when the batches cannot be listed', async () => {
    const { api, submit } = setup({
      options: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } },
    });
    api.script.batches.push(
      { kind: 'server-error', status: 500, retryable: true },
      { kind: 'server-error', status: 500, retryable: true },
    );
    const report = await submit(devices(2));
    expect(report.devices.map((d) => d.state === 'failed' && d.problem.kind)).toEqual([
      'service-unavailable',
      'service-unavailable',
    ]);
    expect(uploads(api.calls)).toEqual([]);
  });

  it('renews the token once on a 401 and stops when the renewed one is refused too', async () => {
    const { api, submit, tokenCalls } = setup({
      tokens: ['old', 'new'],
      fake: { acceptsToken: (token) => token === 'never' },
    });
    const report = await submit(devices(2));
    expect(tokenCalls()).toBe(2);
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices.every((d) => d.state === 'failed' && d.problem.kind === 'token')).toBe(true);
    expect(api.calls.map((c) => c.token)).toEqual(['old', 'new']);
  });

  it('refuses a customer tenant ID that is not a GUID before sending anything', async () => {
    const { api, submit } = setup();
    await expect(submit(devices(1), { customerTenantId: 'contoso.onmicrosoft.com' })).rejects.toThrow(
      RangeError,
    );
    expect(api.calls).toEqual([]);
  });

  it('never logs the token or a hash', async () => {
    const { submit, log } = setup({ tokens: ['token-secret'] });
    await submit(devices(2));
    expect(log.length).toBeGreaterThan(0);
    expect(log.join('\n')).not.toContain('token-secret');
    expect(log.join('\n')).not.toContain(HASH);
  });
});

describe('submitToPartnerCenter: resuming a job', () => {
  it('reports each accepted upload before polling it, so a job can journal it', async () => {
    const { api, submit } = setup();
    const accepted: AcceptedUpload[] = [];
    await submit(devices(3), { chunkSize: 2, onUploadAccepted: (upload) => void accepted.push(upload) });
    expect(accepted.map((u) => u.serials)).toEqual([['SN-1', 'SN-2'], ['SN-3']]);
    expect(accepted.every((u) => /batchJobStatus\/job-\d+$/.test(u.location))).toBe(true);
    const firstPoll = api.callsOf('status')[0]!;
    expect(firstPoll.at).toBeGreaterThan(api.callsOf('create')[0]!.at);
  });

  it('follows an upload an earlier run had accepted instead of uploading its devices again', async () => {
    const { api, submit } = setup({ fake: { looksUntilFinished: 3 } });
    const accepted: AcceptedUpload[] = [];
    const first = await submit(devices(2), {
      poll: { ...DEFAULT_POLL_SCHEDULE, deadlineMs: 2_500 },
      onUploadAccepted: (upload) => void accepted.push(upload),
    });
    expect(first.devices.every((d) => d.state === 'failed' && d.problem.kind === 'still-processing')).toBe(
      true,
    );
    const uploadsBefore = uploads(api.calls).length;

    const second = await submit([...devices(2), device('SN-9')], { acceptedUploads: accepted });
    expect(second.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
    expect(api.uploads.get('SN-1')).toBe(1);
    expect(api.uploads.get('SN-2')).toBe(1);
    expect(
      uploads(api.calls)
        .slice(uploadsBefore)
        .map((c) => c.serials),
    ).toEqual([['SN-9']]);
  });

  it('announces each upload request with its MS-RequestId before sending it, so a job can journal it', async () => {
    const { api, submit } = setup({ fake: { batches: [] } });
    const announced: [UploadRequest, number][] = [];
    await submit(devices(3), {
      chunkSize: 2,
      onUploadSending: (request) => void announced.push([request, uploads(api.calls).length]),
    });
    const sent = uploads(api.calls);
    expect(announced.map(([r]) => [r.kind, r.batchId, r.serials])).toEqual([
      ['create', TAG, ['SN-1', 'SN-2']],
      ['add', TAG, ['SN-3']],
    ]);
    // Each announced before its request went out, under the request ID it then carried.
    expect(announced.map(([, before]) => before)).toEqual([0, 1]);
    expect(announced.map(([r]) => r.requestId)).toEqual(sent.map((c) => c.requestId));
  });

  it('repeats a request an earlier run sent, exactly and before anything else for its devices', async () => {
    const { api, submit } = setup({ fake: { batches: [TAG] } });
    const earlier: UploadRequest = {
      requestId: 'old-7',
      kind: 'add',
      batchId: TAG,
      serials: ['SN-1', 'SN-2'],
    };
    const announced: UploadRequest[] = [];
    const report = await submit(devices(3), {
      sentUploads: [earlier],
      onUploadSending: (request) => void announced.push(request),
    });
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
    expect(api.calls[0]).toMatchObject({ call: 'add', requestId: 'old-7', serials: ['SN-1', 'SN-2'] });
    expect(uploads(api.calls).map((c) => c.serials)).toEqual([['SN-1', 'SN-2'], ['SN-3']]);
    // Only the new request is announced: the repeated one is journaled already.
    expect(announced.map((r) => r.serials)).toEqual([['SN-3']]);
  });

  it('adds the devices of a repeated create that finds the batch made meanwhile, under a new request ID', async () => {
    const { api, submit } = setup({ fake: { batches: [TAG] } });
    const earlier: UploadRequest = { requestId: 'old-1', kind: 'create', batchId: TAG, serials: ['SN-1'] };
    const report = await submit(devices(1), { sentUploads: [earlier] });
    expect(report.devices.map((d) => d.state)).toEqual(['registered']);
    // The batch's devices are listed first (none of these is in it), then they are added, newly named.
    expect(api.callsOf('members')).toHaveLength(1);
    expect(uploads(api.calls).map((c) => [c.call, c.requestId, c.failure])).toEqual([
      ['create', 'old-1', 'batch-exists'],
      ['add', expect.not.stringMatching(/^old-1$/), undefined],
    ]);
  });

  it('adds again only the devices of a repeated create that are not in the batch already', async () => {
    const { api, submit } = setup({ fake: { batches: [TAG] } });
    // The earlier run's create was carried out for SN-1 (it is in the batch), then the run was killed.
    api.members.set(TAG.toLowerCase(), ['SN-1']);
    const earlier: UploadRequest = {
      requestId: 'old-1',
      kind: 'create',
      batchId: TAG,
      serials: ['SN-1', 'SN-2'],
    };
    const report = await submit(devices(2), { sentUploads: [earlier] });
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    expect(uploads(api.calls).map((c) => [c.call, c.serials])).toEqual([
      ['create', ['SN-1', 'SN-2']],
      ['add', ['SN-2']],
    ]);
    expect(api.uploads.get('SN-1') ?? 0).toBe(0);
  });

  it('adds nothing when every device of a repeated create is in the batch already', async () => {
    const { api, submit } = setup({ fake: { batches: [TAG] } });
    api.members.set(TAG.toLowerCase(), ['SN-1']);
    const earlier: UploadRequest = { requestId: 'old-1', kind: 'create', batchId: TAG, serials: ['SN-1'] };
    const report = await submit(devices(1), { sentUploads: [earlier] });
    expect(report.devices.map((d) => d.state)).toEqual(['registered']);
    expect(uploads(api.calls).map((c) => c.call)).toEqual(['create']);
  });

  it('sends again the devices of an earlier upload Partner Center no longer knows', async () => {
    const { api, submit } = setup();
    const report = await submit(devices(2), {
      acceptedUploads: [{ location: '/customers/c-1/batchJobStatus/gone', serials: ['SN-1', 'SN-2'] }],
    });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(uploads(api.calls).map((c) => c.serials)).toEqual([['SN-1', 'SN-2']]);
  });
});
