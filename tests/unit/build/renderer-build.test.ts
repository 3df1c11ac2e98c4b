/**
 * The renderer build (vite.config.ts) against what serves it: the page's strict Content-Security-Policy
 * allows no inline script or style, and both the `app://` scheme and the browser host serve it from its own
 * folder, so every reference must be a relative file inside the build. Builds the real renderer once, into
 * a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appProtocolResponse } from '../../../electron/shell/app-protocol';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
// One build for the whole file (useTempDir would remove it after the first test).
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'harvester-renderer-build-'));
const outDir = path.join(tempDir, 'renderer');
let html = '';

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root: path.join(root, 'renderer'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
}, 120_000);

/** Every `src` and `href` in the page. */
function references(page: string): string[] {
  return [...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('the renderer build', () => {
  it('has no inline script: every script element loads a file', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\ssrc="/);
      expect(body.trim()).toBe('');
    }
  });

  it('has no inline style: no style element and no style attribute', () => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it('has no inline event handlers', () => {
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('refers only to relative files inside the build', () => {
    const refs = references(html);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\.\/assets\/[\w.-]+$/);
  });

  it('is served whole by the app:// scheme, each file with the type its element expects', async () => {
    const page = await appProtocolResponse({ url: APP_PAGE_URL, method: 'GET' }, outDir);
    expect(page.status).toBe(200);
    for (const ref of references(html)) {
      const response = await appProtocolResponse(
        { url: new URL(ref, APP_PAGE_URL).href, method: 'GET' },
        outDir,
      );
      expect(response.status, ref).toBe(200);
      const expected = ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(response.headers.get('content-type'), ref).toBe(expected);
    }
  });
});
