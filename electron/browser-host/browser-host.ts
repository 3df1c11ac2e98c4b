/**
 * The browser host: serves the built renderer and an HTTP form of the API on 127.0.0.1, so the UI runs in a
 * normal browser where Electron is absent. It is a transport only: it is handed the API's calls and knows
 * none of them.
 *
 * Wire format (the renderer side is `renderer/api/http-client.ts`): `POST /api/<call>` with
 * `Authorization: Bearer <token>`, `Content-Type: application/json` and the body `{"input": <input>}`;
 * the answer is `200 {"result": <result>}` or `<status> {"error": {"code": <ErrorCode>}}`. The envelope lets
 * calls without input and calls that return nothing (undefined) cross JSON unchanged.
 *
 * Defences, since any web page the technician opens can send requests to 127.0.0.1: the host listens on the
 * loopback address only; it answers only requests whose Host header names itself (DNS rebinding), refuses
 * any foreign Origin, sends no CORS headers, and requires the per-start token on every API call. The token
 * reaches the page in the URL fragment, which browsers never send to a server, so static files need none.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { InvalidApiInputError } from '../shell/api-handlers';
import { CONTENT_SECURITY_POLICY } from '../shell/content-security-policy';
import { bearerToken, generateToken, isAcceptableToken, tokensEqual } from './bearer-token';
import { contentTypeOf, resolveStaticPath } from './static-files';

/**
 * One API call: gets the parsed JSON input (unvalidated: the handler parses it, as `harvesterApiHandlers`
 * does) and returns a JSON value. A handler that throws {@link InvalidApiInputError} gets a 400.
 */
export type ApiHandler = (input: unknown) => Promise<unknown>;

export interface BrowserHostOptions {
  /** Call name -> handler. Names are the path after `/api/`; only own properties count. */
  readonly handlers: Readonly<Record<string, ApiHandler>>;
  /** The built renderer (must contain index.html); undefined serves the API only. */
  readonly staticDir: string | undefined;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default: 32 random bytes, base64url. A given token must be 16 or more base64url characters. */
  readonly token?: string;
  /** Diagnostics (failed handlers with their error, refused requests). Never receives the token. */
  readonly log?: (line: string) => void;
  /** Largest accepted request body; default 64 MiB (CSV files are uploaded base64-encoded). */
  readonly maxBodyBytes?: number;
}

export interface BrowserHost {
  /** `http://127.0.0.1:PORT/#token=...`: the address to open; the token rides in the fragment. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** What the server is bound to, as `server.address()` reports it (always 127.0.0.1, IPv4). */
  readonly address: { readonly address: string; readonly family: string; readonly port: number };
  /** Stops listening and drops open connections (including keep-alive ones); calling it again is harmless. */
  close(): Promise<void>;
}

/** What the `error.code` of a refused or failed call says; the status alone is ambiguous for 400/403. */
export type ApiErrorCode =
  | 'forbidden-host'
  | 'forbidden-origin'
  | 'unauthorized'
  | 'unknown-call'
  | 'method-not-allowed'
  | 'unsupported-media-type'
  | 'bad-json'
  /** The call's schema refused the input (the handler threw InvalidApiInputError). */
  | 'bad-input'
  | 'body-too-large'
  | 'bad-path'
  | 'not-found'
  | 'internal-error';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The app's one policy (shell/content-security-policy.ts), re-exported for the host's users and tests. */
export { CONTENT_SECURITY_POLICY };

/** Sent on every response, API and static alike. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const LOOPBACK = '127.0.0.1';

class BodyError extends Error {
  constructor(readonly code: 'bad-json' | 'body-too-large') {
    super(code);
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? generateToken();
  if (!isAcceptableToken(token)) throw new Error('browser host: the token must be 16+ base64url characters');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const staticDir = options.staticDir === undefined ? undefined : path.resolve(options.staticDir);
  if (staticDir !== undefined) await access(path.join(staticDir, 'index.html'));
  // A Map of own entries: a call named `constructor` or `__proto__` must not reach Object.prototype.
  const handlers = new Map(Object.entries(options.handlers));
  const log = options.log ?? (() => undefined);

  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`browser host: ${req.method ?? '?'} request failed: ${describe(error)}`);
      if (!res.headersSent) sendError(res, 500, 'internal-error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      log(`browser host: refused a request for host ${JSON.stringify(req.headers.host ?? '')}`);
      return sendError(res, 403, 'forbidden-host');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
      log(`browser host: refused a request from origin ${JSON.stringify(origin)}`);
      return sendError(res, 403, 'forbidden-origin');
    }
    const target = req.url ?? '/';
    if (target === '/api' || target.startsWith('/api/')) return handleApi(req, res, target);
    return handleStatic(req, res, target);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    // The token first: without it the API says nothing else, not even which methods it takes.
    const presented = bearerToken(req.headers.authorization);
    if (presented === undefined || !tokensEqual(presented, token)) return sendError(res, 401, 'unauthorized');
    if (req.method !== 'POST') return sendError(res, 405, 'method-not-allowed', { Allow: 'POST' });
    const name = target.slice('/api/'.length);
    const handler = /^[A-Za-z][A-Za-z0-9_.-]*$/.test(name) ? handlers.get(name) : undefined;
    if (handler === undefined) return sendError(res, 404, 'unknown-call');
    const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return sendError(res, 415, 'unsupported-media-type');

    let input: unknown;
    try {
      input = await readJsonInput(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // The rest of an oversized body is not read: answer, then close the connection.
      return sendError(res, 400, error.code, error.code === 'body-too-large' ? { Connection: 'close' } : {});
    }

    let body: string;
    try {
      const result = await handler(input);
      body = JSON.stringify({ result });
    } catch (error) {
      if (error instanceof InvalidApiInputError) {
        // A renderer bug, not the technician's: the log gets every failing field, the page a 400.
        log(`browser host: ${error.message}`);
        return sendError(res, 400, 'bad-input');
      }
      log(`browser host: call ${name} failed: ${describe(error)}`);
      return sendError(res, 500, 'internal-error');
    }
    send(res, 200, 'application/json; charset=utf-8', body);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'method-not-allowed', { Allow: 'GET, HEAD' });
    }
    if (staticDir === undefined) return sendError(res, 404, 'not-found');
    let resolved = await resolveStaticPath(staticDir, target);
    if (resolved.kind === 'refused') {
      log(`browser host: refused the path ${JSON.stringify(target)}`);
      return sendError(res, 400, 'bad-path');
    }
    if (resolved.kind === 'missing') resolved = await resolveStaticPath(staticDir, '/index.html');
    if (resolved.kind !== 'file') return sendError(res, 404, 'not-found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(resolved.file),
      'Content-Length': resolved.size,
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(resolved.file);
    stream.on('error', (error) => {
      log(`browser host: reading ${resolved.file} failed: ${describe(error)}`);
      res.destroy();
    });
    stream.pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: options.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`browser host: server error: ${describe(error)}`));
  const address = listeningAddress(server);
  port = address.port;
  log(`browser host: listening on http://${LOOPBACK}:${port}/`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    port,
    token,
    address: { address: address.address, family: address.family, port: address.port },
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

/**
 * Reads the body as a stream, stopping as soon as it passes the limit, and unwraps `{"input": ...}`. Listens
 * for data rather than iterating: ending an iteration early would destroy the socket before the answer.
 */
async function readJsonInput(req: IncomingMessage, maxBodyBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) throw new BodyError('body-too-large');
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBodyBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(new BodyError('body-too-large'));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, total)));
    req.once('error', reject);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new BodyError('bad-json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError('bad-json');
  return (parsed as { input?: unknown }).input;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  extra: Readonly<Record<string, string>> = {},
): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: { code } }), extra);
}

function listeningAddress(server: Server): AddressInfo {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('browser host: no TCP address');
  return address;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
