/**
 * The `app://` scheme the desktop window's page is served from. A page loaded from `file:` gets no response
 * headers (so no Content-Security-Policy header), and its URL carries the install folder, whose `%`, `[` or
 * `^` make URL comparisons fragile. A privileged custom scheme fixes both: every response here carries the
 * policy, and the page is always `app://harvester/index.html`, wherever the app is installed.
 *
 * Pure request -> response logic over the web `Response` type, so it is tested on any machine without
 * Electron; main.ts only registers it with `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { contentTypeOf, resolveStaticPath } from '../browser-host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'harvester';
/** The window's page, and what navigation guards, the request filter and the IPC sender check compare with. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged`, which must run before `app` is ready and only once (a second
 * call replaces the first). `standard` gives the page a real origin (`app://harvester`), relative URLs and
 * sessionStorage; `secure` makes it a secure context; `supportFetchAPI` lets the page fetch its own files.
 * Deliberately not `corsEnabled` (which would let other origins read these files) and not `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The part of a fetch `Request` the handler reads (Electron passes a full `Request`). */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

/** Sent on every response, files and errors alike. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Answers a request for `app://harvester/<path>` with the file at `<path>` under `rootDir` (the built
 * renderer), or 404: for another host, the root itself, a folder, a dot-file, anything that would leave
 * `rootDir` (`..`, encoded separators, a symbolic link pointing out), a name Windows reads as something else
 * (a device such as `NUL` or `con.js`, a stream `index.html::$DATA`, `index.html.`; the same isSafeSegment
 * rules as the browser host, through resolveStaticPath) and anything missing. There is no
 * single-page fallback: the window only ever loads index.html itself. Only GET and HEAD are answered.
 */
export async function appProtocolResponse(request: AppRequest, rootDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST) return notFound();
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...SECURITY_HEADERS, Allow: 'GET, HEAD' } });
  }
  // `pathname` is still percent-encoded; resolveStaticPath decodes each segment and refuses what could escape.
  const resolved = await resolveStaticPath(rootDir, url.pathname).catch(() => undefined);
  if (resolved === undefined || resolved.kind !== 'file') return notFound();
  let body: Buffer;
  try {
    // The renderer's files are small (the largest bundle is a few hundred kB): read whole, no stream to leak.
    body = await readFile(resolved.file);
  } catch {
    return notFound();
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(resolved.file),
      'Content-Length': String(body.length),
    },
  });
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
