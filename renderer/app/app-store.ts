/**
 * The app-wide state: language, current screen, what the services said about themselves, and a counter that
 * moves whenever the ledger changed (screens that show ledger data reload when it moves).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiOutput, HarvesterApi } from '../../shared/api/harvester-api';
import type { Lang } from '../../shared/i18n/lang';
import { LANGS } from '../../shared/i18n/lang';
import { describeFailure, type UiFailure } from './ui-failure';
import type { Screen } from './screens';
import { AVAILABLE_SCREENS } from './screens';

export type AppInfo = ApiOutput<'appInfo'>;

export interface AppState {
  readonly lang: Lang;
  /** The technician picked the language (kept across starts); otherwise it follows the OS. */
  readonly langChosen: boolean;
  readonly screen: Screen;
  readonly appInfo: AppInfo | null;
  readonly appInfoFailure: UiFailure | null;
  /** Moves on every ledger change this window made (collect, import, delete, export, submit). */
  readonly ledgerVersion: number;
  /**
   * Devices another screen asked to export (Devices' "Export selected", Import's "Export these"); the Export
   * screen takes them as its selection and clears this.
   */
  readonly pendingExportIds: readonly string[] | null;
  /** Devices another screen asked to submit (Devices' "Submit selected"); the Submit screen takes them. */
  readonly pendingSubmitIds: readonly string[] | null;
  setLang(lang: Lang): void;
  go(screen: Screen): void;
  loadAppInfo(): Promise<void>;
  noteLedgerChanged(): void;
  /** Opens the Export screen with these devices chosen. */
  exportDevices(ids: readonly string[]): void;
  /** The Export screen took `pendingExportIds`. */
  takePendingExport(): readonly string[] | null;
  /** Opens the Submit screen with these devices chosen. */
  submitDevices(ids: readonly string[]): void;
  /** The Submit screen took `pendingSubmitIds`. */
  takePendingSubmit(): readonly string[] | null;
}

export type AppStore = StoreApi<AppState>;

/** Where the chosen language is kept (localStorage of the app's origin). */
export const LANG_STORAGE_KEY = 'harvester.lang';

export interface AppStoreOptions {
  readonly api: HarvesterApi;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The browser's language, used until the services say the OS default. */
  readonly browserLang: Lang;
}

export function createAppStore(options: AppStoreOptions): AppStore {
  const stored = readLang(options.storage);
  let appInfoRequests = 0;
  return createStore<AppState>()((set, get) => ({
    lang: stored ?? options.browserLang,
    langChosen: stored !== undefined,
    screen: 'collect',
    appInfo: null,
    appInfoFailure: null,
    ledgerVersion: 0,
    pendingExportIds: null,
    pendingSubmitIds: null,
    setLang(lang) {
      try {
        options.storage?.setItem(LANG_STORAGE_KEY, lang);
      } catch {
        // Not kept across starts; this session still switches.
      }
      set({ lang, langChosen: true });
    },
    go(screen) {
      if (AVAILABLE_SCREENS.has(screen)) set({ screen });
    },
    async loadAppInfo() {
      // Several screens ask at once (start, Settings, every ledger change): only the latest answer counts,
      // so a slow older one cannot bring back an older device count.
      const request = ++appInfoRequests;
      try {
        const appInfo = await options.api.appInfo({});
        if (request !== appInfoRequests) return;
        set((state) => ({
          appInfo,
          appInfoFailure: null,
          lang: state.langChosen ? state.lang : appInfo.defaultLang,
        }));
      } catch (error) {
        if (request !== appInfoRequests) return;
        set({ appInfoFailure: describeFailure(error) });
      }
    },
    noteLedgerChanged() {
      set((state) => ({ ledgerVersion: state.ledgerVersion + 1 }));
      void get().loadAppInfo();
    },
    exportDevices(ids) {
      set({ pendingExportIds: ids.length > 0 ? [...ids] : null, screen: 'export' });
    },
    takePendingExport() {
      const ids = get().pendingExportIds;
      if (ids !== null) set({ pendingExportIds: null });
      return ids;
    },
    submitDevices(ids) {
      set({ pendingSubmitIds: ids.length > 0 ? [...ids] : null, screen: 'submit' });
    },
    takePendingSubmit() {
      const ids = get().pendingSubmitIds;
      if (ids !== null) set({ pendingSubmitIds: null });
      return ids;
    },
  }));
}

function readLang(storage: AppStoreOptions['storage']): Lang | undefined {
  try {
    const value = storage?.getItem(LANG_STORAGE_KEY);
    return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : undefined;
  } catch {
    return undefined;
  }
}
