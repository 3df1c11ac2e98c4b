/**
 * One logical request to Graph or Partner Center, as both submitters send it: waits for the budget (and any
 * Retry-After), renews the token once on a 401, stops the run on a token renewed in vain or a 403, and
 * retries passing faults with jittered backoff, a bounded number of times.
 */
import type {
  RateBudget,
  RequestKind,
  RequestPriority,
  SlotOutcome,
} from '../../shared/submission/rate-budget';
import type { RetryPolicy } from '../../shared/submission/retry-policy';
import { backoffDelay, decideRetry } from '../../shared/submission/retry-policy';
import type { SubmissionProblem } from '../../shared/submission/submission-problem';
import type { TokenSource } from './graph-client';
import type { Clock, Interruption } from './graph-submitter';
import { TokenKeeper } from './token-keeper';

/**
 * What stops a whole run: a token renewed in vain, an account that may not do this, or a sign-in without the
 * MFA claim that Partner Center requires (renewing it would bring the same claims).
 */
export type StopProblem = Extract<
  SubmissionProblem,
  { readonly kind: 'token' | 'permission' | 'mfa-required' }
>;

/** The failures the pacer acts on; any other kind is returned to the caller as it is. */
export type PacedFailure =
  | { readonly kind: 'throttled'; readonly status: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'unauthorized' }
  /** 401 with error code 900421 (Partner Center): no MFA claim in the token. */
  | { readonly kind: 'mfa-required' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'server-error' | 'network'; readonly retryable: boolean }
  | { readonly kind: 'not-found' | 'bad-response' | 'refused' | 'batch-exists' | 'bad-request' };

export type PacedResult<T, F> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

export interface RequestPacerOptions<F> {
  /** Names the service in the log: `graph`, `partner-center`. */
  readonly service: string;
  readonly token: TokenSource;
  readonly budget: RateBudget;
  readonly clock: Clock;
  readonly interruption: Interruption;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly log: (line: string) => void;
  /** What a request of an interrupted run gets instead of an answer. */
  readonly interrupted: F;
}

export class RequestPacer<F extends PacedFailure> {
  /** Set once the run stopped (token, permission): nothing more is sent. */
  stopped: StopProblem | undefined;
  private readonly tokens: TokenKeeper;

  constructor(private readonly options: RequestPacerOptions<F>) {
    this.tokens = new TokenKeeper(options.token);
  }

  /**
   * One logical request: waits for the budget, sends, and retries what is worth retrying. With
   * `retryLostAnswers: false`, a request whose answer may have been lost (a 5xx, a dropped connection, a
   * throttling 503) is returned to the caller instead. `onRetry` hears of each retry after a passing fault,
   * with the wait before it.
   */
  async call<T>(
    kind: RequestKind,
    send: (token: string) => Promise<PacedResult<T, F>>,
    hooks: {
      readonly retryLostAnswers?: boolean;
      readonly onRetry?: (failure: 'server-error' | 'network', delayMs: number) => void;
      /** `low`: a write that yields to every normal write waiting (see RateBudget). */
      readonly priority?: RequestPriority;
    } = {},
  ): Promise<PacedResult<T, F | StopProblem>> {
    const { budget, clock, interruption, retry, random, log } = this.options;
    const retryLostAnswers = hooks.retryLostAnswers ?? true;
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.get();
      if (!token.ok) return { ok: false, failure: this.stop({ kind: 'token' }) };
      const priority = hooks.priority ?? 'normal';
      const stopWaiting = budget.waiting(kind, priority);
      let slot: { readonly done: (outcome?: SlotOutcome) => void } | undefined;
      try {
        slot = await interruption.acquire(
          () => budget.reserve(kind, priority),
          () => this.stopped !== undefined,
          () => budget.released(),
        );
      } finally {
        stopWaiting();
      }
      if (slot === undefined) return { ok: false, failure: this.stopped ?? this.options.interrupted };
      // The request leaves now, in this same tick: the budget has just checked the Retry-After block, and
      // with requests in flight capped there is a kept-alive connection free for it (no queue in between).

      let result: PacedResult<T, F> | undefined;
      try {
        result = await send(token.value);
      } finally {
        // A 429 was refused before any work: it gives its slot back (see RateBudget.reserve).
        const refused = result !== undefined && !result.ok && isRefused(result.failure);
        slot.done(refused ? 'refused' : 'answered');
      }
      if (result.ok) {
        this.tokens.proven(token.generation);
        return result;
      }
      const failure: PacedFailure = result.failure;
      switch (failure.kind) {
        case 'throttled': {
          // The whole run waits, not just this request: the limit is the app's (or the partner's).
          const waitMs = failure.retryAfterMs ?? backoffDelay(attempt, retry, random);
          budget.block(clock.now() + waitMs);
          log(`${this.options.service} throttled (${failure.status}); no request for ${waitMs} ms`);
          if (attempt >= retry.maxAttempts) return result;
          // A 429 was refused before any work; a 503 may come from a gateway after the work was done.
          if (failure.status !== 429 && !retryLostAnswers) return result;
          continue;
        }
        case 'unauthorized': {
          const renewed = await this.tokens.refused(token.generation);
          if (!renewed) return { ok: false, failure: this.stop({ kind: 'token' }) };
          // A renewal is not a retry of the request: it does not use up an attempt.
          attempt--;
          continue;
        }
        case 'mfa-required':
          // Stops at once: a renewed token carries the same claims, so neither renewal nor retry can help.
          return { ok: false, failure: this.stop({ kind: 'mfa-required' }) };
        case 'forbidden':
          return { ok: false, failure: this.stop({ kind: 'permission' }) };
        case 'server-error':
        case 'network': {
          if (!failure.retryable || !retryLostAnswers) return result;
          const decision = decideRetry(attempt, undefined, retry, random);
          if (decision.kind === 'give-up') return result;
          hooks.onRetry?.(failure.kind, decision.delayMs);
          await interruption.sleep(decision.delayMs);
          continue;
        }
        default:
          return result;
      }
    }
  }

  /** Stopped (token, permission) or interrupted: nothing more is sent. */
  get halted(): boolean {
    return this.stopped !== undefined || this.options.interruption.interrupted;
  }

  private stop(problem: StopProblem): StopProblem {
    if (this.stopped === undefined) {
      this.stopped = problem;
      this.options.log(`submission stopped: ${problem.kind}`);
    }
    return this.stopped;
  }
}

/** A 429: the service refused the request before doing anything. */
function isRefused(failure: PacedFailure): boolean {
  return failure.kind === 'throttled' && failure.status === 429;
}
