/**
 * The HTTP pieces the Graph and Partner Center clients share: the base URL check, one request read whole,
 * and a JSON body checked against its schema.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { GRAPH_IN_FLIGHT } from '../../shared/submission/rate-budget';
import { isTransientNetworkError, parseRetryAfter } from '../../shared/submission/retry-policy';

/**
 * Connections a client keeps open to its service: as many as the rate budget lets requests be in flight
 * (GRAPH_IN_FLIGHT.all), so a request the budget let go never waits in the HTTP client's own queue.
 */
export const KEPT_ALIVE_CONNECTIONS = GRAPH_IN_FLIGHT.all;

/**
 * How long an idle connection is kept: longer than Intune's 20 s window, so a run that paused for the window
 * (or a Retry-After) sends the next burst on the connections it had, not on new ones a slow server accepts
 * late. Node's own fetch pool closes idle sockets after 4 s (undici's default `keepAliveTimeout`). A server's
 * `Keep-Alive: timeout=N` hint still wins (undici lowers the wait to it), since a socket the server closed
 * cannot be reused anyway. Idle sockets are unref'd by undici, so they never keep the process alive.
 */
export const KEEP_ALIVE_MS = 60_000;

/** One client's own connection pool (undici Agent), instead of the process-wide one of global fetch. */
export function keptAliveDispatcher(): Dispatcher {
  return new Agent({
    connections: KEPT_ALIVE_CONNECTIONS,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MS,
    pipelining: 1,
  });
}

/**
 * The service's base URL, checked: https, or http on 127.0.0.1 only (tests). The token must not travel in
 * clear text to anything but this machine. `service` names it in the error.
 */
export function checkedBaseUrl(baseUrl: string, service: string): URL {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base.hostname))) {
    // The token must not travel in clear text to anything but this machine (tests use 127.0.0.1).
    throw new RangeError(`${service} URL must be https (or http on 127.0.0.1): ${base.origin}`);
  }
  return base;
}

/** One request's outcome: the answer read whole, or the network failure (with the status, when one came). */
export type Exchange =
  | {
      readonly ok: true;
      readonly status: number;
      readonly text: string;
      readonly retryAfterMs: number | undefined;
      readonly headers: { get(name: string): string | null };
    }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string | undefined;
      readonly retryable: boolean;
    };

/**
 * Sends one request and reads its body whole, so a connection dropped mid-body is a network failure too.
 * Redirects are refused (the token would follow them). `status` is 0 when no answer came.
 */
export async function exchange(
  url: string,
  init: {
    readonly method: string;
    readonly headers: Record<string, string>;
    readonly body: string | undefined;
  },
  timeoutMs: number,
  now: () => number,
  dispatcher?: Dispatcher,
): Promise<Exchange> {
  let status = 0;
  try {
    const response = await undiciFetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
      ...(dispatcher !== undefined ? { dispatcher } : {}),
    });
    status = response.status;
    const text = await response.text();
    const retryAfterMs = parseRetryAfter(
      response.headers.get('retry-after'),
      now(),
      response.headers.get('date'),
    );
    return { ok: true, status, text, retryAfterMs, headers: response.headers };
  } catch (error) {
    const code = networkCode(error);
    return { ok: false, status, code, retryable: isTransientNetworkError(code) };
  }
}

/** How a network failure is logged: `no answer`, or the status when the body was cut off. */
export function lostAnswer(status: number): string {
  return status === 0 ? 'no answer' : `${status}, body cut off`;
}

/** The answer's JSON body checked against `schema`; a `bad-response` failure when it is not that. */
export function parseBody<T>(
  schema: z.ZodType<T>,
  answer: { readonly status: number; readonly text: string },
):
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly failure: { readonly kind: 'bad-response'; readonly status: number; readonly detail: string };
    } {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return { ok: false, failure: { kind: 'bad-response', status: answer.status, detail: 'not JSON' } };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, failure: { kind: 'bad-response', status: answer.status, detail } };
}

/** The error code of a failed fetch, searched down its `cause` chain; 'timeout' for our own timeout. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const name = 'name' in current ? current.name : undefined;
    if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * Plain http is allowed for 127.0.0.1 only (tests): not `localhost`, which a hosts file can point anywhere
 * (the token would then travel in clear text), nor `[::1]`, which nothing here needs.
 */
export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
