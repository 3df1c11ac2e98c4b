import { describe, expect, it } from 'vitest';
import { RateBudget, scaledLimits } from '../../../shared/submission/rate-budget';
import { devices, submitTo, useMockGraph } from './submission-fixture';

describe('the write budget against the mock Graph', () => {
  const mockGraph = useMockGraph();

  it('stays under the write limit it was given, so the service never has to throttle', async () => {
    // Intune's shape at 1/20 of the window (100 writes per second), mock and budget alike, no safety margin:
    // the budget counts each window from when the answer arrived, so network delays cannot squeeze it.
    const graph = await mockGraph({ writeLimit: { limit: 100, windowMs: 1_000 } });
    const budget = scaledLimits(1_000, 0);
    const report = await submitTo(graph, devices(80), { budget, concurrency: 80 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(graph.throttledCount()).toBe(0);
    const writes = graph.requests.filter((r) => r.method !== 'GET').map((r) => r.at);
    expect(writes).toHaveLength(160);
    for (let i = 100; i < writes.length; i++)
      expect(writes[i]! - writes[i - 100]!).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps back-to-back runs that share a budget under the limit together', async () => {
    const graph = await mockGraph({ writeLimit: { limit: 100, windowMs: 1_000 } });
    const budget = new RateBudget(scaledLimits(1_000, 0), Date.now);
    const first = await submitTo(graph, devices(60, 'A'), { budget, concurrency: 60 });
    const second = await submitTo(graph, devices(60, 'B'), { budget, concurrency: 60 });
    expect([...first.devices, ...second.devices].every((d) => d.state === 'registered')).toBe(true);
    expect(graph.throttledCount()).toBe(0);
  });
});
