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
