/**
 * The main window's security settings, in one place and as plain data and functions, so the test suite can
 * assert every one of them without Electron. main.ts only passes the real BrowserWindow, WebContents and
 * Session in. The interfaces below are the slices of Electron's types these functions use (Electron's own
 * objects satisfy them; tests pass fakes).
 */
import { isAppOrigin, isAppPage, isAppResource } from './app-url';

/** Shown while the renderer paints its first frame; matches the UI's background so there is no white flash. */
export const WINDOW_BACKGROUND_COLOR = '#f5f6f8';

export const WINDOW_TITLE = 'Autopilot Harvester';

export interface MainWindowWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly spellcheck: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
}

export interface MainWindowOptions {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly backgroundColor: string;
  readonly show: false;
  readonly autoHideMenuBar: true;
  readonly webPreferences: MainWindowWebPreferences;
}

/**
 * Options for the one BrowserWindow. Every security setting is spelled out even where it is Electron's
 * default, so a change of default or a careless edit shows up in review and in the test. The window starts
 * hidden and main.ts shows it on `ready-to-show`. 1200x720 fits a 1366x768 laptop above Windows 11's
 * 48-pixel taskbar; the minimum keeps the device table usable.
 */
export function mainWindowOptions(preloadPath: string): MainWindowOptions {
  return {
    title: WINDOW_TITLE,
    width: 1200,
    height: 720,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: WINDOW_BACKGROUND_COLOR,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Dropping a file on the window must reach the Import screen's drop zone, never replace the app.
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** The part of an Electron event these handlers use. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** `will-navigate` / `will-redirect` details (Electron passes the URL on the event since v25). */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface HardenableWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface HardenOptions {
  /** The app page's URL (`APP_PAGE_URL`, `app://harvester/index.html`). */
  readonly appUrl: string;
  /** Told about each refused attempt, for the log. */
  readonly onBlocked?: (what: BlockedAttempt) => void;
}

export interface BlockedAttempt {
  readonly kind: 'window-open' | 'navigation' | 'redirect' | 'webview' | 'request' | 'permission';
  /** The URL or permission name refused. */
  readonly target: string;
}

/**
 * Keeps the window on the app's page: `window.open` and `target=_blank` are denied, navigations and
 * redirects to anything but the app page are cancelled, and `<webview>` cannot attach even if a page
 * managed to create one. The app has no links to the outside; anything that tries is a bug or an attack.
 */
export function hardenWebContents(webContents: HardenableWebContents, options: HardenOptions): void {
  const blocked = options.onBlocked ?? (() => {});
  webContents.setWindowOpenHandler(({ url }) => {
    blocked({ kind: 'window-open', target: url });
    return { action: 'deny' };
  });
  const guard = (kind: 'navigation' | 'redirect') => (event: NavigationEvent) => {
    if (isAppPage(event.url, options.appUrl)) return;
    event.preventDefault();
    blocked({ kind, target: event.url });
  };
  webContents.on('will-navigate', guard('navigation'));
  webContents.on('will-redirect', guard('redirect'));
  webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
    blocked({ kind: 'webview', target: '<webview>' });
  });
}

export interface RequestDetails {
  readonly url: string;
}

export interface HardenableSession {
  readonly webRequest: {
    onBeforeRequest(
      listener: (details: RequestDetails, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetails,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetails,
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/** What Electron tells a permission request handler about the asking frame (`PermissionRequest`). */
export interface PermissionRequestDetails {
  /** The last URL the requesting frame loaded. */
  readonly requestingUrl?: string;
}

/** What Electron tells a permission check handler (`PermissionCheckHandlerHandlerDetails`). */
export interface PermissionCheckDetails {
  /** The last URL the checking frame loaded; absent for cross-origin sub frames. */
  readonly requestingUrl?: string;
}

/**
 * The one permission the app page is given: writing plain text to the clipboard
 * (`navigator.clipboard.writeText`, the Copy buttons). Reading the clipboard (`clipboard-read`) stays refused.
 */
export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

/**
 * Whether `permission`, asked for by a frame at `requestingUrl` (and, for checks, `requestingOrigin`), is
 * granted: only the clipboard write, and only to the app page itself.
 */
function grantsPermission(
  permission: string,
  appUrl: string,
  requestingUrl: string | undefined,
  requestingOrigin?: string,
): boolean {
  if (permission !== CLIPBOARD_WRITE_PERMISSION) return false;
  if (requestingUrl === undefined || !isAppPage(requestingUrl, appUrl)) return false;
  return requestingOrigin === undefined || isAppOrigin(requestingOrigin, appUrl);
}

/**
 * Applies the policy to the window's session: every request for something that is not the app's own file
 * (see isAppResource) is cancelled before it leaves, and every permission (camera, notifications, clipboard
 * read, geolocation, USB/HID/serial devices...) is refused, both when the page asks and when it checks, except
 * the clipboard write (`clipboard-sanitized-write`, for the Copy buttons), granted to the app page only. The
 * Content-Security-Policy is not set here: the `app://` handler sends it with every file it serves
 * (app-protocol.ts): the session's header hooks do not run for `file:` or custom-protocol responses.
 */
export function hardenSession(session: HardenableSession, options: HardenOptions): void {
  const blocked = options.onBlocked ?? (() => {});
  session.webRequest.onBeforeRequest((details, callback) => {
    // DevTools' own pages (opened by a developer with the keyboard shortcut) are Chromium's, not content.
    const allowed = details.url.startsWith('devtools:') || isAppResource(details.url, options.appUrl);
    if (!allowed) blocked({ kind: 'request', target: details.url });
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = grantsPermission(permission, options.appUrl, details.requestingUrl);
    if (!granted) blocked({ kind: 'permission', target: permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    grantsPermission(permission, options.appUrl, details.requestingUrl, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
