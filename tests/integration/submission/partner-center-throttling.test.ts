import { describe, expect, it } from 'vitest';
import { TOKEN, devices, submitToMock, useMockPartnerCenter } from './partner-center-fixture';

describe('throttling against the mock Partner Center', () => {
  const mockPartnerCenter = useMockPartnerCenter();

  it('sends no request inside a Retry-After window (delay-seconds) and still ends every device', async () => {
    // 5 requests per second for the mock; the run, one device per upload, needs 13 at once.
    const mock = await mockPartnerCenter({ rateLimit: { limit: 5, windowMs: 1_000 }, looksUntilFinished: 2 });
    const list = devices(4);
    const report = await submitToMock(mock, list, { chunkSize: 1, concurrency: 4 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(mock.throttledCount()).toBeGreaterThan(0);
    expect(mock.violations()).toEqual([]);
    for (const d of list) expect(mock.uploadsOf(d.serial)).toBe(1);
  });

  it('sends no request inside a Retry-After window when the service gives an HTTP-date', async () => {
    const mock = await mockPartnerCenter({
      rateLimit: { limit: 5, windowMs: 1_000 },
      retryAfterFormat: 'http-date',
      looksUntilFinished: 2,
    });
    const report = await submitToMock(mock, devices(3), { chunkSize: 1, concurrency: 3 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(mock.throttledCount()).toBeGreaterThan(0);
    expect(mock.violations()).toEqual([]);
  });

  it('catches a client that ignores Retry-After (the check itself works)', async () => {
    const mock = await mockPartnerCenter({ rateLimit: { limit: 1, windowMs: 2_000 } });
    const get = () =>
      fetch(`${mock.url}/v1/customers?size=10`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((r) =>
        r.text(),
      );
    await get();
    for (let i = 0; i < 6; i++) await get();
    expect(mock.windowArrivals).toHaveLength(5);
    expect(mock.violations().length).toBeGreaterThan(0);
  });

  it('returns within a second when its signal is aborted during a long Retry-After, and timers still fire on time', async () => {
    // One request per minute: the second is answered 429 with Retry-After: 60.
    const mock = await mockPartnerCenter({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const controller = new AbortController();
    const run = submitToMock(mock, devices(2), { chunkSize: 1, concurrency: 2, signal: controller.signal });
    for (const started = Date.now(); mock.throttledCount() === 0;) {
      if (Date.now() - started > 5_000) throw new Error('never throttled');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const stoppedAt = Date.now();
    controller.abort();
    const set = Date.now();
    const probe = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - set), 100));
    const report = await run;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(await probe).toBeLessThan(400);
    expect(report.interrupted).toBe(true);
    expect(report.devices.every((d) => d.state === 'interrupted')).toBe(true);
    expect(mock.violations()).toEqual([]);
  });
});
