import { describe, expect, it } from 'vitest';
import type { RateBudgetConfig, RequestKind } from '../../../../shared/submission/rate-budget';
import {
  INTUNE_ENROLLMENT_LIMITS,
  RateBudget,
  rateWindow,
  scaledLimits,
} from '../../../../shared/submission/rate-budget';

function budget(config: RateBudgetConfig) {
  let now = 0;
  const b = new RateBudget(config, () => now);
  return {
    b,
    at: (ms: number) => {
      now = ms;
    },
    /** Sends a request that is answered at once; returns 0, or the wait when it may not go. */
    send: (kind: RequestKind): number => {
      const r = b.reserve(kind);
      if (r.kind === 'wait') return r.ms;
      if (r.kind === 'busy') return Number.POSITIVE_INFINITY;
      r.done();
      return 0;
    },
  };
}

const THREE_PER_SECOND: RateBudgetConfig = {
  windows: [{ limit: 3, windowMs: 1_000, counts: 'writes', safetyMs: 0 }],
};

describe('RateBudget', () => {
  it('lets writes go at once up to the limit', () => {
    const { send } = budget(THREE_PER_SECOND);
    expect([send('write'), send('write'), send('write')]).toEqual([0, 0, 0]);
  });

  it('says how long the write over the limit must wait, and takes no slot for it', () => {
    const { send, at } = budget(THREE_PER_SECOND);
    at(0);
    send('write');
    at(200);
    send('write');
    send('write');
    at(300);
    expect(send('write')).toBe(700);
    expect(send('write')).toBe(700);
    at(1_000);
    expect(send('write')).toBe(0);
  });

  it('keeps every window of the given length under the limit', () => {
    const { send, at } = budget(THREE_PER_SECOND);
    const sent: number[] = [];
    let now = 0;
    while (sent.length < 30) {
      at(now);
      const wait = send('write');
      if (wait === 0) sent.push(now);
      else now += wait;
    }
    for (let i = 3; i < sent.length; i++) expect(sent[i]! - sent[i - 3]!).toBeGreaterThanOrEqual(1_000);
  });

  it('holds the slot of a request in flight and counts its window from when it finished', () => {
    const { b, at } = budget({ windows: [{ limit: 1, windowMs: 1_000, counts: 'writes', safetyMs: 0 }] });
    const first = b.reserve('write');
    if (first.kind !== 'go') throw new Error('expected go');
    at(5_000);
    // Still in flight: at least a window from now.
    expect(b.reserve('write')).toEqual({ kind: 'wait', ms: 1_000 });
    first.done();
    at(5_400);
    expect(b.reserve('write')).toEqual({ kind: 'wait', ms: 600 });
    at(6_000);
    expect(b.reserve('write').kind).toBe('go');
  });

  it('counts a finished request once, however often done is called', () => {
    const { b, at } = budget({ windows: [{ limit: 2, windowMs: 1_000, counts: 'writes', safetyMs: 0 }] });
    const first = b.reserve('write');
    if (first.kind !== 'go') throw new Error('expected go');
    first.done();
    first.done();
    at(10);
    expect(b.reserve('write').kind).toBe('go');
  });

  it('adds the safety margin to the window', () => {
    const { send, at } = budget({ windows: [{ limit: 1, windowMs: 1_000, counts: 'writes', safetyMs: 50 }] });
    send('write');
    at(1_000);
    expect(send('write')).toBe(50);
  });

  it('does not count reads against a write window', () => {
    const { send } = budget(THREE_PER_SECOND);
    for (let i = 0; i < 10; i++) expect(send('read')).toBe(0);
    expect(send('write')).toBe(0);
  });

  it('counts writes against a window of all requests', () => {
    const { send } = budget({ windows: [{ limit: 2, windowMs: 1_000, counts: 'all', safetyMs: 0 }] });
    send('write');
    send('read');
    expect(send('read')).toBe(1_000);
  });

  it('blocks every request until a Retry-After has passed', () => {
    const { b, send, at } = budget(THREE_PER_SECOND);
    b.block(5_000);
    at(1_000);
    expect(send('read')).toBe(4_000);
    expect(send('write')).toBe(4_000);
    at(5_000);
    expect(send('write')).toBe(0);
  });

  it('keeps the later of two Retry-After blocks', () => {
    const { b } = budget(THREE_PER_SECOND);
    b.block(5_000);
    b.block(2_000);
    expect(b.blockedUntil()).toBe(5_000);
  });

  it('reports the wait without taking a slot', () => {
    const { b, send } = budget({ windows: [{ limit: 1, windowMs: 1_000, counts: 'writes', safetyMs: 0 }] });
    expect(b.waitFor('write')).toBe(0);
    expect(send('write')).toBe(0);
    expect(b.waitFor('write')).toBe(1_000);
  });

  it('holds Intune documented limits by default: 100 writes per 20 s and 1,000 requests', () => {
    const { send, at } = budget(INTUNE_ENROLLMENT_LIMITS);
    for (let i = 0; i < 100; i++) expect(send('write')).toBe(0);
    expect(send('write')).toBe(20_200);
    for (let i = 0; i < 900; i++) expect(send('read')).toBe(0);
    expect(send('read')).toBe(20_200);
    at(20_200);
    expect(send('write')).toBe(0);
  });

  it('scales the documented limits to a shorter window for the bench', () => {
    const scaled = scaledLimits(2_000, 0);
    expect(scaled.windows.map((w) => [w.limit, w.windowMs, w.counts, w.safetyMs])).toContainEqual([
      100,
      2_000,
      'writes',
      0,
    ]);
  });

  it('refuses a window that cannot be kept', () => {
    expect(() => new RateBudget({ windows: [rateWindow(0, 1_000, 'all')] }, () => 0)).toThrow(RangeError);
  });
});

describe('RateBudget: requests in flight and priority', () => {
  const CAPPED: RateBudgetConfig = {
    windows: [{ limit: 100, windowMs: 1_000, counts: 'writes', safetyMs: 0 }],
    inFlight: { all: 3, writes: 2 },
  };

  it('says busy once the writes in flight reach their cap, and lets reads go up to the cap of all', () => {
    const b = new RateBudget(CAPPED, () => 0);
    const first = b.reserve('write');
    const second = b.reserve('write');
    expect([first.kind, second.kind]).toEqual(['go', 'go']);
    expect(b.reserve('write')).toEqual({ kind: 'busy' });
    const read = b.reserve('read');
    expect(read.kind).toBe('go');
    expect(b.reserve('read')).toEqual({ kind: 'busy' });
    expect(b.inFlight()).toEqual({ all: 3, writes: 2 });
  });

  it('settles released() when a request in flight finishes, and then lets the next one go', async () => {
    const b = new RateBudget(CAPPED, () => 0);
    const first = b.reserve('write');
    b.reserve('write');
    let woke = false;
    const waiting = b.released().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    if (first.kind === 'go') first.done();
    await waiting;
    expect(woke).toBe(true);
    expect(b.reserve('write').kind).toBe('go');
  });

  it('holds a low-priority write while a normal write waits, and lets it go once none does', () => {
    const b = new RateBudget(CAPPED, () => 0);
    const stop = b.waiting('write');
    expect(b.reserve('write', 'low')).toEqual({ kind: 'busy' });
    expect(b.reserve('write').kind).toBe('go');
    stop();
    expect(b.reserve('write', 'low').kind).toBe('go');
  });

  it('caps Intune writes in flight at a handful', () => {
    expect(INTUNE_ENROLLMENT_LIMITS.inFlight).toEqual({ all: 8, writes: 4 });
  });
});

describe('RateBudget: refused requests', () => {
  it('gives the slot of a request refused with 429 back to its windows', () => {
    let now = 0;
    const b = new RateBudget(THREE_PER_SECOND, () => now);
    for (let i = 0; i < 3; i++) {
      const r = b.reserve('write');
      if (r.kind === 'go') r.done(i === 0 ? 'refused' : 'answered');
    }
    // Two counted: one more may go in this window; then the window is full.
    expect(b.reserve('write').kind).toBe('go');
    now = 1;
    expect(b.reserve('write').kind).toBe('wait');
  });
});
