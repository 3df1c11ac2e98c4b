import { describe, expect, it } from 'vitest';
import {
  createHttpApiClient,
  HttpApiError,
  tokenFromLocationHash,
} from '../../../../renderer/api/http-client';

interface Sent {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

/** A fetch that records the request and answers with `status` and `body`. */
function fakeFetch(status: number, body: unknown): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fake = async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status });
  };
  return { fetch: fake as typeof fetch, sent };
}

async function failure(promise: Promise<unknown>): Promise<HttpApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpApiError)) throw new Error(`expected an HttpApiError, got ${String(error)}`);
  return error;
}

describe('createHttpApiClient', () => {
  it('posts the input in a JSON envelope to /api/<call> with the bearer token', async () => {
    const { fetch, sent } = fakeFetch(200, { result: 1 });
    await createHttpApiClient('http://127.0.0.1:5000/', 'tok', fetch)('listDevices', { all: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('http://127.0.0.1:5000/api/listDevices');
    expect(sent[0]?.init?.method).toBe('POST');
    expect(sent[0]?.init?.headers).toEqual({
      Authorization: 'Bearer tok',
      'Content-Type': 'application/json',
    });
    expect(sent[0]?.init?.body).toBe('{"input":{"all":true}}');
  });

  it("returns the answer's result", async () => {
    const { fetch } = fakeFetch(200, { result: { devices: [] } });
    expect(await createHttpApiClient('http://h', 't', fetch)('listDevices')).toEqual({ devices: [] });
  });

  it('returns undefined for a call whose result was undefined', async () => {
    const { fetch } = fakeFetch(200, {});
    expect(await createHttpApiClient('http://h', 't', fetch)('deleteDevice', 'x')).toBeUndefined();
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'unknown-call'],
    [400, 'bad-request'],
    [500, 'server-error'],
    [502, 'bad-response'],
  ] as const)('turns HTTP %s into an HttpApiError of kind %s', async (status, kind) => {
    const { fetch } = fakeFetch(status, { error: { code: 'some-code' } });
    const error = await failure(createHttpApiClient('http://h', 't', fetch)('anything'));
    expect([error.kind, error.status, error.code, error.call]).toEqual([
      kind,
      status,
      'some-code',
      'anything',
    ]);
  });

  it('throws bad-response for a 200 answer that is not the JSON envelope', async () => {
    const fetch = (async () => new Response('<html>', { status: 200 })) as typeof globalThis.fetch;
    expect((await failure(createHttpApiClient('http://h', 't', fetch)('x'))).kind).toBe('bad-response');
  });

  it('throws unreachable when the request cannot be made', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    expect((await failure(createHttpApiClient('http://h', 't', fetch)('x'))).kind).toBe('unreachable');
  });
});

describe('tokenFromLocationHash', () => {
  it('reads the token from #token=...', () => {
    expect(tokenFromLocationHash('#token=abc_DEF-1')).toBe('abc_DEF-1');
  });

  it('reads the token among other fragment parameters', () => {
    expect(tokenFromLocationHash('#lang=ja&token=abc')).toBe('abc');
  });

  it('finds no token in an empty fragment', () => {
    expect(tokenFromLocationHash('')).toBeUndefined();
  });
});
