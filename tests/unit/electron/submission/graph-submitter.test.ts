import { describe, expect, it } from 'vitest';
import type {
  DeviceProgress,
  GraphSubmitterOptions,
  SubmitDevice,
} from '../../../../electron/submission/graph-submitter';
import { submitToGraph } from '../../../../electron/submission/graph-submitter';
import type { RateBudgetConfig } from '../../../../shared/submission/rate-budget';
import { RateBudget } from '../../../../shared/submission/rate-budget';
import type { FakeCall, FakeGraphOptions } from './fake-graph-api';
import { FakeGraphApi } from './fake-graph-api';
import { virtualClock } from './virtual-clock';

const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const TAG = 'Microsoft365Managed_Autopilot';
const OTHER_TENANT = { code: 808, name: 'ZtdDeviceAssignedToOtherTenant' };
const STORAGE_ERROR = { code: 0, name: 'StorageError' };

function device(serial: string): SubmitDevice {
  return { serial, hardwareHash: HASH, groupTag: TAG };
}

function devices(count: number): SubmitDevice[] {
  return Array.from({ length: count }, (_, i) => device(`SN-${i + 1}`));
}

interface Setup {
  readonly fake?: Omit<FakeGraphOptions, 'now'>;
  /** Tokens the source hands out in turn (the last repeats). */
  readonly tokens?: readonly string[];
  readonly options?: Partial<GraphSubmitterOptions>;
}

function setup({ fake = {}, tokens = ['token-1'], options = {} }: Setup = {}) {
  const clock = virtualClock(1_000_000);
  const api = new FakeGraphApi({ now: clock.now, ...fake });
  let tokenCalls = 0;
  const progress: [string, DeviceProgress][] = [];
  const log: string[] = [];
  const submit = (list: readonly SubmitDevice[], extra: Partial<GraphSubmitterOptions> = {}) =>
    clock.run(
      submitToGraph(list, {
        client: api,
        token: async () => tokens[Math.min(tokenCalls++, tokens.length - 1)]!,
        clock,
        random: () => 0.5,
        onProgress: (serial, p) => progress.push([serial, p]),
        log: (line) => log.push(line),
        ...options,
        ...extra,
      }),
    );
  return { clock, api, submit, progress, log, tokenCalls: () => tokenCalls };
}

function writes(calls: readonly FakeCall[]): number[] {
  return calls.filter((c) => c.call === 'import' || c.call === 'delete').map((c) => c.at);
}

describe('submitToGraph: outcomes', () => {
  it('registers every device and deletes the records it created', async () => {
    const { api, submit } = setup();
    const report = await submit(devices(3));
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
    expect(report.devices[0]).toMatchObject({
      registrationId: expect.stringMatching(/^reg-/),
      recordDeleted: true,
    });
    expect(api.records.size).toBe(0);
    expect([...api.imports.values()]).toEqual([1, 1, 1]);
    expect(report.stopped).toBeUndefined();
  });

  it('counts 806 as already registered', async () => {
    const { submit } = setup({
      fake: { outcomes: { 'SN-1': [{ code: 806, name: 'ZtdDeviceAlreadyAssigned' }] } },
    });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({ state: 'already-registered', outcome: { kind: 'already-registered' } });
  });

  it('fails 808 with the other-tenant outcome and still deletes the record', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': [OTHER_TENANT] } } });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toEqual({
      serial: 'SN-1',
      state: 'failed',
      problem: {
        kind: 'import-error',
        outcome: {
          kind: 'other-tenant',
          hold: 'device-assigned',
          error: { code: 808, name: OTHER_TENANT.name },
        },
      },
      recordDeleted: true,
    });
    expect(api.records.size).toBe(0);
  });

  it('imports again after a StorageError, one record at a time', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': [STORAGE_ERROR, 'complete'] } } });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.imports.get('SN-1')).toBe(2);
    // The failed record was deleted before the second import.
    expect(api.calls.map((c) => c.call).filter((c) => c !== 'get')).toEqual([
      'list',
      'import',
      'delete',
      'import',
      'delete',
    ]);
  });

  it('gives up on a StorageError after the allowed number of imports', async () => {
    const { api, submit } = setup({
      fake: { outcomes: { 'SN-1': [STORAGE_ERROR] } },
      options: { importAttempts: 3 },
    });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'import-error', outcome: { kind: 'retryable' } },
    });
    expect(api.imports.get('SN-1')).toBe(3);
  });

  it('fails a device still processing at the deadline and keeps its record for the next run', async () => {
    const { api, submit } = setup({
      fake: { pollsUntilFinal: 1_000 },
      options: { poll: { initialDelayMs: 2_000, factor: 1.5, maxDelayMs: 15_000, deadlineMs: 60_000 } },
    });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'still-processing', waitedMs: 60_000 },
      recordDeleted: false,
    });
    expect(api.records.size).toBe(1);
  });

  it('reports a record deleted by someone else while polling', async () => {
    const { api, submit } = setup();
    api.script.get.push({ kind: 'not-found' });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({ state: 'failed', problem: { kind: 'record-removed' } });
  });

  it('sends a serial listed twice once and gives both entries its result', async () => {
    const { api, submit } = setup();
    const report = await submit([device('SN-1'), device('sn-1 ')]);
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    expect(api.callsOf('import')).toHaveLength(1);
  });
});

describe('submitToGraph: polling', () => {
  it('looks after 2 s, then 3 s, then 4.5 s', async () => {
    const { api, submit } = setup({ fake: { pollsUntilFinal: 3 } });
    await submit([device('SN-1')]);
    const imported = api.callsOf('import')[0]!.at;
    expect(api.callsOf('get').map((c) => c.at - imported)).toEqual([2_000, 5_000, 9_500]);
  });
});

describe('submitToGraph: reuse', () => {
  it('polls an import record that already exists for the serial instead of importing again', async () => {
    const { api, submit } = setup();
    api.seed('SN-1', 'pending');
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.callsOf('import')).toHaveLength(0);
    expect(api.records.size).toBe(0);
  });

  it('reads a completed record as registered without importing or polling', async () => {
    const { api, submit } = setup();
    api.seed('SN-1', 'complete', undefined, TAG);
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.calls.map((c) => c.call)).toEqual(['list', 'delete']);
  });

  it('sets the chosen group tag on a reused completed record that has another tag before reporting it registered', async () => {
    const { api, submit } = setup();
    const seeded = api.seed('SN-1', 'complete', undefined, 'Old-Tag');
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({ state: 'registered', registrationId: `reg-${seeded}` });
    expect(api.calls.map((c) => c.call)).toEqual(['list', 'tag', 'delete']);
    expect(api.registeredTags.get(`reg-${seeded}`)).toBe(TAG);
  });

  it('compares group tags exactly, so a tag differing only in case is set again', async () => {
    const { api, submit } = setup();
    const seeded = api.seed('SN-1', 'complete', undefined, TAG.toLowerCase());
    await submit([device('SN-1')]);
    expect(api.registeredTags.get(`reg-${seeded}`)).toBe(TAG);
  });

  it('fails a registered device whose group tag could not be set, says which tag it still has, and keeps the record', async () => {
    const { api, submit } = setup();
    const seeded = api.seed('SN-1', 'complete', undefined, 'Old-Tag');
    api.script.tag.push({ kind: 'refused', status: 400, code: 'BadRequest' });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'tag-not-set', currentTag: 'Old-Tag' },
      recordDeleted: false,
    });
    expect(api.records.has(seeded)).toBe(true);
    expect(api.registeredTags.get(`reg-${seeded}`)).toBe('Old-Tag');
  });

  it('sets the chosen group tag on a device already registered here (806) when the service names it', async () => {
    const { api, submit } = setup({
      fake: {
        outcomes: { 'SN-1': [{ code: 806, name: 'ZtdDeviceAlreadyAssigned', registrationId: 'reg-old' }] },
      },
    });
    api.registeredTags.set('reg-old', 'Old-Tag');
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({ state: 'already-registered', registrationId: 'reg-old' });
    expect(api.registeredTags.get('reg-old')).toBe(TAG);
  });

  it('keeps the existing group tag of a device already registered here (806) when the service does not name it', async () => {
    const { api, submit } = setup({
      fake: { outcomes: { 'SN-1': [{ code: 806, name: 'ZtdDeviceAlreadyAssigned' }] } },
    });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('already-registered');
    expect(result).not.toHaveProperty('registrationId');
    expect(api.callsOf('tag')).toHaveLength(0);
  });

  it("leaves another technician's finished record of the serial alone and still ends the device definite", async () => {
    const { api, submit } = setup();
    const foreign = api.seed('SN-1', 'error', OTHER_TENANT);
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.calls.map((c) => c.call).filter((c) => c !== 'get')).toEqual(['list', 'import', 'delete']);
    expect(api.records.has(foreign)).toBe(true);
  });

  it('clears a finished record of the serial that this job created in an earlier run', async () => {
    const { api, submit } = setup();
    const own = api.seed('SN-1', 'error', STORAGE_ERROR);
    await submit([device('SN-1')], { ownImportIds: new Set([own]) });
    // Deletes trail the imports: the old record goes with the new one's, after the device is final.
    expect(api.calls.map((c) => c.call).filter((c) => c !== 'get')).toEqual([
      'list',
      'import',
      'delete',
      'delete',
    ]);
    expect(api.records.has(own)).toBe(false);
  });

  it('finds existing records on later pages of the list', async () => {
    const { api, submit } = setup({ fake: { pageSize: 2 } });
    for (let i = 0; i < 5; i++) api.seed(`OTHER-${i}`, 'pending');
    api.seed('SN-1', 'pending');
    await submit([device('SN-1')]);
    expect(api.callsOf('list')).toHaveLength(3);
    expect(api.callsOf('import')).toHaveLength(0);
  });

  it('never touches the records of other serials', async () => {
    const { api, submit } = setup();
    api.seed('OTHER-1', 'complete');
    api.seed('OTHER-2', 'error', OTHER_TENANT);
    await submit(devices(2));
    expect([...api.records.values()].map((s) => s.record.serialNumber).sort()).toEqual([
      'OTHER-1',
      'OTHER-2',
    ]);
  });

  it('looks for the record before importing again when an import answer was lost', async () => {
    const { api, submit } = setup();
    api.script.import.push('lost-after-create');
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.imports.get('SN-1')).toBe(1);
    expect(api.callsOf('list')).toHaveLength(2);
  });

  it('follows the record a lost import created even when it already failed (808), and never posts again', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': [OTHER_TENANT] } } });
    api.script.import.push('lost-after-create-final');
    const [result] = (await submit([device('SN-1')])).devices;
    expect(api.imports.get('SN-1')).toBe(1);
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'import-error', outcome: { kind: 'other-tenant' } },
    });
  });

  it('takes a record of the serial that was there before the send for somebody else, not for this import', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': ['complete'] } } });
    const foreign = api.seed('SN-1', 'error', OTHER_TENANT);
    api.script.import.push({ kind: 'network', code: 'UND_ERR_SOCKET', retryable: true });
    const [result] = (await submit([device('SN-1')])).devices;
    // The lost POST had created nothing, and the 808 record was listed before it: the device is posted again.
    expect(result?.state).toBe('registered');
    expect(api.imports.get('SN-1')).toBe(1);
    expect(api.records.has(foreign)).toBe(true);
  });

  it('imports again when the lost import had created nothing', async () => {
    const { api, submit } = setup();
    api.script.import.push({ kind: 'server-error', status: 502, retryable: true });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.imports.get('SN-1')).toBe(1);
    expect(api.callsOf('import').map((c) => c.failure)).toEqual(['server-error', undefined]);
  });
});

describe('submitToGraph: devices final first, clean-up after', () => {
  it('sends every import before the first delete, and reports each device final before its record goes', async () => {
    const { api, submit, progress } = setup();
    const report = await submit(devices(5));
    const names = api.calls.map((c) => c.call).filter((c) => c === 'import' || c === 'delete');
    expect(names).toEqual([...Array(5).fill('import'), ...Array(5).fill('delete')]);
    const lastFinished = progress.map(([, p]) => p.kind).lastIndexOf('finished');
    expect(lastFinished).toBe(progress.length - 1);
    // Every record was deleted in the end, and the report says so.
    expect(report.devices.map((d) => d.recordDeleted)).toEqual(Array(5).fill(true));
    expect(api.records.size).toBe(0);
  });

  it('spends on deletes only the write slots the imports do not need', async () => {
    // Three writes per 10 s: five devices need five imports and five deletes.
    const limits: RateBudgetConfig = {
      windows: [{ limit: 3, windowMs: 10_000, counts: 'writes', safetyMs: 0 }],
    };
    const { api, submit, clock } = setup({ options: { budget: limits } });
    const start = clock.now();
    await submit(devices(5));
    const at = (call: string) =>
      api.calls.filter((c) => c.call === call).map((c) => Math.floor((c.at - start) / 10_000));
    // Window 0: three imports; window 1: the last two imports, then one delete in the slot left.
    expect(at('import')).toEqual([0, 0, 0, 1, 1]);
    expect(at('delete')[0]).toBe(1);
    expect(at('delete')).toHaveLength(5);
  });

  it('re-imports a StorageError device before any trailing delete takes the slot', async () => {
    const { api, submit } = setup({ fake: { outcomes: { 'SN-1': [STORAGE_ERROR, 'complete'] } } });
    const report = await submit(devices(2));
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    expect(api.imports.get('SN-1')).toBe(2);
    expect(api.records.size).toBe(0);
  });
});

describe('submitToGraph: pacing and retries', () => {
  it('sends no request inside a Retry-After window', async () => {
    const { api, submit } = setup({ options: { concurrency: 4 } });
    api.script.import.push({ kind: 'throttled', status: 429, retryAfterMs: 5_000 });
    const report = await submit(devices(4));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    const throttledAt = api.calls.find((c) => c.failure === 'throttled')!.at;
    const inside = api.calls.filter((c) => c.at > throttledAt && c.at < throttledAt + 5_000);
    expect(inside).toEqual([]);
    expect(api.calls.some((c) => c.at >= throttledAt + 5_000)).toBe(true);
  });

  it('backs off exponentially when a 429 has no Retry-After', async () => {
    const { api, submit } = setup({
      options: { retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 } },
    });
    for (let i = 0; i < 3; i++)
      api.script.list.push({ kind: 'throttled', status: 429, retryAfterMs: undefined });
    await submit([device('SN-1')]);
    const lists = api.callsOf('list').map((c) => c.at);
    // random() is 0.5: half of 1 s, 2 s, 4 s.
    expect(lists.slice(1).map((at, i) => at - lists[i]!)).toEqual([500, 1_000, 2_000]);
  });

  it('keeps writes under the budget', async () => {
    const budget: RateBudgetConfig = {
      windows: [{ limit: 3, windowMs: 1_000, counts: 'writes', safetyMs: 0 }],
    };
    const { api, submit } = setup({ options: { budget, concurrency: 10 } });
    const report = await submit(devices(10));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    const times = writes(api.calls);
    expect(times).toHaveLength(20);
    for (let i = 3; i < times.length; i++) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps two runs that share a budget under its limit together', async () => {
    const { api, clock, submit } = setup();
    const budget = new RateBudget(
      { windows: [{ limit: 3, windowMs: 1_000, counts: 'writes', safetyMs: 0 }] },
      clock.now,
    );
    await submit(devices(3), { budget });
    await submit(
      devices(3).map((d) => ({ ...d, serial: `${d.serial}-B` })),
      { budget },
    );
    const times = writes(api.calls);
    expect(times).toHaveLength(12);
    for (let i = 3; i < times.length; i++) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(1_000);
  });

  it('looks for the record before importing again after a 503 with Retry-After', async () => {
    const { api, submit } = setup();
    api.script.import.push({ kind: 'throttled', status: 503, retryAfterMs: 2_000 });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
    expect(api.calls.map((c) => c.call).filter((c) => c !== 'get')).toEqual([
      'list',
      'import',
      'list',
      'import',
      'delete',
    ]);
    const [throttled, relisted] = [api.calls[1]!.at, api.calls[2]!.at];
    expect(relisted - throttled).toBeGreaterThanOrEqual(2_000);
  });

  it('retries a passing server error with backoff', async () => {
    const { api, submit } = setup();
    api.script.get.push({ kind: 'server-error', status: 503, retryable: true });
    api.script.get.push({ kind: 'network', code: 'ECONNRESET', retryable: true });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
  });

  it('fails the device after the last attempt and keeps its record', async () => {
    const { api, submit } = setup({
      options: { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 } },
    });
    for (let i = 0; i < 3; i++) api.script.get.push({ kind: 'server-error', status: 503, retryable: true });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'service-unavailable' },
      recordDeleted: false,
    });
    expect(api.records.size).toBe(1);
  });

  it('does not retry a refused request', async () => {
    const { api, submit } = setup();
    api.script.import.push({ kind: 'refused', status: 400, code: 'BadRequest' });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'refused', status: 400, code: 'BadRequest' },
    });
    expect(api.callsOf('import')).toHaveLength(1);
  });
});

describe('submitToGraph: sign-in and permission', () => {
  it('asks for a new token once when Graph refuses the current one', async () => {
    const { submit, tokenCalls } = setup({
      tokens: ['expired', 'fresh'],
      fake: { acceptsToken: (t) => t === 'fresh' },
      options: { concurrency: 5 },
    });
    const report = await submit(devices(5));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(tokenCalls()).toBe(2);
  });

  it('stops the run when the renewed token is refused too', async () => {
    const { api, submit, tokenCalls } = setup({
      tokens: ['expired', 'still-bad'],
      fake: { acceptsToken: (t) => t === 'good' },
      options: { concurrency: 2 },
    });
    const report = await submit(devices(3));
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices.map((d) => d.state === 'failed' && d.problem.kind)).toEqual([
      'token',
      'token',
      'token',
    ]);
    expect(tokenCalls()).toBe(2);
    expect(api.callsOf('import')).toHaveLength(0);
  });

  it('stops with a token problem when the token source fails', async () => {
    const { submit } = setup({
      options: {
        token: async () => {
          throw new Error('no cached sign-in');
        },
      },
    });
    const report = await submit(devices(2));
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices.every((d) => d.state === 'failed')).toBe(true);
  });

  it('stops the run on 403 and fails every device with the permission problem', async () => {
    const { api, submit } = setup();
    api.script.list.push({ kind: 'forbidden', code: 'Forbidden' });
    const report = await submit(devices(2));
    expect(report.stopped).toEqual({ kind: 'permission' });
    expect(report.devices.map((d) => d.state === 'failed' && d.problem.kind)).toEqual([
      'permission',
      'permission',
    ]);
  });

  it('fails unfinished devices with the token problem when the token expires mid-run', async () => {
    let calls = 0;
    const { submit } = setup({
      tokens: ['first', 'second'],
      fake: { acceptsToken: (t) => t === 'first' && ++calls <= 4 },
      options: { concurrency: 1 },
    });
    const report = await submit(devices(3));
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices[0]?.state).toBe('registered');
    expect(report.devices.slice(1).map((d) => d.state === 'failed' && d.problem.kind)).toEqual([
      'token',
      'token',
    ]);
  });
});

describe('submitToGraph: progress and log', () => {
  it('reports each change of a device in order', async () => {
    const { submit, progress } = setup();
    await submit([device('SN-1')]);
    expect(progress.map(([, p]) => (p.kind === 'processing' ? `processing ${p.status}` : p.kind))).toEqual([
      'queued',
      'importing',
      'processing pending',
      'processing complete',
      'concluded',
      'finished',
    ]);
  });

  it('goes on when the progress callback throws', async () => {
    const { submit } = setup({
      options: {
        onProgress: () => {
          throw new Error('UI gone');
        },
      },
    });
    const [result] = (await submit([device('SN-1')])).devices;
    expect(result?.state).toBe('registered');
  });

  it('writes neither token nor hash to the log', async () => {
    const { submit, log } = setup({ fake: { outcomes: { 'SN-1': [OTHER_TENANT] } } });
    await submit([device('SN-1')]);
    expect(log.length).toBeGreaterThan(0);
    expect(log.join('\n')).not.toContain('token-1');
    expect(log.join('\n')).not.toContain(HASH);
  });
});
