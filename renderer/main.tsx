/**
 * The page's entry: connect to the services (Electron preload or browser host), make the stores, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { langFromLocale } from '../shared/i18n/lang';
// The shared building blocks first, so a screen's own stylesheet (bundled after) wins ties.
import './styles/app.css';
import { connect } from './api/connect';
import { AppProvider, i18nFor } from './app/app-context';
import { App } from './app/app';
import { createAppStore } from './app/app-store';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
const browserLang = langFromLocale(navigator.language) ?? 'en';
const connection = connect({
  preloadApi: (window as unknown as { harvester?: unknown }).harvester,
  location: window.location,
  history: window.history,
  sessionStorage: sessionStorageOrNull(),
});

if (connection.kind === 'no-token' || connection.kind === 'no-preload') {
  // No services to reach: say what to do instead of showing screens that cannot work.
  const i18n = i18nFor(browserLang);
  const key = connection.kind === 'no-token' ? 'noToken' : 'noPreload';
  createRoot(root).render(
    <StrictMode>
      <main className="no-token" lang={browserLang}>
        <h1>{i18n.t(`${key}.title`)}</h1>
        <p>{i18n.t(`${key}.body`)}</p>
      </main>
    </StrictMode>,
  );
} else {
  const app = createAppStore({ api: connection.api, storage: localStorageOrNull(), browserLang });
  createRoot(root).render(
    <StrictMode>
      <AppProvider api={connection.api} app={app}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}
