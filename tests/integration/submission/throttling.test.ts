import { describe, expect, it } from 'vitest';
import { TOKEN, devices, submitTo, useMockGraph } from './submission-fixture';

describe('throttling against the mock Graph', () => {
  const mockGraph = useMockGraph();

  it('sends no request inside a Retry-After window when the service throttles (delay-seconds)', async () => {
    // The mock allows 4 writes per second; the budget believes Intune's 100 per 20 s, so it is throttled.
    const graph = await mockGraph({ writeLimit: { limit: 4, windowMs: 1_000 } });
    const report = await submitTo(graph, devices(4), { concurrency: 4 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(graph.throttledCount()).toBeGreaterThan(0);
    expect(graph.violations()).toEqual([]);
  });

  it('sends no request inside a Retry-After window when the service gives an HTTP-date', async () => {
    const graph = await mockGraph({
      writeLimit: { limit: 4, windowMs: 1_000 },
      retryAfterFormat: 'http-date',
    });
    const report = await submitTo(graph, devices(3), { concurrency: 3 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(graph.throttledCount()).toBeGreaterThan(0);
    expect(graph.violations()).toEqual([]);
  });

  it('catches a client that ignores Retry-After (the check itself works)', async () => {
    const graph = await mockGraph({ writeLimit: { limit: 1, windowMs: 2_000 } });
    const post = () =>
      fetch(`${graph.url}/v1.0/deviceManagement/windowsAutopilotSettings/sync`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
      }).then((r) => r.text());
    await post();
    // The window begins at the first 429; the client goes on regardless. Its pool may spread the first few
    // over connections not yet told, but a connection that carried a 429 is soon used again.
    for (let i = 0; i < 6; i++) await post();
    expect(graph.violations().length).toBeGreaterThan(0);
    expect(graph.windowArrivals).toHaveLength(5);
  });
});
