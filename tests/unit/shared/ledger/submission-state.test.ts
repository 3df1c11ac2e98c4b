import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerRecordSchema, LedgerState, readLedgerRecord } from '../../../../shared/ledger/ledger-events';
import type { JournalEvent, JournalRecord, SubmissionEvent } from '../../../../shared/ledger/ledger-events';
import {
  outcomeDetail,
  outcomeFromDetail,
  problemDetail,
  problemFromDetail,
} from '../../../../shared/ledger/submission-detail';
import { mapImportError } from '../../../../shared/submission/graph-errors';
import type { SubmissionProblem } from '../../../../shared/submission/submission-problem';

let seq = 0;
function rec(event: JournalEvent, at = '2025-11-24T10:00:00.000Z'): JournalRecord {
  seq++;
  return { id: `r${seq}`, seq, at, event };
}

function replay(...events: JournalEvent[]): LedgerState {
  const state = new LedgerState();
  for (const event of events) state.apply(rec(event));
  return state;
}

const added = (id: string): JournalEvent => ({
  type: 'device-added',
  deviceId: id,
  serial: `SN-${id}`,
  manufacturer: 'LENOVO',
  model: '20XW',
  productId: '',
  groupTag: 'Microsoft365Managed_Autopilot',
  assignedUser: '',
  hash: 'T0E=',
  fingerprint: `fp-${id}`,
  source: { kind: 'imported', file: 'a.csv', line: 2 },
});

const started = (
  jobId: string,
  ids: readonly string[],
  extra: Partial<SubmissionEvent> = {},
): SubmissionEvent =>
  ({
    type: 'submission-started',
    jobId,
    service: 'graph',
    groupTag: 'Microsoft365Managed_Autopilot',
    devices: ids.map((id) => ({ deviceId: id, serial: `SN-${id}` })),
    correlationId: `corr-${jobId}`,
    ...extra,
  }) as SubmissionEvent;

const device = (
  jobId: string,
  deviceId: string,
  state: 'pending' | 'imported' | 'registered' | 'already-registered' | 'failed',
  detail: Record<string, unknown> = {},
): SubmissionEvent => ({ type: 'submission-device', jobId, deviceId, state, ...detail });

const finished = (jobId: string): SubmissionEvent => ({ type: 'submission-finished', jobId });

describe('submission events in the journal', () => {
  const events: SubmissionEvent[] = [
    started('job-1', ['a', 'b']),
    started('job-2', ['a'], {
      service: 'partner-center',
      customerTenantId: 'c0ffee00-0000-4000-8000-000000000001',
      retryOf: 'job-1',
    }),
    device('job-1', 'a', 'imported', { importId: 'imp-1', requestId: 'req-1' }),
    device('job-2', 'a', 'pending', {
      requestId: 'req-2',
      upload: 'add',
      batchId: 'Microsoft365Managed_Autopilot',
    }),
    device('job-1', 'a', 'failed', {
      problem: 'import-error',
      outcome: 'other-tenant',
      hold: 'device-assigned',
      errorCode: 808,
      errorName: 'ZtdDeviceAssignedToOtherTenant',
    }),
    finished('job-1'),
  ];

  it.each(events.map((e) => [e.type, e] as const))('reads a %s record through the schema', (_type, event) => {
    const value = JSON.parse(JSON.stringify(rec(event))) as unknown;
    expect(readLedgerRecord(value)).toEqual(value);
    expect(LedgerRecordSchema.safeParse(value).success).toBe(true);
  });

  it('refuses a device state this version does not know', () => {
    const value = rec({
      ...device('job-1', 'a', 'registered'),
      state: 'submitted',
    } as unknown as JournalEvent);
    expect(readLedgerRecord(value)).toBeUndefined();
  });

  it('refuses an upload request of a kind this version does not know', () => {
    for (const upload of ['delete', 1, null]) {
      const value = rec({ ...device('job-1', 'a', 'pending'), upload } as unknown as JournalEvent);
      expect(readLedgerRecord(value)).toBeUndefined();
    }
  });

  it('refuses a job for an unknown service', () => {
    const value = rec({ ...started('job-1', ['a']), service: 'intune' } as unknown as JournalEvent);
    expect(readLedgerRecord(value)).toBeUndefined();
  });

  it('keeps no field the schema does not name (a token put there by mistake is not carried)', () => {
    const value = {
      ...rec(device('job-1', 'a', 'registered')),
      event: { ...device('job-1', 'a', 'registered'), token: 'secret' },
    };
    expect(JSON.stringify(readLedgerRecord(value))).not.toContain('secret');
  });
});

describe('the quick check of per-device submission records', () => {
  it('accepts exactly what the schema accepts, and keeps exactly what it keeps', () => {
    const base = JSON.parse(
      JSON.stringify(
        rec(
          device('job-1', 'a', 'failed', { problem: 'refused', httpStatus: 400, serviceCode: 'BadRequest' }),
        ),
      ),
    ) as Record<string, unknown> & { event: Record<string, unknown> };
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '',
        'x'.repeat(129),
        'x'.repeat(513),
        'x'.repeat(4_097),
        'registered',
        'submitted',
        'job-1',
        'create',
        'add',
      ),
      fc.integer(),
      fc.constantFrom(1.5, -1, -0, 2 ** 53, 2 ** 53 - 1, 1e308),
      fc.constant(null),
      fc.boolean(),
      fc.constant({}),
    );
    const key = fc.constantFrom(
      'type',
      'jobId',
      'deviceId',
      'state',
      'importId',
      'registrationId',
      'trackingId',
      'requestId',
      'upload',
      'batchId',
      'problem',
      'outcome',
      'hold',
      'errorCode',
      'errorName',
      'httpStatus',
      'serviceCode',
      'waitedMs',
      'token',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 3 }), (changes) => {
        const copy = JSON.parse(JSON.stringify(base)) as typeof base;
        for (const [k, v] of changes) copy.event[k] = v;
        const parsed = LedgerRecordSchema.safeParse(copy);
        const read = readLedgerRecord(copy);
        expect(read !== undefined).toBe(parsed.success);
        if (parsed.success) expect(read).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('submission jobs derived from the journal', () => {
  it('lists every device of a new job as pending, unfinished', () => {
    const job = replay(added('a'), added('b'), started('job-1', ['a', 'b'])).job('job-1');
    expect(job).toMatchObject({
      id: 'job-1',
      service: 'graph',
      finishedAt: undefined,
      correlationId: 'corr-job-1',
    });
    expect(job?.devices.map((d) => [d.deviceId, d.serial, d.state])).toEqual([
      ['a', 'SN-a', 'pending'],
      ['b', 'SN-b', 'pending'],
    ]);
  });

  it("keeps each device's last state and what the service said with it", () => {
    const state = replay(
      started('job-1', ['a', 'b']),
      device('job-1', 'a', 'imported', { importId: 'imp-1' }),
      device('job-1', 'a', 'registered', { registrationId: 'reg-1' }),
      device('job-1', 'b', 'failed', { problem: 'network' }),
      finished('job-1'),
    );
    const job = state.job('job-1')!;
    expect(job.finishedAt).toBeDefined();
    expect(job.devices.map((d) => [d.state, d.detail])).toEqual([
      ['registered', { registrationId: 'reg-1' }],
      ['failed', { problem: 'network' }],
    ]);
  });

  it('gives each device its latest submission, and remembers that it was registered', () => {
    const state = replay(
      started('job-1', ['a']),
      device('job-1', 'a', 'registered'),
      finished('job-1'),
      started('job-2', ['a']),
      device('job-2', 'a', 'failed', { problem: 'token' }),
    );
    expect(state.submissionOf('a')).toMatchObject({ jobId: 'job-2', state: 'failed', registered: true });
    expect(state.submissionOf('b')).toBeUndefined();
  });

  it('ignores records for an unknown job, a device the job does not list, and a second start of the same id', () => {
    const state = replay(
      started('job-1', ['a']),
      device('job-9', 'a', 'registered'),
      device('job-1', 'z', 'registered'),
      started('job-1', ['a', 'b']),
      finished('job-9'),
    );
    expect(state.jobs()).toHaveLength(1);
    expect(state.job('job-1')?.devices.map((d) => [d.deviceId, d.state])).toEqual([['a', 'pending']]);
    expect(state.submissionOf('z')).toBeUndefined();
  });

  it('leaves devices, their states and their history untouched', () => {
    const state = replay(
      added('a'),
      started('job-1', ['a']),
      device('job-1', 'a', 'registered'),
      finished('job-1'),
    );
    const a = state.get('a')!;
    expect(a.state).toBe('new');
    expect(a.history.map((r) => r.event.type)).toEqual(['device-added']);
  });

  it('hands out snapshots that later records do not change', () => {
    const state = replay(started('job-1', ['a']));
    const before = state.job('job-1')!;
    state.apply(rec(device('job-1', 'a', 'registered')));
    expect(before.devices[0]?.state).toBe('pending');
    expect(state.job('job-1')?.devices[0]?.state).toBe('registered');
  });
});

describe('what the journal keeps of an answer', () => {
  const problems: SubmissionProblem[] = [
    { kind: 'import-error', outcome: mapImportError(808, 'ZtdDeviceAssignedToOtherTenant') as never },
    { kind: 'import-error', outcome: mapImportError(802, undefined) as never },
    { kind: 'import-error', outcome: mapImportError(0, 'StorageError') as never },
    { kind: 'token' },
    { kind: 'permission' },
    { kind: 'throttled' },
    { kind: 'service-unavailable' },
    { kind: 'network' },
    { kind: 'bad-response' },
    { kind: 'refused', status: 400, code: 'BadRequest' },
    { kind: 'refused', status: 409, code: undefined },
    { kind: 'still-processing', waitedMs: 900_000 },
    { kind: 'record-removed' },
  ];

  it.each(problems.map((p) => [JSON.stringify(p), p] as const))(
    'gives back the same problem: %s',
    (_name, problem) => {
      const stored = JSON.parse(JSON.stringify(problemDetail(problem))) as ReturnType<typeof problemDetail>;
      expect(problemFromDetail(stored)).toEqual(JSON.parse(JSON.stringify(problem)));
    },
  );

  it('gives back an already-registered outcome with its code', () => {
    const outcome = mapImportError(806, 'ZtdDeviceAlreadyAssigned');
    expect(outcomeFromDetail(outcomeDetail(outcome))).toEqual(outcome);
  });

  it('says nothing, rather than something wrong, for a kind a newer version wrote', () => {
    expect(problemFromDetail({ problem: 'customer-suspended' })).toBeUndefined();
    expect(problemFromDetail({ problem: 'import-error', outcome: 'melted' })).toBeUndefined();
  });
});
