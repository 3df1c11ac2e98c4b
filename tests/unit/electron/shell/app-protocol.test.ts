/** The `app://` handler against real files in temporary folders, through the web Response it returns. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_HOST,
  APP_PAGE_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appProtocolResponse,
} from '../../../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/shell/content-security-policy';
import { useTempDir } from '../../../support/temp-dir';

const temp = useTempDir('harvester-app-protocol-');

const INDEX_HTML = '<!doctype html><script type="module" src="./assets/app.js"></script>';
const SECRET = 'outside the renderer';

/** A renderer build in `<temp>/<folder>`, with a secret beside it and a dot-file inside it. */
function renderer(folder = 'renderer'): string {
  const root = path.join(temp.path(), folder);
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body { margin: 0; }');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(root, '.env'), SECRET);
  writeFileSync(path.join(temp.path(), 'secret.txt'), SECRET);
  return root;
}

function get(url: string, root: string, method = 'GET'): Promise<Response> {
  return appProtocolResponse({ url, method }, root);
}

describe('the app scheme', () => {
  it('is app://harvester/index.html for the page', () => {
    expect(APP_PAGE_URL).toBe(`${APP_SCHEME}://${APP_HOST}/index.html`);
    const url = new URL(APP_PAGE_URL);
    expect([url.protocol, url.host, url.pathname]).toEqual(['app:', 'harvester', '/index.html']);
  });

  it('is standard, secure and fetchable, without CORS or a CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('appProtocolResponse', () => {
  it('serves index.html as HTML with the Content-Security-Policy and nosniff', async () => {
    const response = await get(APP_PAGE_URL, renderer());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s, with the policy', async (file, type) => {
    const response = await get(`app://harvester/${file}?v=1#x`, renderer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the same files from an install folder whose name has %, [, ^, spaces and Japanese', async () => {
    const root = renderer(path.join('C% [x] ^y 資産', 'dist', 'renderer'));
    const response = await get('app://harvester/assets/app.js', root);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app");');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(APP_PAGE_URL, renderer(), 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX_HTML)));
    expect(await response.text()).toBe('');
  });

  it('refuses other methods with 405', async () => {
    const response = await get(APP_PAGE_URL, renderer(), 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///index.html'],
    ['the root, which is no file', 'app://harvester/'],
    ['a folder', 'app://harvester/assets/'],
    ['a missing file', 'app://harvester/assets/missing.js'],
    ['a dot-file', 'app://harvester/.env'],
    ['a traversal', 'app://harvester/../secret.txt'],
    ['an encoded traversal', 'app://harvester/%2e%2e/secret.txt'],
    ['an encoded separator', 'app://harvester/assets%2F..%2F..%2Fsecret.txt'],
    ['an encoded backslash', 'app://harvester/..%5csecret.txt'],
    ['not a URL', 'app://'],
  ])('answers 404, with the policy, for %s', async (_what, url) => {
    const response = await get(url, renderer());
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('is never asked for a plain or %2e traversal: the URL parser removes it before the handler runs', () => {
    // So the two traversal cases above cannot fail whatever the handler does; the cases below reach it.
    expect(new URL('app://harvester/../secret.txt').pathname).toBe('/secret.txt');
    expect(new URL('app://harvester/%2e%2e/secret.txt').pathname).toBe('/secret.txt');
  });

  it.each([
    ['an NTFS stream', 'index.html::$DATA', 'index.html::$DATA'],
    ['an encoded NTFS stream', 'index.html%3A%3A%24DATA', 'index.html::$DATA'],
    ['a name with a trailing dot, which Windows strips', 'index.html.', 'index.html.'],
    ['a name with a trailing space, which Windows strips', 'index.html%20', 'index.html '],
    ['a drive and an encoded backslash', 'C:%5Cx', 'C:\\x'],
    ['encoded backslashes around ..', '%5C..%5Csecret', '\\..\\secret'],
    ['the device name NUL', 'NUL', 'NUL'],
    ['the device name con with an extension', 'con.js', 'con.js'],
    ['the device name COM1 in a folder', 'assets/COM1', path.join('assets', 'COM1')],
    ['an encoded dot-file', '%2eenv', '.env'],
    ['a dot-file in a folder', 'assets/.hidden.js', path.join('assets', '.hidden.js')],
  ])('answers 404 for %s, even when a file of that name exists', async (_what, requestPath, fileName) => {
    // Every one of these names is a real file here (Linux allows them), so only the segment check refuses it;
    // on Windows they would be another name for index.html, one of its streams, a drive or a device.
    const root = renderer();
    writeFileSync(path.join(root, fileName), SECRET);
    const url = `app://harvester/${requestPath}`;
    expect(new URL(url).pathname).toBe(`/${requestPath}`);
    const response = await get(url, root);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('serves the page for an uppercase host, which a standard scheme lowercases before the handler', async () => {
    // Chromium canonicalises the host of a standard scheme (app://HARVESTER -> app://harvester) before the
    // handler runs; Node's URL keeps a custom scheme's host as written, and the handler compares it lowercased.
    const response = await get('app://HARVESTER/index.html', renderer());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers 404 when the renderer folder does not exist', async () => {
    expect((await get(APP_PAGE_URL, path.join(temp.path(), 'not-built'))).status).toBe(404);
  });

  it('does not follow a symbolic link out of the renderer folder', async () => {
    const root = renderer();
    symlinkSync(path.join(temp.path(), 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    const response = await get('app://harvester/assets/link.txt', root);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('does not serve a dot-file reached under another name', async () => {
    // What a Windows 8.3 short name (ENV~1 for .env) does; a link inside the folder does the same here.
    const root = renderer();
    symlinkSync(path.join(root, '.env'), path.join(root, 'ENV~1'));
    const response = await get('app://harvester/ENV~1', root);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });
});
