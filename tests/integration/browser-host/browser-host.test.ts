/**
 * The browser host over real HTTP on 127.0.0.1: every test starts its own host and it is closed after the
 * test. Requests go through node:http so Host headers and raw paths are sent exactly as written.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ApiHandler,
  BrowserHost,
  BrowserHostOptions,
} from '../../../electron/browser-host/browser-host';
import { CONTENT_SECURITY_POLICY, startBrowserHost } from '../../../electron/browser-host/browser-host';
import { harvesterApiHandlers } from '../../../electron/shell/api-handlers';
import type { HarvesterApi } from '../../../shared/api/harvester-api';
import { HARVESTER_API_CALLS } from '../../../shared/api/harvester-api';
import { useTempDir } from '../../support/temp-dir';
import { apiCall, rawRequest } from './http-request';

const temp = useTempDir('harvester-browser-host-');
const started: BrowserHost[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((host) => host.close()));
});

const INDEX_HTML =
  '<!doctype html><title>Harvester</title><script type="module" src="/assets/app.js"></script>';
const SECRET = 'the file outside the renderer folder';

/** A built renderer in `<temp>/www`, with a secret file beside it that no request may reach. */
function renderer(): string {
  const root = temp.path();
  const www = path.join(root, 'www');
  mkdirSync(path.join(www, 'assets'), { recursive: true });
  writeFileSync(path.join(www, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(www, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(www, 'assets', 'app.css'), 'body { margin: 0; }');
  writeFileSync(path.join(www, '.env'), SECRET);
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  return www;
}

async function start(
  options: Partial<BrowserHostOptions> & { readonly handlers?: Record<string, ApiHandler> } = {},
): Promise<BrowserHost & { readonly lines: string[] }> {
  const lines: string[] = [];
  const host = await startBrowserHost({
    handlers: { echo: async (input) => ({ echoed: input }) },
    staticDir: undefined,
    log: (line) => lines.push(line),
    ...options,
  });
  started.push(host);
  return Object.assign(host, { lines });
}

function errorCode(body: string): unknown {
  return (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
}

describe('browser host API calls', () => {
  it('answers 401 to a call without a token', async () => {
    const host = await start();
    const response = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/echo',
      headers: { 'Content-Type': 'application/json' },
      body: '{"input":1}',
    });
    expect(response.status).toBe(401);
  });

  it('answers 401 to a call with a wrong token', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', `${host.token.slice(0, -1)}x`, 1);
    expect(response.status).toBe(401);
  });

  it('answers 401 before saying whether a call exists', async () => {
    const host = await start();
    expect((await apiCall(host.port, 'no-such-call', 'wrong-token-wrong-token', 1)).status).toBe(401);
  });

  it("returns the handler's result as JSON with status 200 for a call with the token", async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', host.token, { serial: 'PF3AAAA1', n: [1, 2] });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ result: { echoed: { serial: 'PF3AAAA1', n: [1, 2] } } });
  });

  it('passes a missing input to the handler as undefined', async () => {
    let received: unknown = 'not called';
    const host = await start({ handlers: { ping: async (input) => void (received = input) } });
    const response = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/ping',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(received).toBeUndefined();
    expect(JSON.parse(response.body)).toEqual({});
  });

  it('answers 404 for a call it was not given', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'deleteEverything', host.token, 1);
    expect(response.status).toBe(404);
    expect(errorCode(response.body)).toBe('unknown-call');
  });

  it('answers 404 for a name that exists only on Object.prototype', async () => {
    const host = await start();
    expect((await apiCall(host.port, 'constructor', host.token, 1)).status).toBe(404);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const host = await start();
    const response = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/echo',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{"input": ',
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('bad-json');
  });

  it('answers 400 to a body whose declared length is over the limit', async () => {
    let called = false;
    const host = await start({ maxBodyBytes: 1024, handlers: { echo: async () => (called = true) } });
    const response = await apiCall(host.port, 'echo', host.token, 'x'.repeat(2048));
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('body-too-large');
    expect(called).toBe(false);
  });

  it('answers 400 to a chunked body that grows past the limit', async () => {
    const host = await start({ maxBodyBytes: 1024 });
    const response = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/echo',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: 'x'.repeat(4096) }),
      chunked: true,
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('body-too-large');
  });

  it('accepts a body just under the default 64 MiB limit', async () => {
    const host = await start({ handlers: { size: async (input) => (input as string).length } });
    const input = 'A'.repeat(64 * 1024 * 1024 - 64);
    const response = await apiCall(host.port, 'size', host.token, input);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ result: input.length });
  });

  it('answers 415 to a call not sent as JSON', async () => {
    const host = await start();
    const response = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/echo',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' },
      body: '{"input":1}',
    });
    expect(response.status).toBe(415);
  });

  it('answers 405 to a GET of an API call', async () => {
    const host = await start();
    const response = await rawRequest({
      port: host.port,
      path: '/api/echo',
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('answers 401, not 405, to a GET of an API call without the token', async () => {
    const host = await start();
    expect((await rawRequest({ port: host.port, path: '/api/echo' })).status).toBe(401);
  });

  it("answers 500 without the handler's error message, which goes only to the log", async () => {
    const host = await start({
      handlers: {
        explode: async () => {
          throw new Error('ledger at C:\\Users\\tech\\secret is locked');
        },
      },
    });
    const response = await apiCall(host.port, 'explode', host.token, undefined);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'internal-error' } });
    expect(response.body).not.toContain('secret');
    expect(host.lines.join('\n')).toContain('ledger at C:\\Users\\tech\\secret is locked');
  });

  it("answers 400 bad-input to a payload the call's schema refuses, before the service sees it", async () => {
    const received: string[] = [];
    const service = Object.fromEntries(
      HARVESTER_API_CALLS.map((call) => [call, async () => void received.push(call)]),
    ) as unknown as HarvesterApi;
    const host = await start({ handlers: harvesterApiHandlers(service) });
    const response = await apiCall(host.port, 'removeDevices', host.token, { ids: 'all', lang: 'en' });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('bad-input');
    expect(received).toEqual([]);
    expect(host.lines.join('\n')).toContain('Invalid input for removeDevices: ids:');
    expect((await apiCall(host.port, 'removeDevices', host.token, { ids: ['a'], lang: 'en' })).status).toBe(
      200,
    );
    expect(received).toEqual(['removeDevices']);
  });

  it('answers 500 when the handler returns something JSON cannot hold', async () => {
    const host = await start({ handlers: { big: async () => 10n } });
    expect((await apiCall(host.port, 'big', host.token, undefined)).status).toBe(500);
  });

  it('sends no-store, nosniff, no-referrer and the CSP on API answers', async () => {
    const host = await start();
    const { headers } = await apiCall(host.port, 'echo', host.token, 1);
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sends no CORS headers, even to a same-origin request', async () => {
    const host = await start();
    const { headers } = await apiCall(host.port, 'echo', host.token, 1, {
      Origin: `http://127.0.0.1:${host.port}`,
    });
    expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('never writes the token to its log', async () => {
    const host = await start({ handlers: { fail: () => Promise.reject(new Error('boom')) } });
    await apiCall(host.port, 'fail', host.token, 1);
    await apiCall(host.port, 'echo', 'a-wrong-token-of-some-length', 1);
    expect(host.lines.length).toBeGreaterThan(0);
    expect(host.lines.join('\n')).not.toContain(host.token);
  });
});

describe('browser host request origin checks', () => {
  it('answers 403 to a request whose Host header names another host (DNS rebinding)', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', host.token, 1, { Host: `evil.example:${host.port}` });
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('forbidden-host');
  });

  it('answers 403 to a request whose Host header names another port', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/', headers: { Host: '127.0.0.1:1' } });
    expect(response.status).toBe(403);
  });

  it('accepts localhost:PORT as the Host header', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', host.token, 1, { Host: `localhost:${host.port}` });
    expect(response.status).toBe(200);
  });

  it('answers 403 to an API call with a foreign Origin, even with the token', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', host.token, 1, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('forbidden-origin');
  });

  it('answers 403 to an API call with the Origin null', async () => {
    const host = await start();
    expect((await apiCall(host.port, 'echo', host.token, 1, { Origin: 'null' })).status).toBe(403);
  });

  it('accepts an API call whose Origin is its own', async () => {
    const host = await start();
    const response = await apiCall(host.port, 'echo', host.token, 1, {
      Origin: `http://127.0.0.1:${host.port}`,
    });
    expect(response.status).toBe(200);
  });
});

describe('browser host listening', () => {
  it('is bound to 127.0.0.1 and its URL names 127.0.0.1', async () => {
    const host = await start();
    expect(host.address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: host.port });
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('accepts no connection on any non-loopback address of this machine', async () => {
    const host = await start();
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4')
      .map((info) => info!.address);
    for (const address of [...others, '::1']) {
      await expect(connects(address, host.port), address).resolves.toBe(false);
    }
  });

  it('carries the token in the URL fragment, not in the path or query', async () => {
    const host = await start();
    const url = new URL(host.url);
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#token=${host.token}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('generates a new 32-byte base64url token on every start', async () => {
    const a = await start();
    const b = await start();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.token).not.toBe(a.token);
  });

  it('refuses to start with a short token', async () => {
    await expect(startBrowserHost({ handlers: {}, staticDir: undefined, token: 'abc' })).rejects.toThrow(
      /token/,
    );
  });

  it('fails to start when the port is taken', async () => {
    const host = await start();
    await expect(startBrowserHost({ handlers: {}, staticDir: undefined, port: host.port })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });

  it('stops accepting connections once closed', async () => {
    const host = await startBrowserHost({ handlers: {}, staticDir: undefined });
    await host.close();
    await expect(connects('127.0.0.1', host.port)).resolves.toBe(false);
  });
});

describe('browser host static files', () => {
  it('serves index.html at / with the CSP, nosniff, no-referrer and an HTML content type', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves scripts and style sheets with their content types', async () => {
    const host = await start({ staticDir: renderer() });
    const script = await rawRequest({ port: host.port, path: '/assets/app.js' });
    const style = await rawRequest({ port: host.port, path: '/assets/app.css' });
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect([style.status, style.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('serves static files without a token', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('console.log("app");');
  });

  it('answers an unknown path with index.html for the single-page app', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/devices/PF3AAAA1?tab=hash' });
    expect(response.status).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
  });

  it('answers a folder with index.html, never a listing', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/assets/' });
    expect(response.body).toBe(INDEX_HTML);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt'])(
    'refuses the traversal %s',
    async (target) => {
      const host = await start({ staticDir: renderer() });
      const response = await rawRequest({ port: host.port, path: target });
      expect(response.status).toBe(400);
      expect(response.body).not.toContain(SECRET);
    },
  );

  it('refuses a path with an encoded backslash', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/..%5csecret.txt' });
    expect(response.status).toBe(400);
  });

  it.each(['/COM1', '/con.js', '/assets/NUL', '/LPT1.png', '/aux%20.css', '/CONIN$'])(
    'refuses the Windows device name %s instead of opening it or answering with index.html',
    async (target) => {
      // What a cross-origin `<img src="http://127.0.0.1:PORT/COM1">` sends: its Host header is the host's own.
      const host = await start({ staticDir: renderer() });
      const response = await rawRequest({ port: host.port, path: target });
      expect(response.status).toBe(400);
      expect(errorCode(response.body)).toBe('bad-path');
      expect(host.lines.some((line) => line.includes('refused the path'))).toBe(true);
    },
  );

  it.each(['/index.html::$DATA', '/index.html%3A%3A%24DATA', '/index.html.', '/index.html%20'])(
    'refuses %s, which Windows would read as index.html or one of its streams',
    async (target) => {
      const host = await start({ staticDir: renderer() });
      const response = await rawRequest({ port: host.port, path: target });
      expect(response.status).toBe(400);
      expect(errorCode(response.body)).toBe('bad-path');
    },
  );

  it('does not serve dot-files', async () => {
    const host = await start({ staticDir: renderer() });
    const response = await rawRequest({ port: host.port, path: '/.env' });
    expect(response.body).not.toContain(SECRET);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a symbolic link that leads outside the folder',
    async () => {
      const www = renderer();
      symlinkSync(path.join(www, '..', 'secret.txt'), path.join(www, 'assets', 'link.txt'));
      const host = await start({ staticDir: www });
      const response = await rawRequest({ port: host.port, path: '/assets/link.txt' });
      expect(response.status).toBe(400);
      expect(response.body).not.toContain(SECRET);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'does not serve a dot-file reached under another name',
    async () => {
      // What a Windows 8.3 short name (ENV~1 for .env) does; a link inside the folder does the same here.
      const www = renderer();
      symlinkSync(path.join(www, '.env'), path.join(www, 'ENV~1'));
      const host = await start({ staticDir: www });
      const response = await rawRequest({ port: host.port, path: '/ENV~1' });
      expect(response.body).not.toContain(SECRET);
      expect(response.body).toBe(INDEX_HTML);
    },
  );

  it('answers 405 to a POST outside /api', async () => {
    const host = await start({ staticDir: renderer() });
    expect((await rawRequest({ port: host.port, method: 'POST', path: '/', body: 'x' })).status).toBe(405);
  });

  it('serves no files when it has no renderer folder', async () => {
    const host = await start({ staticDir: undefined });
    expect((await rawRequest({ port: host.port, path: '/' })).status).toBe(404);
  });

  it('refuses to start with a renderer folder that has no index.html', async () => {
    await expect(startBrowserHost({ handlers: {}, staticDir: temp.path() })).rejects.toThrow(/index\.html/);
  });
});

function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
