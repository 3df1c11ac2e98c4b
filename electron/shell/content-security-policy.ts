/**
 * The one Content-Security-Policy of the app's page, sent as a response header by both transports: the
 * `app://` protocol handler in Electron and the browser host over HTTP. A header, not a `<meta>` tag, so it
 * also covers `frame-ancestors` and is in force before the first byte of the page is parsed.
 *
 * The renderer is vite's build of a React app: external module scripts and style sheets only (vite emits no
 * inline script or style; tests/unit/build/renderer-build.test.ts holds it to that). React's `style={}` props
 * go through the CSSOM, which `style-src` does not govern, so no `'unsafe-inline'` is needed anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The browser host's API is on the page's own origin; Electron's page talks over IPC and fetches nothing.
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
