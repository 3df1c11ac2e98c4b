/**
 * How often to ask Graph whether an import has finished. Imports usually finish within a minute or two, so
 * the first look comes early (2 s) and the gaps grow by half each time up to 15 s: quick answers are seen
 * quickly, and a slow import costs few requests. The scripts technicians use today poll every 30 s and never
 * give up; here a deadline ends the wait and the device is reported as still processing, its import record
 * kept so the next run picks it up instead of importing again.
 *
 * Pure.
 */

export interface PollSchedule {
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  /** From the import (or the reuse of an existing record) to giving up on this run. */
  readonly deadlineMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = Object.freeze({
  initialDelayMs: 2_000,
  factor: 1.5,
  maxDelayMs: 15_000,
  deadlineMs: 15 * 60_000,
});

/** The wait before look number `poll` (0 for the first look after the import). */
export function pollDelay(poll: number, schedule: PollSchedule): number {
  const grown = schedule.initialDelayMs * schedule.factor ** Math.max(0, poll);
  return Math.round(Math.min(schedule.maxDelayMs, grown));
}

export type PollStep =
  | { readonly kind: 'wait'; readonly delayMs: number }
  /** The deadline has passed: stop polling. */
  | { readonly kind: 'deadline' };

/**
 * What to do before look number `poll`, for an import that started at `startedAtMs`. The last wait is cut
 * short so the final look happens at the deadline rather than after it.
 */
export function nextPoll(poll: number, startedAtMs: number, nowMs: number, schedule: PollSchedule): PollStep {
  const remaining = startedAtMs + schedule.deadlineMs - nowMs;
  if (remaining <= 0) return { kind: 'deadline' };
  return { kind: 'wait', delayMs: Math.min(pollDelay(poll, schedule), remaining) };
}
