/**
 * Stand-ins for the Electron objects the shell hardens: they record the handlers installed and let a test
 * fire the events Electron would.
 */
import type {
  HardenableSession,
  HardenableWebContents,
  NavigationEvent,
  PreventableEvent,
  RequestDetails,
} from '../../../../electron/shell/window-options';

export interface FiredEvent {
  readonly prevented: boolean;
}

export class FakeWebContents implements HardenableWebContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  private readonly listeners = new Map<string, ((event: never) => void)[]>();

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  on(event: string, listener: (event: never) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Fires `event` as Electron would and says whether any listener prevented the default. */
  fire(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): FiredEvent {
    let prevented = false;
    const details: NavigationEvent & PreventableEvent = {
      url,
      preventDefault: () => {
        prevented = true;
      },
    };
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (e: NavigationEvent) => void)(details);
    return { prevented };
  }
}

type BeforeRequest = (details: RequestDetails, callback: (response: { cancel: boolean }) => void) => void;
type PermissionRequest = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export class FakeSession implements HardenableSession {
  beforeRequest: BeforeRequest | undefined;
  permissionRequest: PermissionRequest | undefined;
  permissionCheck: ((webContents: unknown, permission: string) => boolean) | undefined;
  devicePermission: (() => boolean) | undefined;

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void {
    this.permissionCheck = handler;
  }

  setDevicePermissionHandler(handler: () => boolean): void {
    this.devicePermission = handler;
  }

  /** Whether the session lets a request for `url` go ahead. */
  allows(url: string): boolean {
    let cancel: boolean | undefined;
    this.beforeRequest?.({ url }, (response) => {
      cancel = response.cancel;
    });
    if (cancel === undefined) throw new Error('onBeforeRequest did not answer');
    return !cancel;
  }

  /** What the page gets when it requests `permission`. */
  grants(permission: string): boolean {
    let granted: boolean | undefined;
    this.permissionRequest?.({}, permission, (answer) => {
      granted = answer;
    });
    if (granted === undefined) throw new Error('the permission request was not answered');
    return granted;
  }
}
