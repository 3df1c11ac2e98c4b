/**
 * The desktop app's entry: wiring only. Every decision (window settings, what may load, what the `app://`
 * scheme serves, who may call the API, how payloads are checked, where files are) lives in electron/shell/
 * and is tested there; the API's behaviour lives behind createHarvesterService. Bundled to
 * dist/electron/main.js by build/bundle-electron.js, beside the renderer build in dist/renderer/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
  type WebFrameMain,
} from 'electron';
import { createHarvesterService, type HarvesterService } from './api/harvester-service';
import { authSettingsPath } from './auth/sign-in-settings';
import { harvesterApiHandlers } from './shell/api-handlers';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolResponse } from './shell/app-protocol';
import { appPaths } from './shell/app-paths';
import { isTrustedFrame, registerApiHandlers } from './shell/ipc';
import { safeStorageProtector } from './shell/secret-protector';
import {
  WINDOW_TITLE,
  hardenSession,
  hardenWebContents,
  mainWindowOptions,
  type BlockedAttempt,
} from './shell/window-options';

const paths = appPaths({
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});

// Before `ready`, and in one call: Electron honours only the first registration of privileged schemes.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

let mainWindow: BrowserWindow | null = null;
let service: HarvesterService | null = null;

function logBlocked(what: BlockedAttempt): void {
  console.warn(`Blocked ${what.kind}: ${what.target}`);
}

/** The sender is the main window's own top frame showing the app page. */
function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (frame === null || mainWindow === null || mainWindow.isDestroyed()) return false;
  return webContents.fromFrame(frame) === mainWindow.webContents && isTrustedFrame(frame, APP_PAGE_URL);
}

function createMainWindow(): BrowserWindow {
  // Its webContents is hardened by the web-contents-created handler below, before anything loads.
  const window = new BrowserWindow(mainWindowOptions(paths.preload));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_PAGE_URL);
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  // The window uses the default session, where `protocol.handle` registers.
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request, paths.rendererDir));
  hardenSession(session.defaultSession, { appUrl: APP_PAGE_URL, onBlocked: logBlocked });
  try {
    // NODE_POWERSHELL exists for tests; in the shipped app the executable is fixed (STYLE: one wrapper per
    // program, executable hard-coded), so an environment variable cannot swap the program that reads the hash.
    if (app.isPackaged) delete process.env.NODE_POWERSHELL;
    // Sign-in settings and the token cache (encrypted by the OS, never in clear) live in the app's data folder.
    const userData = app.getPath('userData');
    service = await createHarvesterService({
      env: process.env,
      collectScriptPath: paths.collectScript,
      auth: {
        settingsFile: authSettingsPath(userData),
        tokenDir: userData,
        protector: safeStorageProtector(safeStorage),
      },
      // Browser sign-in opens the system browser (the device code flow needs none).
      openExternal: (url) => shell.openExternal(url),
    });
  } catch (error) {
    // The ledger could not be opened (another copy holds it, or its folder is unreadable): say so, leave.
    dialog.showErrorBox(WINDOW_TITLE, error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  registerApiHandlers<WebFrameMain>(ipcMain, harvesterApiHandlers(service), isTrustedSender, (call) =>
    console.warn(`Refused ${call} from an untrusted frame`),
  );
  mainWindow = createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is running (a second double-click on the USB stick): it gets focus, this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => {
    // Every webContents, not just the main window's: nothing the app creates may open or navigate away.
    hardenWebContents(contents, { appUrl: APP_PAGE_URL, onBlocked: logBlocked });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Let pending ledger writes finish and release the ledger lock before the process ends.
    if (service === null) return;
    const closing = service;
    service = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
