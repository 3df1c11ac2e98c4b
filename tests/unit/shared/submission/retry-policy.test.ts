import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  classifyStatus,
  decideRetry,
  isTransientNetworkError,
  parseRetryAfter,
} from '../../../../shared/submission/retry-policy';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const POLICY = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
  });

  it('reads 0 as no wait', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP-date against the current time', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', NOW)).toBe(30_000);
  });

  it('measures an HTTP-date against the response Date header when there is one', () => {
    // The local clock is 5 minutes fast; the server's own Date keeps the wait at 30 s.
    const fastClock = NOW + 5 * 60_000;
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', fastClock, 'Tue, 24 Nov 2026 10:00:00 GMT')).toBe(
      30_000,
    );
  });

  it('reads a date in the past as no wait', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:59:00 GMT', NOW)).toBe(0);
  });

  it('returns undefined for an absent or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

describe('classifyStatus', () => {
  it('retries 429 and the passing server errors', () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(classifyStatus(status), String(status)).toBe('retry');
  });

  it('calls 401 a token problem, 403 a permission problem and 404 not found', () => {
    expect(classifyStatus(401)).toBe('token');
    expect(classifyStatus(403)).toBe('permission');
    expect(classifyStatus(404)).toBe('not-found');
  });

  it('does not retry 400 or 501', () => {
    expect(classifyStatus(400)).toBe('refused');
    expect(classifyStatus(501)).toBe('refused');
  });
});

describe('isTransientNetworkError', () => {
  it('retries a reset or dropped connection and a timeout', () => {
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'timeout']) {
      expect(isTransientNetworkError(code), code).toBe(true);
    }
  });

  it('does not retry a host name that does not exist or an unknown failure', () => {
    expect(isTransientNetworkError('ENOTFOUND')).toBe(false);
    expect(isTransientNetworkError(undefined)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('waits between 0 and the doubling cap (full jitter)', () => {
    expect(backoffDelay(1, POLICY, () => 0)).toBe(0);
    expect(backoffDelay(1, POLICY, () => 0.999_999)).toBe(99);
    expect(backoffDelay(3, POLICY, () => 0.5)).toBe(200);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(30, POLICY, () => 0.999_999)).toBeLessThan(POLICY.maxDelayMs);
  });

  it('has defaults that keep a retry under a minute', () => {
    expect(backoffDelay(100, DEFAULT_RETRY_POLICY, () => 0.999_999)).toBeLessThan(60_000);
  });
});

describe('decideRetry', () => {
  it('honours the server Retry-After exactly', () => {
    expect(decideRetry(1, 7_000, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 7_000 });
  });

  it('backs off with jitter when there is no Retry-After', () => {
    expect(decideRetry(2, undefined, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 100 });
  });

  it('gives up after the last attempt', () => {
    expect(decideRetry(POLICY.maxAttempts, undefined, POLICY, () => 0.5)).toEqual({ kind: 'give-up' });
  });
});
