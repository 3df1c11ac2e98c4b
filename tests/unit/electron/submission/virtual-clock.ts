/**
 * Virtual time for the submitter: `sleep` registers a timer, and `run` advances the clock to the next timer
 * only when every promise chain has settled, so waits of minutes take no real time and every timing is exact.
 * Only for code that waits on nothing but this clock and promises (the fake Graph API below).
 */
import type { Clock } from '../../../../electron/submission/graph-submitter';

export interface VirtualClock extends Clock {
  /** Settles `work`, advancing virtual time as its sleeps require. */
  run<T>(work: Promise<T>): Promise<T>;
}

export function virtualClock(start = 0): VirtualClock {
  let now = start;
  let sequence = 0;
  const timers: { at: number; order: number; resolve: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + Math.max(0, ms), order: sequence++, resolve });
      }),
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const watched = work.finally(() => {
        done = true;
      });
      watched.catch(() => undefined);
      for (let idle = 0; !done;) {
        await settle();
        if (done) break;
        if (timers.length === 0) {
          if (++idle > 100) throw new Error('virtual clock: the work waits on something that is not a timer');
          continue;
        }
        idle = 0;
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
      return watched;
    },
  };
}
