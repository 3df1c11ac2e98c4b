/**
 * Renders UI under the same providers the app uses, with a fake API and an in-memory localStorage, so a
 * component test sees what the technician would (under StrictMode, as the app runs).
 */
import { render, type RenderResult } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import type { HarvesterApi } from '../../shared/api/harvester-api';
import type { Lang } from '../../shared/i18n/lang';
import { AppProvider } from '../../renderer/app/app-context';
import { createAppStore, type AppStore } from '../../renderer/app/app-store';

export interface RenderedApp extends RenderResult {
  readonly app: AppStore;
}

export function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

export function renderWithApp(ui: ReactNode, options: { api: HarvesterApi; lang?: Lang }): RenderedApp {
  const app = createAppStore({
    api: options.api,
    storage: memoryStorage(options.lang === undefined ? {} : { 'harvester.lang': options.lang }),
    browserLang: 'en',
  });
  // StrictMode as in renderer/main.tsx: effects run twice on mount, so a test sees what the app does.
  const result = render(
    <StrictMode>
      <AppProvider api={options.api} app={app}>
        {ui}
      </AppProvider>
    </StrictMode>,
  );
  return { ...result, app };
}
