/**
 * Stand-ins for the Electron objects the shell hardens: they record the handlers installed and let a test
 * fire the events Electron would.
 */
import type {
  HardenableSession,
  HardenableWebContents,
  NavigationEvent,
  PermissionCheckDetails,
  PermissionRequestDetails,
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
  details: PermissionRequestDetails,
) => void;
type PermissionCheck = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails,
) => boolean;

/** Who asks for a permission: the frame's URL and origin, as Electron reports them. */
export interface PermissionAsker {
  readonly requestingUrl?: string;
  readonly requestingOrigin?: string;
}

/** The app page asking, as Electron reports it: its URL, and the origin of the standard `app:` scheme. */
export const APP_PAGE_ASKER: PermissionAsker = {
  requestingUrl: 'app://harvester/index.html',
  requestingOrigin: 'app://harvester',
};

export class FakeSession implements HardenableSession {
  beforeRequest: BeforeRequest | undefined;
  permissionRequest: PermissionRequest | undefined;
  permissionCheck: PermissionCheck | undefined;
  devicePermission: (() => boolean) | undefined;

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheck): void {
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

  /** What a frame (the app page unless told otherwise) gets when it requests `permission`. */
  grants(permission: string, asker: PermissionAsker = APP_PAGE_ASKER): boolean {
    let granted: boolean | undefined;
    const details = asker.requestingUrl === undefined ? {} : { requestingUrl: asker.requestingUrl };
    this.permissionRequest?.(
      {},
      permission,
      (answer) => {
        granted = answer;
      },
      details,
    );
    if (granted === undefined) throw new Error('the permission request was not answered');
    return granted;
  }

  /** What a frame (the app page unless told otherwise) gets when it checks `permission`. */
  checks(permission: string, asker: PermissionAsker = APP_PAGE_ASKER): boolean {
    if (this.permissionCheck === undefined) throw new Error('no permission check handler');
    const details = asker.requestingUrl === undefined ? {} : { requestingUrl: asker.requestingUrl };
    return this.permissionCheck({}, permission, asker.requestingOrigin ?? '', details);
  }
}
