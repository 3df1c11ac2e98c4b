import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../../../electron/shell/app-protocol';
import {
  CLIPBOARD_WRITE_PERMISSION,
  hardenSession,
  hardenWebContents,
  mainWindowOptions,
  type BlockedAttempt,
} from '../../../../electron/shell/window-options';
import { APP_PAGE_ASKER, FakeSession, FakeWebContents } from './fake-web-contents';

const APP_URL = APP_PAGE_URL;

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('C:\\Harvester\\resources\\app.asar\\dist\\electron\\preload.cjs');

  it('isolates and sandboxes the page with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and refuses insecure content, webviews, spellcheck and drag-drop navigation', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses the given preload', () => {
    expect(options.webPreferences.preload).toBe(
      'C:\\Harvester\\resources\\app.asar\\dist\\electron\\preload.cjs',
    );
  });

  it('sets no web preference beyond the reviewed list', () => {
    expect(Object.keys(options.webPreferences).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('opens hidden, titled, with a background colour, and fits a 1366x768 screen above the taskbar', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Autopilot Harvester');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBeLessThanOrEqual(options.width);
    expect(options.minHeight).toBeLessThanOrEqual(options.height);
    expect(options.width).toBeLessThanOrEqual(1366);
    expect(options.height).toBeLessThanOrEqual(768 - 48);
  });
});

describe('hardenWebContents', () => {
  function hardened(): { contents: FakeWebContents; blocked: BlockedAttempt[] } {
    const contents = new FakeWebContents();
    const blocked: BlockedAttempt[] = [];
    hardenWebContents(contents, { appUrl: APP_URL, onBlocked: (what) => blocked.push(what) });
    return { contents, blocked };
  }

  it('denies window.open and target=_blank links', () => {
    const { contents, blocked } = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(blocked[0]).toEqual({ kind: 'window-open', target: 'https://example.com/' });
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///C:/Windows/System32/drivers/etc/hosts',
    'file:///C:/Harvester/resources/app.asar/dist/renderer/index.html',
    'app://harvester/other.html',
    'app://other/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('cancels navigation to %s', (url) => {
    const { contents, blocked } = hardened();
    expect(contents.fire('will-navigate', url).prevented).toBe(true);
    expect(blocked).toEqual([{ kind: 'navigation', target: url }]);
  });

  it('cancels redirects away from the app', () => {
    const { contents } = hardened();
    expect(contents.fire('will-redirect', 'https://example.com/').prevented).toBe(true);
  });

  it('lets the app page reload itself, with or without a query or hash', () => {
    const { contents, blocked } = hardened();
    expect(contents.fire('will-navigate', APP_URL).prevented).toBe(false);
    expect(contents.fire('will-navigate', `${APP_URL}#/devices`).prevented).toBe(false);
    expect(contents.fire('will-redirect', `${APP_URL}?lang=ja`).prevented).toBe(false);
    expect(blocked).toEqual([]);
  });

  it('refuses to attach a webview', () => {
    const { contents, blocked } = hardened();
    expect(contents.fire('will-attach-webview').prevented).toBe(true);
    expect(blocked).toEqual([{ kind: 'webview', target: '<webview>' }]);
  });

  it('works without a listener for blocked attempts', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, { appUrl: APP_URL });
    expect(contents.fire('will-navigate', 'https://example.com/').prevented).toBe(true);
  });
});

describe('hardenSession', () => {
  function hardened(): { session: FakeSession; blocked: BlockedAttempt[] } {
    const session = new FakeSession();
    const blocked: BlockedAttempt[] = [];
    hardenSession(session, { appUrl: APP_URL, onBlocked: (what) => blocked.push(what) });
    return { session, blocked };
  }

  it('lets the app page and the files beside it load', () => {
    const { session, blocked } = hardened();
    expect(session.allows(APP_URL)).toBe(true);
    expect(session.allows('app://harvester/assets/index-4f2a.js')).toBe(true);
    expect(session.allows('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(session.allows('devtools://devtools/bundled/devtools_app.html')).toBe(true);
    expect(blocked).toEqual([]);
  });

  it.each([
    'https://example.com/script.js',
    'http://localhost:5173/',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'file:///C:/Users/tech/Documents/secret.txt',
    'file:///C:/Harvester/resources/app.asar/dist/renderer/assets/index-4f2a.js',
    'file://attacker-host/share/page.html',
    'app://attacker/page.html',
  ])('blocks a request for %s', (url) => {
    const { session, blocked } = hardened();
    expect(session.allows(url)).toBe(false);
    expect(blocked).toEqual([{ kind: 'request', target: url }]);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'deprecated-sync-clipboard-read',
    'openExternal',
    'unknown',
  ])('refuses the %s permission to the app page when asked and when checked', (permission) => {
    const { session, blocked } = hardened();
    expect(session.grants(permission)).toBe(false);
    expect(session.checks(permission)).toBe(false);
    expect(blocked).toEqual([{ kind: 'permission', target: permission }]);
  });

  it('lets the app page write to the clipboard, when it asks and when it checks', () => {
    // navigator.clipboard.writeText behind the Copy buttons (Settings, hash details, Export's group name).
    const { session, blocked } = hardened();
    expect(CLIPBOARD_WRITE_PERMISSION).toBe('clipboard-sanitized-write');
    expect(session.grants('clipboard-sanitized-write')).toBe(true);
    expect(session.checks('clipboard-sanitized-write')).toBe(true);
    expect(session.grants('clipboard-sanitized-write', { requestingUrl: `${APP_URL}?a=1#/export` })).toBe(
      true,
    );
    expect(
      session.checks('clipboard-sanitized-write', {
        ...APP_PAGE_ASKER,
        requestingOrigin: 'app://harvester/',
      }),
    ).toBe(true);
    expect(blocked).toEqual([]);
  });

  it.each([
    ['another file of the app', 'app://harvester/evil.html'],
    ['another app host', 'app://attacker/index.html'],
    ['a web page', 'https://example.com/'],
    ['a file: page', 'file:///C:/Harvester/resources/app.asar/dist/renderer/index.html'],
    ['a frame that gives no URL', undefined],
  ])('refuses the clipboard write to %s, when it asks and when it checks', (_who, requestingUrl) => {
    const { session, blocked } = hardened();
    const origin = requestingUrl === undefined ? 'app://harvester' : new URL(requestingUrl).origin;
    expect(session.grants('clipboard-sanitized-write', { requestingUrl })).toBe(false);
    expect(session.checks('clipboard-sanitized-write', { requestingUrl, requestingOrigin: origin })).toBe(
      false,
    );
    expect(blocked).toEqual([{ kind: 'permission', target: 'clipboard-sanitized-write' }]);
  });

  it.each(['https://example.com', 'null', '', 'app://attacker', 'app://harvester/index.html'])(
    'refuses a clipboard write check from the app URL whose origin is %j',
    (requestingOrigin) => {
      const { session } = hardened();
      expect(session.checks('clipboard-sanitized-write', { requestingUrl: APP_URL, requestingOrigin })).toBe(
        false,
      );
    },
  );

  it('refuses access to USB, HID and serial devices', () => {
    const { session } = hardened();
    expect(session.devicePermission?.()).toBe(false);
  });
});
