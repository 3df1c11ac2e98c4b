import { describe, expect, it } from 'vitest';
import { contentTypeOf, safeSegments } from '../../../../electron/browser-host/static-files';

describe('safeSegments', () => {
  it('splits and decodes a plain path, ignoring the query', () => {
    expect(safeSegments('/assets/app%20x.js?v=1')).toEqual(['assets', 'app x.js']);
  });

  it('gives no segments for the root', () => {
    expect(safeSegments('/')).toEqual([]);
  });

  it.each([
    '/../package.json',
    '/a/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%5cpackage.json',
    '/C:%5cWindows%5cwin.ini',
    '/index.html::$DATA',
    '/index.html.',
    '/nul%00.js',
    '/%E0%A4%A',
    'http://127.0.0.1/index.html',
  ])('refuses %s', (target) => {
    expect(safeSegments(target)).toBeUndefined();
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.JS', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.bin', 'application/octet-stream'],
  ])('serves %s as %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});
