import { describe, expect, it } from 'vitest';
import type { GraphResult, RegisteredDevice, SyncResult } from '../../../../electron/submission/graph-client';
import type { GraphSyncApi, SyncDevice, SyncProgress } from '../../../../electron/submission/graph-sync';
import { SYNC_WAIT_SCHEDULE, syncAndWait } from '../../../../electron/submission/graph-sync';
import { virtualClock } from './virtual-clock';

const TAG = 'Microsoft365Managed_Autopilot';
const device = (serial: string, registrationId: string | undefined = `reg-${serial}`): SyncDevice => ({
  serial,
  registrationId,
  groupTag: TAG,
});

interface FakeOptions {
  readonly sync?: readonly GraphResult<SyncResult>[];
  /** Per registration id: the answers of its looks in turn (the last repeats). */
  readonly looks?: Readonly<Record<string, readonly GraphResult<RegisteredDevice>[]>>;
}

function fakeApi(options: FakeOptions, now: () => number) {
  const calls: { readonly what: string; readonly at: number }[] = [];
  let syncs = 0;
  const lookCounts = new Map<string, number>();
  const api: GraphSyncApi = {
    syncAutopilot: () => {
      calls.push({ what: 'sync', at: now() });
      const answers = options.sync ?? [{ ok: true, value: { kind: 'started' } }];
      return Promise.resolve(answers[Math.min(syncs++, answers.length - 1)]!);
    },
    getRegistered: (_token, id) => {
      calls.push({ what: `get ${id}`, at: now() });
      const answers = options.looks?.[id] ?? [notFound];
      const n = lookCounts.get(id) ?? 0;
      lookCounts.set(id, n + 1);
      return Promise.resolve(answers[Math.min(n, answers.length - 1)]!);
    },
  };
  return { api, calls };
}

const notFound: GraphResult<RegisteredDevice> = { ok: false, failure: { kind: 'not-found' } };
const listed = (id: string, groupTag: string): GraphResult<RegisteredDevice> => ({
  ok: true,
  value: { id, serialNumber: id.replace('reg-', ''), groupTag },
});

async function run(devices: readonly SyncDevice[], fake: FakeOptions, wait = true) {
  const clock = virtualClock(1_000);
  const { api, calls } = fakeApi(fake, clock.now);
  const progress: SyncProgress[] = [];
  const report = await clock.run(
    syncAndWait(devices, {
      client: api,
      token: async () => 'token',
      wait,
      clock,
      random: () => 0.5,
      onProgress: (p) => progress.push(p),
    }),
  );
  return { report, calls, progress, end: clock.now() };
}

describe('syncAndWait', () => {
  it('asks for no sync when the run registered no device', async () => {
    const { report, calls } = await run([], {});
    expect(report).toEqual({ trigger: undefined, devices: [] });
    expect(calls).toEqual([]);
  });

  it('triggers the sync once and reports it started (204)', async () => {
    const { report, calls } = await run([device('A')], {}, false);
    expect(report.trigger).toEqual({ kind: 'started' });
    expect(calls.map((c) => c.what)).toEqual(['sync']);
  });

  it('takes a sync already running (409) as fine and does not ask again', async () => {
    const { report, calls } = await run(
      [device('A')],
      { sync: [{ ok: true, value: { kind: 'already-running' } }] },
      false,
    );
    expect(report.trigger).toEqual({ kind: 'already-running' });
    expect(calls.filter((c) => c.what === 'sync')).toHaveLength(1);
  });

  it('takes a sync within 10 minutes of the last (429) as fine and does not retry it', async () => {
    const { report, calls } = await run(
      [device('A')],
      { sync: [{ ok: true, value: { kind: 'too-soon', retryAfterMs: 600_000 } }] },
      false,
    );
    expect(report.trigger).toEqual({ kind: 'too-soon', retryAfterMs: 600_000 });
    expect(calls.filter((c) => c.what === 'sync')).toHaveLength(1);
  });

  it('tries the sync again after a passing fault, and reports a refusal as failed', async () => {
    const retried = await run(
      [device('A')],
      {
        sync: [
          { ok: false, failure: { kind: 'server-error', status: 503, retryable: true } },
          { ok: true, value: { kind: 'started' } },
        ],
      },
      false,
    );
    expect(retried.report.trigger).toEqual({ kind: 'started' });
    const refused = await run(
      [device('A')],
      { sync: [{ ok: false, failure: { kind: 'forbidden', code: undefined } }] },
      false,
    );
    expect(refused.report.trigger).toEqual({
      kind: 'failed',
      failure: { kind: 'forbidden', code: undefined },
    });
    expect(refused.calls).toHaveLength(1);
  });

  it('ends the wait when every device is listed with the tag it was sent with', async () => {
    const { report, calls, progress } = await run([device('A'), device('B')], {
      looks: {
        'reg-A': [notFound, listed('reg-A', ''), listed('reg-A', TAG)],
        'reg-B': [listed('reg-B', TAG)],
      },
    });
    expect(report.devices).toEqual([
      { serial: 'A', state: 'shown', groupTag: TAG },
      { serial: 'B', state: 'shown', groupTag: TAG },
    ]);
    // B is not asked again once it showed; A is asked until its tag is the right one.
    expect(calls.filter((c) => c.what === 'get reg-B')).toHaveLength(1);
    expect(calls.filter((c) => c.what === 'get reg-A')).toHaveLength(3);
    expect(progress.filter((p) => p.kind === 'device')).toHaveLength(2);
  });

  it('polls adaptively: the gaps between looks grow and none is a fixed 30 s', async () => {
    const { calls } = await run([device('A')], { looks: { 'reg-A': [notFound] } });
    const times = calls.filter((c) => c.what === 'get reg-A').map((c) => c.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeLessThan(gaps[3]!);
    expect(times[0]! - calls[0]!.at).toBe(SYNC_WAIT_SCHEDULE.initialDelayMs);
  });

  it('gives up at the deadline with a definite result when the device never shows (no hang)', async () => {
    const { report, end, progress } = await run([device('A'), device('B')], {
      looks: { 'reg-A': [notFound], 'reg-B': [listed('reg-B', 'Other')] },
    });
    expect(report.devices).toEqual([
      { serial: 'A', state: 'not-shown' },
      { serial: 'B', state: 'other-tag', groupTag: 'Other' },
    ]);
    expect(end - 1_000).toBeLessThanOrEqual(SYNC_WAIT_SCHEDULE.deadlineMs + 1_000);
    expect(progress.at(-1)).toEqual({
      kind: 'device',
      result: { serial: 'B', state: 'other-tag', groupTag: 'Other' },
    });
  });

  it('does not look for a device without a registration id, and honours Retry-After while waiting', async () => {
    const { report, calls } = await run(
      [{ serial: 'A', registrationId: undefined, groupTag: TAG }, device('B')],
      {
        looks: {
          'reg-B': [
            { ok: false, failure: { kind: 'throttled', status: 429, retryAfterMs: 60_000 } },
            listed('reg-B', TAG),
          ],
        },
      },
    );
    expect(report.devices).toEqual([
      { serial: 'A', state: 'not-checked' },
      { serial: 'B', state: 'shown', groupTag: TAG },
    ]);
    const looks = calls.filter((c) => c.what === 'get reg-B');
    expect(looks[1]!.at - looks[0]!.at).toBeGreaterThanOrEqual(60_000);
  });
});
