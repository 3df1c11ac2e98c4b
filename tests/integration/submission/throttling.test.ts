import http from 'node:http';
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
      fetch(`${graph.url}/beta/deviceManagement/windowsAutopilotSettings/sync`, {
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

  it('counts a write on a fresh connection inside the window as a violation (Retry-After is per app)', async () => {
    const graph = await mockGraph({ writeLimit: { limit: 1, windowMs: 5_000 } });
    // Each write on its own connection, so no connection ever carries two requests.
    const postOnNewConnection = () =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${graph.url}/beta/deviceManagement/windowsAutopilotSettings/sync`);
        const req = http.request(
          url,
          { method: 'POST', agent: false, headers: { Authorization: `Bearer ${TOKEN}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await postOnNewConnection()).toBe(204);
    expect(await postOnNewConnection()).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await postOnNewConnection()).toBe(429);
    expect(graph.windowArrivals).toHaveLength(1);
    expect(graph.violations()).toHaveLength(1);
  });
});
