/**
 * The renderer's side of the browser host: one function that makes an API call over HTTP. Runs in the
 * browser, so it uses fetch and nothing from Node. It knows no calls by name; the typed HarvesterApi is
 * built on top of it (one `call(name, input)` per method). Wire format: see `browser-host.ts`.
 */

export type HttpApiCall = (name: string, input?: unknown) => Promise<unknown>;

/** Why a call failed; `status` is the HTTP status where there was one. */
export type HttpApiErrorKind =
  /** The token is missing or wrong (401): the page was opened without the `#token=` address. */
  | 'unauthorized'
  /** The host refused the request's Host or Origin (403). */
  | 'forbidden'
  /** The host has no such call (404): the renderer and host are from different builds. */
  | 'unknown-call'
  /** The host could not read the request (400, 413, 415). */
  | 'bad-request'
  /** The call failed on the host (500); details are only in the host's log. */
  | 'server-error'
  /** No answer at all: the host was closed, or the network failed. */
  | 'unreachable'
  /** An answer that is not the expected JSON envelope, or an unexpected status. */
  | 'bad-response';

export class HttpApiError extends Error {
  constructor(
    readonly kind: HttpApiErrorKind,
    readonly call: string,
    readonly status: number | undefined,
    /** The host's `error.code` when it sent one (e.g. `body-too-large`). */
    readonly code: string | undefined,
  ) {
    super(`API call ${call} failed: ${kind}${status === undefined ? '' : ` (HTTP ${status})`}`);
    this.name = 'HttpApiError';
  }
}

/**
 * `baseUrl` is the host's origin (in the page: `location.origin`); `token` is from the address fragment
 * (`tokenFromLocationHash(location.hash)`).
 */
export function createHttpApiClient(
  baseUrl: string,
  token: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): HttpApiCall {
  const base = baseUrl.replace(/\/+$/, '');
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
        credentials: 'omit',
        redirect: 'error',
      });
    } catch {
      throw new HttpApiError('unreachable', name, undefined, undefined);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.status === 200 && isObject(body)) return body.result;
    const code = isObject(body) && isObject(body.error) ? body.error.code : undefined;
    throw new HttpApiError(
      kindOfStatus(response.status),
      name,
      response.status,
      typeof code === 'string' ? code : undefined,
    );
  };
}

/** The token in a `#token=...` fragment (other `&key=value` pairs allowed), or undefined. */
export function tokenFromLocationHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token === null || token === '' ? undefined : token;
}

function kindOfStatus(status: number): HttpApiErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'unknown-call';
    case 400:
    case 413:
    case 415:
      return 'bad-request';
    case 500:
      return 'server-error';
    default:
      return 'bad-response';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
