import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../electron/ledger/ledger';
import type { DeviceResult, SubmitDevice } from '../../../../electron/submission/graph-submitter';
import {
  JobJournalHandle,
  JournalWriter,
  SubmissionInterruptedError,
  memoryJobStore,
  retryFailedJob,
  runSubmissionJob,
} from '../../../../electron/submission/submission-job';
import type {
  JobChange,
  JobDevice,
  SubmissionJobStore,
  SubmitFunction,
  SubmitRunOptions,
} from '../../../../electron/submission/submission-job';
import { mapImportError } from '../../../../shared/submission/graph-errors';
import { useTempDir } from '../../../support/temp-dir';

const TAG = 'Microsoft365Managed_Autopilot';
const temp = useTempDir('harvester-submission-job-');
const open: Ledger[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close().catch(() => undefined)));
});

async function ledger(): Promise<Ledger> {
  const opened = await Ledger.open({ dir: path.join(temp.path(), 'ledger') });
  open.push(opened);
  return opened;
}

function jobDevices(count: number): JobDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const serial = `SN-${i + 1}`;
    return { deviceId: `id-${i + 1}`, device: { serial, hardwareHash: 'T0E=', groupTag: TAG } };
  });
}

type Answer = 'registered' | 'already-registered' | 'failed' | 'hang';

/**
 * A submitter that answers each serial as told (default registered), reporting progress the way
 * submitToGraph does; records which serials it was given. `hang` never finishes (a killed run).
 */
function fakeSubmitter(answers: Readonly<Record<string, Answer>> = {}) {
  const sent: string[][] = [];
  const submit: SubmitFunction = async (devices, { onProgress }) => {
    sent.push(devices.map((d) => d.serial));
    const results: DeviceResult[] = [];
    for (const d of devices) {
      onProgress(d.serial, { kind: 'queued' });
      onProgress(d.serial, { kind: 'importing', attempt: 1 });
      onProgress(d.serial, { kind: 'processing', status: 'pending' });
      const answer = answers[d.serial] ?? 'registered';
      if (answer === 'hang') return new Promise<never>(() => undefined);
      const result = resultFor(d, answer);
      if (answer === 'registered') onProgress(d.serial, { kind: 'processing', status: 'complete' });
      else onProgress(d.serial, { kind: 'processing', status: 'error' });
      onProgress(d.serial, { kind: 'finished', result });
      results.push(result);
    }
    return { devices: results, stopped: undefined };
  };
  return { submit, sent };
}

function resultFor(d: SubmitDevice, answer: Exclude<Answer, 'hang'>): DeviceResult {
  switch (answer) {
    case 'registered':
      return {
        serial: d.serial,
        state: 'registered',
        registrationId: `reg-${d.serial}`,
        recordDeleted: true,
      };
    case 'already-registered':
      return {
        serial: d.serial,
        state: 'already-registered',
        outcome: mapImportError(806, undefined) as Extract<
          DeviceResult,
          { state: 'already-registered' }
        >['outcome'],
        recordDeleted: true,
      };
    case 'failed':
      return {
        serial: d.serial,
        state: 'failed',
        problem: { kind: 'import-error', outcome: mapImportError(808, undefined) as never },
        recordDeleted: true,
      };
  }
}

/** Starts a job and leaves it as a killed run would: some devices final, some imported, no end. */
async function killedJob(store: SubmissionJobStore, devices: readonly JobDevice[]): Promise<string> {
  const job = await store.startSubmission({
    jobId: 'killed',
    service: 'graph',
    groupTag: TAG,
    devices: devices.map((d) => ({ deviceId: d.deviceId, serial: d.device.serial })),
    correlationId: 'corr',
  });
  await store.recordSubmissionStates([
    { jobId: 'killed', deviceId: 'id-1', state: 'registered' },
    {
      jobId: 'killed',
      deviceId: 'id-2',
      state: 'already-registered',
      detail: { outcome: 'already-registered', errorCode: 806 },
    },
    { jobId: 'killed', deviceId: 'id-3', state: 'failed', detail: { problem: 'network' } },
    { jobId: 'killed', deviceId: 'id-4', state: 'imported' },
  ]);
  return job.id;
}

describe('a submission job', () => {
  it('journals the start, every state change and the end', async () => {
    const store = await ledger();
    const { submit } = fakeSubmitter({ 'SN-2': 'failed' });
    const result = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: jobDevices(2) },
      { store, submit },
    );

    expect(result.resumed).toBe(false);
    expect(result.devices.map((d) => [d.serial, d.state, d.carried])).toEqual([
      ['SN-1', 'registered', false],
      ['SN-2', 'failed', false],
    ]);
    expect(store.submissionJob(result.job.id)?.finishedAt).toBeDefined();
    expect(store.submissionJob(result.job.id)?.devices.map((d) => [d.state, d.detail])).toEqual([
      ['registered', { registrationId: 'reg-SN-1' }],
      [
        'failed',
        {
          problem: 'import-error',
          outcome: 'other-tenant',
          hold: 'device-assigned',
          errorCode: 808,
          errorName: 'ZtdDeviceAssignedToOtherTenant',
        },
      ],
    ]);
  });

  it('reports each state change only once it is on disk', async () => {
    const store = await ledger();
    const { submit } = fakeSubmitter({ 'SN-3': 'already-registered' });
    const checks: Promise<void>[] = [];
    const changes: JobChange[] = [];
    await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: jobDevices(3) },
      {
        store,
        submit,
        onChange: (change) => {
          changes.push(change);
          // What another process reading the journal file sees right now.
          checks.push(
            Ledger.open({ dir: store.dir, readOnly: true })
              .then((disk) => {
                const onDisk = disk
                  .submissionJob(change.jobId)
                  ?.devices.find((d) => d.deviceId === change.deviceId);
                expect(onDisk?.state, `${change.serial} ${change.state}`).toBe(change.state);
              })
              .catch((e: unknown) => {
                // A later change of the same device may already be on disk too: only final states must hold exactly.
                if (change.state === 'imported') return;
                throw e;
              }),
          );
        },
      },
    );
    await Promise.all(checks);
    expect(changes.map((c) => `${c.serial} ${c.state}`)).toEqual([
      'SN-1 imported',
      'SN-1 registered',
      'SN-2 imported',
      'SN-2 registered',
      'SN-3 imported',
      'SN-3 already-registered',
    ]);
  });

  it('journals the final state the submitter concludes before its record is deleted', async () => {
    const store = memoryJobStore();
    const journal = new JobJournalHandle();
    let stateAtComplete: string | undefined;
    let stateAtDelete: string | undefined;
    const submit: SubmitFunction = async (devices, { onProgress }) => {
      const d = devices[0]!;
      onProgress(d.serial, { kind: 'processing', status: 'complete', importId: 'imp-1' });
      await journal.durable();
      // A complete record may still need its group tag: not final yet.
      stateAtComplete = store.submissionJobs()[0]?.devices[0]?.state;
      const result = resultFor(d, 'registered');
      onProgress(d.serial, {
        kind: 'concluded',
        result: result as Exclude<DeviceResult, { state: 'interrupted' }>,
      });
      // submitToGraph deletes the record here; the journaled client waits for this first.
      await journal.durable();
      stateAtDelete = store.submissionJobs()[0]?.devices[0]?.state;
      onProgress(d.serial, { kind: 'finished', result });
      return { devices: [result], stopped: undefined };
    };
    await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: jobDevices(1) },
      { store, submit, journal },
    );
    expect(stateAtComplete).toBe('imported');
    expect(stateAtDelete).toBe('registered');
  });

  it('journals the import record id and keeps it with the final state', async () => {
    const store = memoryJobStore();
    const submit: SubmitFunction = async (devices, { onProgress }) => {
      const d = devices[0]!;
      onProgress(d.serial, { kind: 'processing', status: 'pending', importId: 'imp-1' });
      const result = resultFor(d, 'registered');
      onProgress(d.serial, { kind: 'finished', result });
      return { devices: [result], stopped: undefined };
    };
    const run = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: jobDevices(1) },
      { store, submit },
    );
    expect(run.devices[0]).toMatchObject({ state: 'registered', detail: { importId: 'imp-1' } });
    expect(store.submissionJobs()[0]?.devices[0]?.detail.importId).toBe('imp-1');
  });

  it('leaves the job unfinished and its unfinished devices as they were when the run is interrupted', async () => {
    const store = memoryJobStore();
    const submit: SubmitFunction = async (devices, { onProgress }) => {
      const [a, b] = devices;
      onProgress(a!.serial, { kind: 'processing', status: 'pending', importId: 'imp-1' });
      const done = resultFor(b!, 'registered');
      const cut = { serial: a!.serial, state: 'interrupted', recordDeleted: false } as const;
      onProgress(b!.serial, { kind: 'finished', result: done });
      onProgress(a!.serial, { kind: 'finished', result: cut });
      return { devices: [cut, done], stopped: undefined, interrupted: true };
    };
    await expect(
      runSubmissionJob({ service: 'graph', groupTag: TAG, devices: jobDevices(2) }, { store, submit }),
    ).rejects.toThrow(SubmissionInterruptedError);
    const [job] = store.submissionJobs();
    expect(job?.finishedAt).toBeUndefined();
    expect(job?.devices.map((d) => d.state)).toEqual(['imported', 'registered']);
  });

  it("takes Partner Center's states from its final answer only (a finished upload may still carry an error)", async () => {
    const store = memoryJobStore();
    const journal = new JobJournalHandle();
    let stateAfterComplete: string | undefined;
    const submit: SubmitFunction = async (devices, { onProgress }) => {
      const d = devices[0]!;
      onProgress(d.serial, { kind: 'processing', status: 'complete' });
      await journal.durable();
      stateAfterComplete = store.submissionJobs()[0]?.devices[0]?.state;
      const result = resultFor(d, 'already-registered');
      onProgress(d.serial, { kind: 'finished', result });
      return { devices: [result], stopped: undefined };
    };
    const result = await runSubmissionJob(
      { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices: jobDevices(1) },
      { store, submit, journal },
    );
    expect(stateAfterComplete).toBe('imported');
    expect(result.devices[0]?.state).toBe('already-registered');
  });

  it('resumes an unfinished job without sending the devices that reached a final state', async () => {
    const store = await ledger();
    const devices = jobDevices(5);
    const jobId = await killedJob(store, devices);
    const { submit, sent } = fakeSubmitter();
    const result = await runSubmissionJob({ service: 'graph', groupTag: TAG, devices }, { store, submit });

    expect(result.resumed).toBe(true);
    expect(result.job.id).toBe(jobId);
    expect(sent).toEqual([['SN-4', 'SN-5']]);
    expect(result.devices.map((d) => [d.serial, d.state, d.carried])).toEqual([
      ['SN-1', 'registered', true],
      ['SN-2', 'already-registered', true],
      ['SN-3', 'failed', true],
      ['SN-4', 'registered', false],
      ['SN-5', 'registered', false],
    ]);
    expect(store.submissionJob(jobId)?.finishedAt).toBeDefined();
    expect(store.submissionJobs()).toHaveLength(1);
  });

  it('resumes the job when the devices it already registered are left out of the request (submit --new)', async () => {
    const store = memoryJobStore();
    const devices = jobDevices(5);
    await killedJob(store, devices);
    const { submit, sent } = fakeSubmitter();
    const notRegistered = devices.filter((d) => d.deviceId !== 'id-1' && d.deviceId !== 'id-2');
    const result = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: notRegistered },
      { store, submit },
    );
    expect(result.resumed).toBe(true);
    expect(sent).toEqual([['SN-4', 'SN-5']]);
    expect(store.submissionJobs()).toHaveLength(1);
  });

  it('sends the failed devices of a resumed job again only when asked to', async () => {
    const store = memoryJobStore();
    const devices = jobDevices(4);
    await killedJob(store, devices);
    const { submit, sent } = fakeSubmitter();
    const result = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices, retryFailed: true },
      { store, submit },
    );
    expect(sent).toEqual([['SN-3', 'SN-4']]);
    expect(result.devices.map((d) => d.state)).toEqual([
      'registered',
      'already-registered',
      'registered',
      'registered',
    ]);
  });

  it('starts a new job when the unfinished one is for other devices, another tag or another service', async () => {
    const store = memoryJobStore();
    await killedJob(store, jobDevices(4));
    const { submit, sent } = fakeSubmitter();
    const other = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices: jobDevices(5) },
      { store, submit },
    );
    expect(other.resumed).toBe(false);
    const tagged = await runSubmissionJob(
      { service: 'graph', groupTag: 'Other', devices: jobDevices(4) },
      { store, submit },
    );
    expect(tagged.resumed).toBe(false);
    expect(sent.map((s) => s.length)).toEqual([5, 4]);
    expect(store.submissionJob('killed')?.finishedAt).toBeUndefined();
  });

  it('retries only the failed devices of a finished job, as a new job that names it', async () => {
    const store = await ledger();
    const devices = jobDevices(4);
    const first = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices },
      { store, submit: fakeSubmitter({ 'SN-2': 'failed', 'SN-4': 'failed' }).submit },
    );
    const { submit, sent } = fakeSubmitter();
    const retry = await retryFailedJob(first.job.id, new Map(devices.map((d) => [d.deviceId, d.device])), {
      store,
      submit,
    });

    expect(sent).toEqual([['SN-2', 'SN-4']]);
    expect(retry.job.retryOf).toBe(first.job.id);
    expect(retry.devices.map((d) => [d.serial, d.state])).toEqual([
      ['SN-2', 'registered'],
      ['SN-4', 'registered'],
    ]);
    expect(store.submissionOf('id-2')).toMatchObject({ state: 'registered', registered: true });
  });

  it('fails a device the job lists but that can no longer be sent, and sends the rest', async () => {
    const store = memoryJobStore();
    const devices = jobDevices(5);
    await killedJob(store, devices);
    const { submit, sent } = fakeSubmitter();
    const result = await retryFailedJob(
      'killed',
      new Map(devices.slice(0, 4).map((d) => [d.deviceId, d.device])),
      {
        store,
        submit,
      },
    );
    expect(sent).toEqual([['SN-3', 'SN-4']]);
    expect(result.devices.at(-1)).toMatchObject({
      serial: 'SN-5',
      state: 'failed',
      detail: { problem: 'device-missing' },
    });
  });

  it('leaves the job unfinished when the run dies, so the next run resumes it', async () => {
    const store = memoryJobStore();
    const devices = jobDevices(3);
    const hanging = fakeSubmitter({ 'SN-2': 'hang' });
    void runSubmissionJob({ service: 'graph', groupTag: TAG, devices }, { store, submit: hanging.submit });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.submissionJobs()[0]?.finishedAt).toBeUndefined();

    const { submit, sent } = fakeSubmitter();
    const result = await runSubmissionJob({ service: 'graph', groupTag: TAG, devices }, { store, submit });
    expect(result.resumed).toBe(true);
    expect(sent).toEqual([['SN-2', 'SN-3']]);
  });
});

describe('uploads a service accepted (Partner Center)', () => {
  it('journals them durably when accepted and hands them back to the submitter on resume', async () => {
    const store = await ledger();
    const devices = jobDevices(3);
    const location = 'https://api.partnercenter.microsoft.com/v1/customers/c/batchJobStatus/t1';
    let onDiskWhenAccepted: string[] = [];
    const killed: SubmitFunction = async (list, { recordAccepted }) => {
      await recordAccepted(
        list.map((d) => d.serial),
        location,
      );
      const disk = await Ledger.open({ dir: store.dir, readOnly: true });
      onDiskWhenAccepted = disk.submissionJobs()[0]!.devices.map((d) => `${d.state} ${d.detail.trackingId}`);
      return new Promise<never>(() => undefined);
    };
    void runSubmissionJob(
      { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices },
      { store, submit: killed },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onDiskWhenAccepted).toEqual(Array(3).fill(`imported ${location}`));

    let given: ReadonlyMap<string, readonly string[]> | undefined;
    const { submit } = fakeSubmitter();
    const result = await runSubmissionJob(
      { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices },
      {
        store,
        submit: (list, options) => {
          given = options.accepted;
          return submit(list, options);
        },
      },
    );
    expect(result.resumed).toBe(true);
    expect([...given!]).toEqual([[location, ['SN-1', 'SN-2', 'SN-3']]]);
  });
});

describe('upload requests in flight (Partner Center)', () => {
  it('journals an upload request on its devices before it is sent and hands it back to repeat on resume', async () => {
    const store = await ledger();
    const devices = jobDevices(3);
    const request = { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices } as const;
    let onDisk: unknown[] = [];
    const killed: SubmitFunction = async (list, { recordSending }) => {
      await recordSending({
        requestId: 'req-1',
        kind: 'create',
        batchId: TAG,
        serials: list.slice(0, 2).map((d) => d.serial),
      });
      const disk = await Ledger.open({ dir: store.dir, readOnly: true });
      onDisk = disk.submissionJobs()[0]!.devices.map((d) => [d.state, d.detail]);
      return new Promise<never>(() => undefined);
    };
    void runSubmissionJob(request, { store, submit: killed });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sent = { requestId: 'req-1', upload: 'create', batchId: TAG };
    expect(onDisk).toEqual([
      ['pending', sent],
      ['pending', sent],
      ['pending', {}],
    ]);

    let given: SubmitRunOptions['sending'] | undefined;
    const { submit } = fakeSubmitter();
    await runSubmissionJob(request, {
      store,
      submit: (list, options) => {
        given = options.sending;
        return submit(list, options);
      },
    });
    expect(given).toEqual([{ requestId: 'req-1', kind: 'create', batchId: TAG, serials: ['SN-1', 'SN-2'] }]);
  });

  it('keeps the upload of a device that failed still processing, and follows it on retry instead of sending it again', async () => {
    const store = await ledger();
    const devices = jobDevices(2);
    const location = '/customers/c/batchJobStatus/t1';
    const first: SubmitFunction = async (list, { recordAccepted, onProgress }) => {
      await recordAccepted(
        list.map((d) => d.serial),
        location,
      );
      const results: DeviceResult[] = [
        {
          serial: 'SN-1',
          state: 'failed',
          problem: { kind: 'still-processing', waitedMs: 900_000 },
          recordDeleted: false,
        },
        resultFor(list[1]!, 'failed'),
      ];
      for (const r of results) onProgress(r.serial, { kind: 'finished', result: r });
      return { devices: results, stopped: undefined };
    };
    const done = await runSubmissionJob(
      { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices },
      { store, submit: first },
    );
    expect(done.devices.map((d) => [d.state, d.detail.problem, d.detail.trackingId])).toEqual([
      ['failed', 'still-processing', location],
      // Failed by the finished upload's own answer (808): uploaded again on retry, not followed.
      ['failed', 'import-error', undefined],
    ]);

    let accepted: SubmitRunOptions['accepted'] | undefined;
    const { submit, sent } = fakeSubmitter();
    const retried = await retryFailedJob(done.job.id, new Map(devices.map((d) => [d.deviceId, d.device])), {
      store,
      submit: (list, options) => {
        accepted = options.accepted;
        return submit(list, options);
      },
    });
    expect(sent).toEqual([['SN-1', 'SN-2']]);
    expect([...accepted!]).toEqual([[location, ['SN-1']]]);
    expect(retried.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
  });
});

describe('retrying a device still processing in an unfinished job', () => {
  it('follows its upload when the resumed job sends its failed devices again', async () => {
    const store = await ledger();
    const devices = jobDevices(2);
    const location = '/customers/c/batchJobStatus/t9';
    await store.startSubmission({
      jobId: 'killed-pc',
      service: 'partner-center',
      customerTenantId: 'c',
      groupTag: TAG,
      devices: devices.map((d) => ({ deviceId: d.deviceId, serial: d.device.serial })),
      correlationId: 'corr',
    });
    await store.recordSubmissionStates([
      {
        jobId: 'killed-pc',
        deviceId: 'id-1',
        state: 'failed',
        detail: { problem: 'still-processing', waitedMs: 900_000, trackingId: location },
      },
    ]);
    let accepted: SubmitRunOptions['accepted'] | undefined;
    const { submit } = fakeSubmitter();
    const result = await runSubmissionJob(
      { service: 'partner-center', customerTenantId: 'c', groupTag: TAG, devices, retryFailed: true },
      {
        store,
        submit: (list, options) => {
          accepted = options.accepted;
          return submit(list, options);
        },
      },
    );
    expect(result.resumed).toBe(true);
    expect([...accepted!]).toEqual([[location, ['SN-1']]]);
  });
});

describe('the journal writer', () => {
  it('writes changes that arrive during a write together in the next one', async () => {
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const writer = new JournalWriter({
      recordSubmissionStates: async (updates) => {
        batches.push(updates.length);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const update = (deviceId: string) => ({ jobId: 'j', deviceId, state: 'imported' as const });
    const first = writer.enqueue(update('a'));
    await Promise.resolve();
    await Promise.resolve();
    const rest = ['b', 'c', 'd'].map((id) => writer.enqueue(update(id)));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([1, 3]);
  });

  it('acknowledges nothing after a write failed', async () => {
    const writer = new JournalWriter({
      recordSubmissionStates: async () => {
        throw new Error('ENOSPC');
      },
    });
    await expect(writer.enqueue({ jobId: 'j', deviceId: 'a', state: 'registered' })).rejects.toThrow(
      'ENOSPC',
    );
    await expect(writer.enqueue({ jobId: 'j', deviceId: 'b', state: 'registered' })).rejects.toThrow(
      'ENOSPC',
    );
    await expect(writer.flushed()).rejects.toThrow('ENOSPC');
  });
});
