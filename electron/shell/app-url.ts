/**
 * Which URLs belong to the app. The window, its navigation guards, the session's request filter and the IPC
 * sender check all ask the same two questions, so they share one answer: is this the app's own page, and is
 * this something the app's page may load. The app page is `app://harvester/index.html` (app-protocol.ts), a
 * fixed URL that does not depend on where the app is installed.
 */

/** Schemes that never reach the network or the disk outside the app: inline data and in-memory objects. */
const LOCAL_ONLY_SCHEMES: ReadonlySet<string> = new Set(['data:', 'blob:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The folder a page lives in (its URL up to and including the last `/`), as a URL without query or hash. */
function folderOf(page: URL): string {
  const folder = new URL(page.href);
  folder.search = '';
  folder.hash = '';
  folder.pathname = folder.pathname.slice(0, folder.pathname.lastIndexOf('/') + 1);
  return folder.href;
}

/**
 * True when `url` is the app's page itself, whatever its query or hash (a reload, or the renderer's own
 * routing). Anything else, including another file next to it, is a navigation away from the app.
 */
export function isAppPage(url: string, appPageUrl: string): boolean {
  const target = parse(url);
  const app = parse(appPageUrl);
  if (target === null || app === null) return false;
  return target.protocol === app.protocol && target.host === app.host && target.pathname === app.pathname;
}

/**
 * True when the app's page may load `url`: a file in the app page's folder or below it (same scheme and
 * host), or inline `data:`/`blob:` content. Everything else (http, https, ws, `file:`, another host) is
 * refused: the app shows nothing it did not ship.
 */
export function isAppResource(url: string, appPageUrl: string): boolean {
  const target = parse(url);
  const app = parse(appPageUrl);
  if (target === null || app === null) return false;
  if (LOCAL_ONLY_SCHEMES.has(target.protocol)) return true;
  if (target.protocol !== app.protocol || target.host !== app.host) return false;
  // URL parsing has already resolved `..` segments and percent-encoded separators stay encoded, so a prefix
  // test on the normalised path cannot be escaped.
  return target.href.startsWith(folderOf(app)) || isAppPage(url, appPageUrl);
}

/**
 * True when `origin` is the app page's origin (`app://harvester`, with or without a trailing `/`, which is
 * how Chromium may spell an origin it passes as a URL). Node's URL gives a custom scheme the origin `null`,
 * so the scheme and host are compared instead; an origin has no path, query, hash or credentials.
 */
export function isAppOrigin(origin: string, appPageUrl: string): boolean {
  const target = parse(origin);
  const app = parse(appPageUrl);
  if (target === null || app === null) return false;
  return (
    target.protocol === app.protocol &&
    target.host === app.host &&
    target.host !== '' &&
    (target.pathname === '' || target.pathname === '/') &&
    target.search === '' &&
    target.hash === '' &&
    target.username === '' &&
    target.password === ''
  );
}
