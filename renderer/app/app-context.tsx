/**
 * What every component reaches through React context: the API, the app store, and one store per feature
 * (created on first use and kept for the window's life, so a half-filled form survives switching screens).
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { HarvesterApi } from '../../shared/api/harvester-api';
import type { Lang } from '../../shared/i18n/lang';
import {
  formatBytes,
  formatDateTime,
  formatNumber,
  plural,
  translate,
  type MessageParams,
  type PluralKey,
} from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { AppState, AppStore } from './app-store';

/** What a feature store is made from. */
export interface FeatureDeps {
  readonly api: HarvesterApi;
  readonly app: AppStore;
}

export type FeatureStoreFactory<S> = (deps: FeatureDeps) => StoreApi<S>;

interface AppContextValue extends FeatureDeps {
  readonly features: Map<FeatureStoreFactory<unknown>, StoreApi<unknown>>;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider(props: { api: HarvesterApi; app: AppStore; children: ReactNode }): ReactNode {
  const { api, app } = props;
  const value = useMemo<AppContextValue>(() => ({ api, app, features: new Map() }), [api, app]);
  return <AppContext.Provider value={value}>{props.children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('AppProvider is missing above this component');
  return value;
}

export function useApi(): HarvesterApi {
  return useAppContext().api;
}

export function useAppStoreApi(): AppStore {
  return useAppContext().app;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().app, selector);
}

/** The feature's store (made with `factory` the first time any component asks). */
export function useFeatureStoreApi<S>(factory: FeatureStoreFactory<S>): StoreApi<S> {
  const context = useAppContext();
  let store = context.features.get(factory as FeatureStoreFactory<unknown>) as StoreApi<S> | undefined;
  if (store === undefined) {
    store = factory({ api: context.api, app: context.app });
    context.features.set(factory as FeatureStoreFactory<unknown>, store as StoreApi<unknown>);
  }
  return store;
}

export function useFeatureState<S, T>(factory: FeatureStoreFactory<S>, selector: (state: S) => T): T {
  return useStore(useFeatureStoreApi(factory), selector);
}

export interface I18n {
  readonly lang: Lang;
  t(key: MessageKey, params?: MessageParams): string;
  plural(key: PluralKey, count: number, params?: MessageParams): string;
  number(value: number): string;
  dateTime(iso: string): string;
  bytes(value: number): string;
}

export function i18nFor(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    plural: (key, count, params) => plural(lang, key, count, params),
    number: (value) => formatNumber(lang, value),
    dateTime: (iso) => formatDateTime(lang, iso),
    bytes: (value) => formatBytes(lang, value),
  };
}

/** Texts in the current language; components re-render when it changes. */
export function useI18n(): I18n {
  const lang = useAppState((state) => state.lang);
  return useMemo(() => i18nFor(lang), [lang]);
}
