import { describe, expect, it } from 'vitest';
import { isAppPage, isAppResource } from '../../../../electron/shell/app-url';

const APP_URL = 'file:///C:/Harvester/dist/renderer/index.html';

describe('isAppPage', () => {
  it('accepts the app page with any query or hash', () => {
    expect(isAppPage(APP_URL, APP_URL)).toBe(true);
    expect(isAppPage(`${APP_URL}?a=1#/export`, APP_URL)).toBe(true);
  });

  it('accepts the same page spelled with dot segments', () => {
    expect(isAppPage('file:///C:/Harvester/dist/electron/../renderer/index.html', APP_URL)).toBe(true);
  });

  it('rejects other files, other hosts, other schemes and garbage', () => {
    expect(isAppPage('file:///C:/Harvester/dist/renderer/evil.html', APP_URL)).toBe(false);
    expect(isAppPage('file://server/C:/Harvester/dist/renderer/index.html', APP_URL)).toBe(false);
    expect(isAppPage('https://c/Harvester/dist/renderer/index.html', APP_URL)).toBe(false);
    expect(isAppPage('::', APP_URL)).toBe(false);
    expect(isAppPage(APP_URL, 'not a url')).toBe(false);
  });

  it('compares an http app page by origin and path', () => {
    const devUrl = 'http://127.0.0.1:5173/index.html';
    expect(isAppPage('http://127.0.0.1:5173/index.html#x', devUrl)).toBe(true);
    expect(isAppPage('http://127.0.0.1:5174/index.html', devUrl)).toBe(false);
    expect(isAppPage('https://127.0.0.1:5173/index.html', devUrl)).toBe(false);
  });
});

describe('isAppResource', () => {
  it('accepts files in the app page folder and below it', () => {
    expect(isAppResource('file:///C:/Harvester/dist/renderer/assets/app.css', APP_URL)).toBe(true);
    expect(isAppResource('file:///C:/Harvester/dist/renderer/fonts/a.woff2?v=1', APP_URL)).toBe(true);
  });

  it('rejects a sibling folder whose name merely starts like the app folder', () => {
    expect(isAppResource('file:///C:/Harvester/dist/renderer-evil/x.js', APP_URL)).toBe(false);
  });

  it('rejects escapes through dot segments, encoded or not', () => {
    expect(isAppResource('file:///C:/Harvester/dist/renderer/../secret.txt', APP_URL)).toBe(false);
    expect(isAppResource('file:///C:/Harvester/dist/renderer/%2E%2E/secret.txt', APP_URL)).toBe(false);
  });

  it('accepts inline data and blobs but nothing remote', () => {
    expect(isAppResource('data:text/plain,hi', APP_URL)).toBe(true);
    expect(isAppResource('blob:file:///6a1c', APP_URL)).toBe(true);
    expect(isAppResource('https://example.com/a.js', APP_URL)).toBe(false);
    expect(isAppResource('ws://127.0.0.1:1/', APP_URL)).toBe(false);
  });
});
