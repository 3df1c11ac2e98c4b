import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_SCHEDULE, nextPoll, pollDelay } from '../../../../shared/submission/poll-schedule';

describe('pollDelay', () => {
  it('starts at 2 s and grows by half each time', () => {
    expect([0, 1, 2, 3].map((n) => pollDelay(n, DEFAULT_POLL_SCHEDULE))).toEqual([
      2_000, 3_000, 4_500, 6_750,
    ]);
  });

  it('stops growing at 15 s', () => {
    expect(pollDelay(10, DEFAULT_POLL_SCHEDULE)).toBe(15_000);
    expect(pollDelay(1_000, DEFAULT_POLL_SCHEDULE)).toBe(15_000);
  });

  it('never waits 30 s between looks, as the scripts do', () => {
    for (let n = 0; n < 50; n++) expect(pollDelay(n, DEFAULT_POLL_SCHEDULE)).toBeLessThan(30_000);
  });
});

describe('nextPoll', () => {
  const schedule = { initialDelayMs: 100, factor: 2, maxDelayMs: 1_000, deadlineMs: 1_000 };

  it('waits the schedule delay while the deadline is far', () => {
    expect(nextPoll(1, 0, 0, schedule)).toEqual({ kind: 'wait', delayMs: 200 });
  });

  it('cuts the last wait short so the final look is at the deadline', () => {
    expect(nextPoll(3, 0, 900, schedule)).toEqual({ kind: 'wait', delayMs: 100 });
  });

  it('stops once the deadline has passed', () => {
    expect(nextPoll(0, 0, 1_000, schedule)).toEqual({ kind: 'deadline' });
  });
});
