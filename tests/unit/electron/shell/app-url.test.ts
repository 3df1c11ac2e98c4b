import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../../../electron/shell/app-protocol';
import { isAppOrigin, isAppPage, isAppResource } from '../../../../electron/shell/app-url';

describe('isAppPage', () => {
  it('accepts the app page with any query or hash', () => {
    expect(isAppPage(APP_PAGE_URL, APP_PAGE_URL)).toBe(true);
    expect(isAppPage(`${APP_PAGE_URL}?a=1#/export`, APP_PAGE_URL)).toBe(true);
  });

  it('accepts the same page spelled with dot segments', () => {
    expect(isAppPage('app://harvester/assets/../index.html', APP_PAGE_URL)).toBe(true);
  });

  it('rejects other files, other hosts, other schemes and garbage', () => {
    expect(isAppPage('app://harvester/evil.html', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('app://harvester/', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('app://other/index.html', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('file:///C:/Harvester/dist/renderer/index.html', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('https://harvester/index.html', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('::', APP_PAGE_URL)).toBe(false);
    expect(isAppPage(APP_PAGE_URL, 'not a url')).toBe(false);
  });

  it('compares an http app page by origin and path', () => {
    const devUrl = 'http://127.0.0.1:5173/index.html';
    expect(isAppPage('http://127.0.0.1:5173/index.html#x', devUrl)).toBe(true);
    expect(isAppPage('http://127.0.0.1:5174/index.html', devUrl)).toBe(false);
    expect(isAppPage('https://127.0.0.1:5173/index.html', devUrl)).toBe(false);
  });
});

describe('isAppResource', () => {
  it("accepts the app's own files", () => {
    expect(isAppResource('app://harvester/assets/index-4f2a.css', APP_PAGE_URL)).toBe(true);
    expect(isAppResource('app://harvester/fonts/a.woff2?v=1', APP_PAGE_URL)).toBe(true);
  });

  it('rejects another host of the same scheme', () => {
    expect(isAppResource('app://harvester-evil/x.js', APP_PAGE_URL)).toBe(false);
    expect(isAppResource('app://evil/assets/x.js', APP_PAGE_URL)).toBe(false);
  });

  it('rejects files on disk, even the renderer build itself', () => {
    expect(isAppResource('file:///C:/Harvester/dist/renderer/index.html', APP_PAGE_URL)).toBe(false);
  });

  it('accepts inline data and blobs but nothing remote', () => {
    expect(isAppResource('data:text/plain,hi', APP_PAGE_URL)).toBe(true);
    expect(isAppResource('blob:app://harvester/6a1c', APP_PAGE_URL)).toBe(true);
    expect(isAppResource('https://example.com/a.js', APP_PAGE_URL)).toBe(false);
    expect(isAppResource('ws://127.0.0.1:1/', APP_PAGE_URL)).toBe(false);
  });
});

describe('isAppOrigin', () => {
  it('accepts the app origin, with or without the trailing slash Chromium may add', () => {
    expect(isAppOrigin('app://harvester', APP_PAGE_URL)).toBe(true);
    expect(isAppOrigin('app://harvester/', APP_PAGE_URL)).toBe(true);
  });

  it.each([
    'app://attacker',
    'app://harvester/index.html',
    'app://harvester/?x=1',
    'app://user@harvester',
    'https://harvester',
    'file://',
    'null',
    '',
  ])('rejects %j, which is not the app origin', (origin) => {
    expect(isAppOrigin(origin, APP_PAGE_URL)).toBe(false);
  });
});
