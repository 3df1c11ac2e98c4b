/**
 * The submitter against the mock Graph with the stricter behaviours of issue 11 on (tenant-wide 429s at
 * random moments while requests are in flight, answers lost after the record was created, answers that
 * take time, a front end that accepts connections slowly, records finishing by time), with Intune's write
 * limit scaled 10x down: whatever the timing, no request lands in a Retry-After window, no device is
 * imported twice, and every device ends right.
 */
import { describe, expect, it } from 'vitest';
import { RateBudget, scaledLimits } from '../../../shared/submission/rate-budget';
import { COMPLETE, OTHER_TENANT } from '../../fakes/mock-graph';
import { FAST_POLL, devices, submitTo, useMockGraph } from './submission-fixture';

describe('submitting to a stricter mock Graph', () => {
  const mockGraph = useMockGraph();

  it('sends nothing inside Retry-After windows, imports each device once and ends every device right', async () => {
    const list = devices(60);
    const graph = await mockGraph({
      writeLimit: { limit: 100, windowMs: 2_000 },
      processingMs: [50, 150],
      intermediate: ['unknown', 'pending', 'partial'],
      latencyMs: [5, 30],
      acceptDelayMs: 20,
      backlog: 4,
      tenantThrottling: { seed: 3, rate: 0.04, minInFlight: 3, retryAfterSeconds: [1, 1] },
      lostCreates: { seed: 5, rate: 0.15 },
      // A lost create whose record then failed on the service's side must not be posted again.
      outcomes: { 'SN-007': [OTHER_TENANT], 'SN-008': [COMPLETE] },
    });
    const budget = new RateBudget(scaledLimits(2_000), Date.now);
    const report = await submitTo(graph, list, { budget, concurrency: 250 });

    expect(graph.tenantThrottledCount()).toBeGreaterThan(0);
    expect(graph.lostCreateCount()).toBeGreaterThan(0);
    expect(graph.violations()).toEqual([]);
    for (const d of list) expect(graph.importsOf(d.serial), d.serial).toBe(1);
    expect(report.devices.filter((d) => d.state !== 'registered').map((d) => d.serial)).toEqual(['SN-007']);
    expect(graph.liveRecords()).toEqual([]);
    // A handful of requests in flight, never a burst.
    expect(graph.peakInFlight()).toBeLessThanOrEqual(8);
  });

  it('reports a record stuck in `unknown` as still processing at the deadline, and keeps it', async () => {
    const graph = await mockGraph({ stuck: ['SN-001'], intermediate: ['unknown'] });
    const report = await submitTo(graph, devices(2), { poll: { ...FAST_POLL, deadlineMs: 300 } });
    expect(report.devices.map((d) => d.state)).toEqual(['failed', 'registered']);
    expect(report.devices[0]).toMatchObject({ problem: { kind: 'still-processing' }, recordDeleted: false });
    expect(graph.liveRecords()).toMatchObject([{ serialNumber: 'SN-001', status: 'unknown' }]);
  });
});
