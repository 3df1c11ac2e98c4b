/**
 * When to try a Graph request again, and after how long. Graph answers 429 with `Retry-After` when a limit is
 * reached and sometimes 503 with it when the service is busy; both are honoured exactly. Without the header,
 * the wait is exponential with full jitter (a random wait between 0 and the exponential cap), so many
 * devices that failed together do not come back together. The number of attempts is bounded: a run must end
 * with every device in a definite state, not retry forever.
 *
 * Pure: the random source and the current time are passed in, so tests are exact.
 */

export interface RetryPolicy {
  /** Attempts of one request in all, the first included. */
  readonly maxAttempts: number;
  /** The cap of the first retry's wait; each later retry doubles it. */
  readonly baseDelayMs: number;
  /** No backoff wait is longer than this (Retry-After from the server is honoured even when longer). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
});

/** What a failed request's status says about trying it again. */
export type StatusClass =
  /** Throttled, or a fault of the service that passes: try again. */
  | 'retry'
  /** 401: the token expired or is not valid for Graph; a new token may help, the same one never will. */
  | 'token'
  /** 403: the signed-in account or app lacks the permission; no retry changes that. */
  | 'permission'
  /** 404: the record is not there. */
  | 'not-found'
  /** Any other 4xx: the request itself was refused; sending it again gets the same answer. */
  | 'refused';

/**
 * 429 and the 5xx statuses Graph uses for passing faults (500, 502, 503, 504) are retried; 501 (never
 * implemented) and the other 5xx are not. 408 (request timeout) is a passing fault too.
 */
export function classifyStatus(status: number): StatusClass {
  switch (status) {
    case 401:
      return 'token';
    case 403:
      return 'permission';
    case 404:
      return 'not-found';
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return 'retry';
    default:
      return 'refused';
  }
}

/**
 * Network error codes worth another attempt: the connection was reset or dropped, the peer is briefly
 * unreachable, name resolution failed for the moment, or the request timed out. `ENOTFOUND` is not among them:
 * a host name that does not exist stays that way (a mistyped `HARVESTER_GRAPH_URL`).
 */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'timeout',
]);

/** True for a network failure that another attempt may get past (`code` as Node or undici reports it). */
export function isTransientNetworkError(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}

/**
 * Milliseconds a `Retry-After` header asks to wait, or undefined when it is absent or unreadable. Both forms
 * of RFC 9110 are read: delay-seconds (`120`) and an HTTP-date. A date is measured against the response's own
 * `Date` header when there is one, so a clock that is off on the technician's device does not shorten the
 * wait; otherwise against `nowMs`. A date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  responseDate?: string | null,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Only a date that looks like one: Date.parse reads far too much (`1.5` is a date to it).
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const serverNow = responseDate ? Date.parse(responseDate) : Number.NaN;
  const reference = Number.isNaN(serverNow) ? nowMs : serverNow;
  return Math.max(0, at - reference);
}

/**
 * The wait before retry number `retry` (1 for the first retry): full jitter, `random() * min(max, base *
 * 2^(retry-1))`. `random` returns a number in [0, 1) like Math.random.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, retry - 1);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * cap);
}

export type RetryDecision =
  { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'give-up' };

/**
 * Whether to send again after attempt number `attempt` (1 for the first) failed in a retryable way, and
 * after how long: the server's Retry-After when it gave one, else the jittered backoff.
 */
export function decideRetry(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { kind: 'give-up' };
  return {
    kind: 'retry',
    delayMs: retryAfterMs !== undefined ? retryAfterMs : backoffDelay(attempt, policy, random),
  };
}
