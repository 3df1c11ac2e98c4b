/**
 * The HTTP client MSAL uses (its `system.networkClient`), for two reasons. First, MSAL turns an error answer
 * from the token endpoint during device code polling into `post_request_failed` with only the OAuth error
 * name, dropping the AADSTS number that says *why* ("Allow public client flows" off is 7000218, a wrong client
 * ID 700016): this wrapper notes the name and numbers of every error answer, so sign-in can tell the
 * technician what to fix. Second, tests inject a fake identity platform here and run fully offline.
 *
 * Only the OAuth error name and the numeric codes are kept: never bodies, headers or descriptions.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export type AuthEndpoint = 'devicecode' | 'token' | 'other';

/** An error answer from the identity platform: the OAuth error and the AADSTS numbers. */
export interface ServerErrorReport {
  readonly endpoint: AuthEndpoint;
  readonly error: string;
  readonly codes: readonly number[];
}

/** Node's fetch with a timeout; the answer's JSON body is handed to MSAL, which reads the error fields. */
export function fetchNetworkModule(timeoutMs = 30_000): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal: AbortSignal.timeout(timeout ?? timeoutMs),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const text = await response.text();
    let body: unknown = {};
    if (text.length > 0) body = JSON.parse(text);
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options, undefined),
  };
}

function endpointOf(url: string): AuthEndpoint {
  const pathname = safePath(url);
  if (pathname.endsWith('/devicecode')) return 'devicecode';
  if (pathname.endsWith('/token')) return 'token';
  return 'other';
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** The OAuth error fields of a body, when it is an error answer. `authorization_pending` is not an error. */
export function serverErrorOf(endpoint: AuthEndpoint, body: unknown): ServerErrorReport | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'string' || error.length === 0 || error === 'authorization_pending') return undefined;
  const raw = (body as { error_codes?: unknown }).error_codes;
  const codes = Array.isArray(raw) ? raw.filter((c): c is number => Number.isInteger(c)).slice(0, 8) : [];
  return { endpoint, error: error.slice(0, 80), codes };
}

/** Wraps a network client so every error answer is reported (name and codes only). */
export function observedNetwork(
  inner: INetworkModule,
  onError: (report: ServerErrorReport) => void,
): INetworkModule {
  const observe = <T>(url: string, response: NetworkResponse<T>): NetworkResponse<T> => {
    const report = serverErrorOf(endpointOf(url), response.body);
    if (report) onError(report);
    return response;
  };
  return {
    sendGetRequestAsync: async <T>(url: string, options?: NetworkRequestOptions, timeout?: number) =>
      observe(url, await inner.sendGetRequestAsync<T>(url, options, timeout)),
    sendPostRequestAsync: async <T>(url: string, options?: NetworkRequestOptions) =>
      observe(url, await inner.sendPostRequestAsync<T>(url, options)),
  };
}
