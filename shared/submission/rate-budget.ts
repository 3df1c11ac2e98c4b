/**
 * A request budget that keeps a submission under Intune's documented limits instead of finding them by
 * being throttled (BRIEF §6; Graph's "Intune enrollment service limits", which cover
 * importedWindowsAutopilotDeviceIdentities): writes (POST, PUT, PATCH, DELETE) 100 per 20 s per app per
 * tenant and 200 per 20 s per tenant for all apps; requests of any kind 1,000 and 2,000. Each limit is a
 * sliding window: at most `limit` requests it counts in any `windowMs` stretch, which also keeps every fixed
 * window of that length under the limit, whichever way the service counts.
 *
 * A `Retry-After` from the server blocks the whole budget until it has passed: throttling applies to the
 * app, not to the one request that was told, so no request of this run may go inside that window.
 *
 * Requests in flight are capped too (`inFlight`): a burst of dozens of requests leaving in one tick reaches
 * a slow server spread out over hundreds of milliseconds, each on a new connection, and the late ones land
 * after a 429 that another request received meanwhile, i.e. inside its Retry-After window. With a few
 * requests in flight, each one is sent right after the budget said go (the Retry-After block is checked at
 * that moment), on a connection kept alive from before. A write may also be of `low` priority (the deletion
 * of a finished import record): it goes only while no normal write is waiting, so clean-up spends only the
 * write slots the imports do not need.
 *
 * Pure, with the clock passed in. reserve() checks and records in one synchronous step, so concurrent
 * callers on one event loop cannot both take the last slot. `released()` is the one promise: it settles when
 * a request in flight finishes, for callers told `busy`.
 */

/** What a request counts against. */
export type RequestKind = 'read' | 'write';

export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** `writes`: only writes count; `all`: every request counts. */
  readonly counts: 'writes' | 'all';
  /**
   * Added to the window when spacing requests, for clocks that do not run at exactly the same rate here and
   * at the service. Network delays need no margin: windows are counted from when a request finished.
   */
  readonly safetyMs: number;
}

export interface RateBudgetConfig {
  readonly windows: readonly RateWindow[];
  /** At most this many requests (`all`) and writes (`writes`) in flight at once. Default: no cap. */
  readonly inFlight?: { readonly all: number; readonly writes: number };
}

/**
 * The in-flight caps used against Graph: a handful of writes (the issue's measurements: 50 at once arrived
 * inside other requests' Retry-After windows), and no more requests in all than the client keeps
 * connections open (electron/submission/service-http.ts `KEPT_ALIVE_CONNECTIONS`), so none waits in the
 * HTTP client's own queue after the budget let it go.
 */
export const GRAPH_IN_FLIGHT = Object.freeze({ all: 8, writes: 4 });

/** A window with the default safety margin: 1% of its length, which is 200 ms for Intune's 20 s. */
export function rateWindow(limit: number, windowMs: number, counts: RateWindow['counts']): RateWindow {
  return Object.freeze({ limit, windowMs, counts, safetyMs: Math.ceil(windowMs * 0.01) });
}

/**
 * Intune's documented limits. The per-tenant windows only bind when other apps' traffic is known to share the
 * tenant and the budget is scaled down for them; this app alone is held by the per-app ones.
 */
export const INTUNE_ENROLLMENT_LIMITS: RateBudgetConfig = Object.freeze({
  windows: Object.freeze([
    rateWindow(100, 20_000, 'writes'),
    rateWindow(200, 20_000, 'writes'),
    rateWindow(1_000, 20_000, 'all'),
    rateWindow(2_000, 20_000, 'all'),
  ]),
  inFlight: GRAPH_IN_FLIGHT,
});

/**
 * The same shape with every window scaled to `windowMs` (the bench and tests run Intune's limits 10x
 * faster: 100 writes per 2 s).
 */
export function scaledLimits(windowMs: number, safetyMs?: number): RateBudgetConfig {
  return {
    inFlight: GRAPH_IN_FLIGHT,
    windows: INTUNE_ENROLLMENT_LIMITS.windows.map((w) => ({
      ...rateWindow(w.limit, windowMs, w.counts),
      ...(safetyMs === undefined ? {} : { safetyMs }),
    })),
  };
}

/**
 * The answer to reserve(): either go now (and call `done` when the answer has arrived, or the request
 * failed), or ask again after `ms`.
 */
export type Reservation =
  | { readonly kind: 'go'; readonly done: (outcome?: SlotOutcome) => void }
  | { readonly kind: 'wait'; readonly ms: number }
  /** Too many requests in flight (or, for a low-priority write, a normal write waiting): ask again after released(). */
  | { readonly kind: 'busy' };

/**
 * How a request that held a slot ended: `answered` (or failed on the way) counts in its windows; `refused`
 * (a 429) does not. Assumption: Graph's throttling guidance does not say whether a throttled request counts
 * against the limit; a 429 is refused before any work, so it is not counted. Were it counted, the cost is a
 * further 429 and its Retry-After, honoured like any; counting it when the service does not would cost a
 * whole extra 20 s window at the end of a large run.
 */
export type SlotOutcome = 'answered' | 'refused';

/** `low`: a write that yields to every normal write waiting (clean-up after the devices are final). */
export type RequestPriority = 'normal' | 'low';

/** Per window: completion times of finished requests (ascending, since the clock does not go back) and how many are in flight. */
interface WindowState {
  readonly done: number[];
  pending: number;
}

export class RateBudget {
  private readonly state: WindowState[];
  private blockedUntilMs = Number.NEGATIVE_INFINITY;
  private inFlightAll = 0;
  private inFlightWrites = 0;
  private normalWritesWaiting = 0;
  private release: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    private readonly config: RateBudgetConfig,
    private readonly now: () => number,
  ) {
    for (const w of config.windows) {
      if (!(w.limit >= 1) || !(w.windowMs > 0) || !(w.safetyMs >= 0)) {
        throw new RangeError(`invalid rate window: ${JSON.stringify(w)}`);
      }
    }
    const cap = config.inFlight;
    if (cap !== undefined && !(cap.all >= 1 && cap.writes >= 1)) {
      throw new RangeError(`invalid in-flight cap: ${JSON.stringify(cap)}`);
    }
    this.state = config.windows.map(() => ({ done: [], pending: 0 }));
  }

  /**
   * Takes a slot for one request of `kind` if it may go now; otherwise takes nothing and says how long to
   * wait before asking again. Callers ask again after waiting rather than holding a slot for later, so a
   * Retry-After that arrives meanwhile stops them too.
   *
   * A request holds its slot while it is in flight and its window is counted from when it finished (`done`),
   * not from when it was sent: the service saw it somewhere in between, so counting from the end keeps the
   * requests the service sees in any window under the limit whatever the network's delays. (Counting from the
   * send alone is not enough: a burst over new connections reaches the service spread out by hundreds of
   * milliseconds, and the service then sees more than the limit in a window.)
   */
  reserve(kind: RequestKind, priority: RequestPriority = 'normal'): Reservation {
    const wait = this.waitFor(kind);
    if (wait > 0) return { kind: 'wait', ms: wait };
    if (this.atCap(kind) || (kind === 'write' && priority === 'low' && this.normalWritesWaiting > 0)) {
      return { kind: 'busy' };
    }
    const taken = this.config.windows.map((w, i) => (counts(w, kind) ? this.state[i]! : undefined));
    for (const s of taken) if (s) s.pending++;
    this.inFlightAll++;
    if (kind === 'write') this.inFlightWrites++;
    let finished = false;
    return {
      kind: 'go',
      done: (outcome = 'answered') => {
        if (finished) return;
        finished = true;
        const at = this.now();
        for (const s of taken) {
          if (!s) continue;
          s.pending--;
          if (outcome === 'answered') s.done.push(at);
        }
        this.inFlightAll--;
        if (kind === 'write') this.inFlightWrites--;
        this.wake();
      },
    };
  }

  /**
   * Marks a normal write as waiting for its turn (low-priority writes yield to it) until the returned
   * function is called.
   */
  waiting(kind: RequestKind, priority: RequestPriority = 'normal'): () => void {
    if (kind !== 'write' || priority !== 'normal') return () => undefined;
    this.normalWritesWaiting++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.normalWritesWaiting--;
      if (this.normalWritesWaiting === 0) this.wake();
    };
  }

  /** Settles when a request in flight finishes (or the last normal write stops waiting). */
  released(): Promise<void> {
    if (this.release === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.release = { promise, resolve };
    }
    return this.release.promise;
  }

  /** Requests in flight now: all, and writes. */
  inFlight(): { readonly all: number; readonly writes: number } {
    return { all: this.inFlightAll, writes: this.inFlightWrites };
  }

  private atCap(kind: RequestKind): boolean {
    const cap = this.config.inFlight;
    if (cap === undefined) return false;
    return this.inFlightAll >= cap.all || (kind === 'write' && this.inFlightWrites >= cap.writes);
  }

  private wake(): void {
    const release = this.release;
    this.release = undefined;
    release?.resolve();
  }

  /** How long a request of `kind` would wait now, without taking a slot. */
  waitFor(kind: RequestKind): number {
    const now = this.now();
    let at = Math.max(now, this.blockedUntilMs);
    this.config.windows.forEach((w, i) => {
      if (!counts(w, kind)) return;
      const s = this.state[i]!;
      const span = w.windowMs + w.safetyMs;
      // Forget what can no longer matter: requests that finished more than a span ago.
      let drop = 0;
      while (drop < s.done.length && s.done[drop]! <= now - span) drop++;
      if (drop > 0) s.done.splice(0, drop);
      const held = s.pending + s.done.length;
      if (held < w.limit) return;
      // The request may go once the limit-th most recent request has been out of the window for a span.
      // Requests in flight are the most recent; when they alone fill the limit, the earliest possible time
      // is a span from now (they finish now at the earliest), and the caller asks again then.
      const rank = w.limit - s.pending;
      const reference = rank <= 0 ? now : s.done[s.done.length - rank]!;
      at = Math.max(at, reference + span);
    });
    return Math.max(0, Math.ceil(at - now));
  }

  /** Nothing goes before `untilMs` (a time from the same clock), whatever the windows allow. */
  block(untilMs: number): void {
    if (untilMs > this.blockedUntilMs) this.blockedUntilMs = untilMs;
  }

  /** The end of the current Retry-After block, or -Infinity when there is none. */
  blockedUntil(): number {
    return this.blockedUntilMs;
  }
}

function counts(window: RateWindow, kind: RequestKind): boolean {
  return window.counts === 'all' || kind === 'write';
}
