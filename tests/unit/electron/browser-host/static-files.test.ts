import { describe, expect, it } from 'vitest';
import { contentTypeOf, isSafeSegment, safeSegments } from '../../../../electron/browser-host/static-files';

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

describe('isSafeSegment', () => {
  it.each([
    'CON',
    'con',
    'PRN',
    'aux',
    'NUL',
    'Nul',
    'COM1',
    'com9',
    'COM0',
    'COM\u00b9',
    'LPT1',
    'lpt9',
    'CONIN$',
    'conout$',
    'con.js',
    'NUL.txt',
    'nul.tar.gz',
    'Com1 .txt',
    'aux ',
    'con.',
    'index.html::$DATA',
    'index.html:stream',
    'C:',
    'index.html.',
    'index.html ',
    '..',
    '.',
    'a\\b',
  ])('refuses %j, which Windows reads as a device, a stream or another name', (segment) => {
    expect(isSafeSegment(segment)).toBe(false);
  });

  it.each([
    'index.html',
    'console.js',
    'null.js',
    'auxiliary.css',
    'com10',
    'lpt',
    'COM1x.js',
    'my con.js',
    'a.b.c',
  ])('accepts %j, which only looks like a device name', (segment) => {
    expect(isSafeSegment(segment)).toBe(true);
  });

  it.each([
    '/COM1',
    '/con.js',
    '/assets/NUL',
    '/LPT1.png',
    '/%43%4F%4E',
    '/aux%20.css',
    '/index.html%3A%3A%24DATA',
  ])('makes safeSegments refuse %s', (target) => {
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
