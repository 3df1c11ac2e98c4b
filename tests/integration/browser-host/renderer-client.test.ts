/** The renderer's HTTP client against a real browser host on 127.0.0.1, through the real fetch. */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../../electron/browser-host/browser-host';
import { startBrowserHost } from '../../../electron/browser-host/browser-host';
import { createHttpApiClient, HttpApiError } from '../../../renderer/api/http-client';

const started: BrowserHost[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((host) => host.close()));
});

async function start(): Promise<BrowserHost> {
  const host = await startBrowserHost({
    staticDir: undefined,
    handlers: {
      add: async (input) => {
        const { a, b } = input as { a: number; b: number };
        return a + b;
      },
      nothing: async (input) => {
        if (input !== undefined) throw new Error('expected no input');
      },
      fail: async () => {
        throw new Error('disk full');
      },
    },
  });
  started.push(host);
  return host;
}

function origin(host: BrowserHost): string {
  return new URL(host.url).origin;
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof HttpApiError ? error.kind : `not an HttpApiError: ${String(error)}`;
}

describe('the renderer client against a browser host', () => {
  it("returns the handler's result", async () => {
    const host = await start();
    expect(await createHttpApiClient(origin(host), host.token)('add', { a: 2, b: 3 })).toBe(5);
  });

  it('carries a call without input and without result', async () => {
    const host = await start();
    expect(await createHttpApiClient(origin(host), host.token)('nothing')).toBeUndefined();
  });

  it('throws unauthorized with a wrong token', async () => {
    const host = await start();
    const call = createHttpApiClient(origin(host), 'wrong-token-wrong-token');
    expect(await kindOf(call('add', { a: 1, b: 1 }))).toBe('unauthorized');
  });

  it('throws server-error when the handler fails', async () => {
    const host = await start();
    expect(await kindOf(createHttpApiClient(origin(host), host.token)('fail'))).toBe('server-error');
  });

  it('throws unreachable once the host is closed', async () => {
    const host = await start();
    const call = createHttpApiClient(origin(host), host.token);
    await host.close();
    expect(await kindOf(call('add', { a: 1, b: 1 }))).toBe('unreachable');
  });
});
