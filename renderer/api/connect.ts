/**
 * Finds the services the page talks to: the Electron preload's `window.harvester`, or the browser host
 * reached over HTTP with the token from the address the host printed. A desktop page without the preload
 * never tries the browser host.
 */
import type { HarvesterApi } from '../../shared/api/harvester-api';
import { harvesterApiOver } from './harvester-client';
import { createHttpApiClient, tokenFromLocationHash } from './http-client';

export type Connection =
  | { readonly kind: 'electron'; readonly api: HarvesterApi }
  | { readonly kind: 'browser'; readonly api: HarvesterApi }
  /** Opened in a browser without the `#token=` address (a bookmark, a copied address without its end). */
  | { readonly kind: 'no-token' }
  /**
   * The desktop app's page (`app:`) without the preload's `window.harvester`: the preload failed to load
   * (damaged install files). The browser host's advice does not apply there; nothing can be reached.
   */
  | { readonly kind: 'no-preload' };

/** The desktop window's page scheme (electron/shell/app-protocol.ts, APP_SCHEME), as `location.protocol`. */
export const DESKTOP_PROTOCOL = 'app:';

/** Where the token is kept for reloads of this tab; sessionStorage ends with the tab. */
export const TOKEN_STORAGE_KEY = 'harvester.token';

export interface ConnectEnvironment {
  readonly preloadApi: unknown;
  readonly location: Pick<Location, 'protocol' | 'origin' | 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState'> | null;
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly fetch?: typeof fetch;
}

export function connect(env: ConnectEnvironment): Connection {
  if (typeof env.preloadApi === 'object' && env.preloadApi !== null) {
    return { kind: 'electron', api: env.preloadApi as HarvesterApi };
  }
  // Only the desktop window loads the page from app:; there the services come from the preload or not at all.
  if (env.location.protocol === DESKTOP_PROTOCOL) return { kind: 'no-preload' };
  const fromAddress = tokenFromLocationHash(env.location.hash);
  const token = fromAddress ?? safeGet(env.sessionStorage, TOKEN_STORAGE_KEY);
  if (token === undefined) return { kind: 'no-token' };
  if (fromAddress !== undefined) {
    safeSet(env.sessionStorage, TOKEN_STORAGE_KEY, fromAddress);
    // Keep the token out of the address bar (screenshots, screen sharing, history); reloads find it in this
    // tab's sessionStorage.
    env.history?.replaceState(null, '', env.location.pathname + env.location.search);
  }
  return {
    kind: 'browser',
    api: harvesterApiOver(createHttpApiClient(env.location.origin, token, env.fetch)),
  };
}

function safeGet(storage: ConnectEnvironment['sessionStorage'], key: string): string | undefined {
  try {
    const value = storage?.getItem(key);
    return value === null || value === undefined || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

function safeSet(storage: ConnectEnvironment['sessionStorage'], key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage refused (private mode): reloads will need the printed address again, nothing else changes.
  }
}
