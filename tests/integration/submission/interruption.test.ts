import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/submission/graph-submitter';
import { devices, submitTo, useMockGraph } from './submission-fixture';

/** Like the app's stopped run: once stopped, every sleep resolves at once (electron/api RunGate). */
function stoppableClock(): Clock & { stop(): void } {
  let stopped = false;
  const wakers = new Set<() => void>();
  return {
    now: () => Date.now(),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, ms));
        wakers.add(wake);
      }),
    stop() {
      stopped = true;
      for (const wake of wakers) wake();
      wakers.clear();
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 5_000) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** When a timer set now for `ms` fired, in ms after it was set. */
function timerProbe(ms: number): Promise<number> {
  const set = Date.now();
  return new Promise((resolve) => setTimeout(() => resolve(Date.now() - set), ms));
}

describe('stopping a run blocked on a long Retry-After', () => {
  const mockGraph = useMockGraph();

  it('returns within a second when its signal is aborted, and timers set meanwhile fire on time', async () => {
    // One write per minute: the second import is answered 429 with Retry-After: 60.
    const graph = await mockGraph({ writeLimit: { limit: 1, windowMs: 60_000 } });
    const controller = new AbortController();
    const run = submitTo(graph, devices(3), { concurrency: 3, signal: controller.signal });
    await until(() => graph.throttledCount() > 0);
    const stoppedAt = Date.now();
    controller.abort();
    const probe = timerProbe(100);
    const report = await run;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(await probe).toBeLessThan(400);
    expect(report.interrupted).toBe(true);
    expect(report.stopped).toBeUndefined();
    // Not final, so a job stays resumable (a device may have registered before the stop).
    expect(report.devices.every((d) => d.state === 'interrupted' || d.state === 'registered')).toBe(true);
    expect(report.devices.some((d) => d.state === 'interrupted')).toBe(true);
    expect(graph.violations()).toEqual([]);
  });

  it('returns within a second when its clock stops waiting, instead of spinning until the wait ends', async () => {
    const graph = await mockGraph({ writeLimit: { limit: 1, windowMs: 60_000 } });
    const clock = stoppableClock();
    const run = submitTo(graph, devices(3), { concurrency: 3, clock });
    await until(() => graph.throttledCount() > 0);
    const stoppedAt = Date.now();
    clock.stop();
    const probe = timerProbe(100);
    const report = await run;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(await probe).toBeLessThan(400);
    expect(report.interrupted).toBe(true);
    expect(report.devices.some((d) => d.state === 'interrupted')).toBe(true);
    expect(report.devices.some((d) => d.state === 'failed')).toBe(false);
  });
});
