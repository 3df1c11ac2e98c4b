/**
 * The window: navigation on the left, the current screen on the right. Screens keep their state in feature
 * stores, so switching away and back loses nothing.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { LANGS } from '../../shared/i18n/lang';
import { CollectScreen } from '../screens/collect/collect-screen';
import { DevicesScreen } from '../screens/devices/devices-screen';
import { ExportScreen } from '../screens/export/export-screen';
import { ImportScreen } from '../screens/import/import-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { SubmitScreen } from '../screens/submit/submit-screen';
import { useAppState, useAppStoreApi, useI18n } from './app-context';
import type { MessageKey } from '../i18n/messages';
import { AVAILABLE_SCREENS, SCREENS, type Screen } from './screens';
import { useDropGuard } from './use-drop-guard';

const NAV_LABELS: Readonly<Record<Screen, MessageKey>> = {
  collect: 'nav.collect',
  devices: 'nav.devices',
  import: 'nav.import',
  export: 'nav.export',
  submit: 'nav.submit',
  settings: 'nav.settings',
};

function CurrentScreen(props: { screen: Screen }): ReactNode {
  switch (props.screen) {
    case 'collect':
      return <CollectScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'import':
      return <ImportScreen />;
    case 'export':
      return <ExportScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'submit':
      return <SubmitScreen />;
  }
}

function Navigation(): ReactNode {
  const i18n = useI18n();
  const screen = useAppState((state) => state.screen);
  const app = useAppStoreApi();
  return (
    <nav className="app-nav" aria-label={i18n.t('nav.label')}>
      <ul>
        {SCREENS.filter((id) => AVAILABLE_SCREENS.has(id)).map((id) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              aria-current={id === screen ? 'page' : undefined}
              onClick={() => app.getState().go(id)}
            >
              {i18n.t(NAV_LABELS[id])}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitch(): ReactNode {
  const i18n = useI18n();
  const app = useAppStoreApi();
  return (
    <div className="lang-switch" role="group" aria-label={i18n.t('lang.switchLabel')}>
      {LANGS.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={i18n.lang === lang}
          onClick={() => app.getState().setLang(lang)}
        >
          {i18n.t(`lang.${lang}`)}
        </button>
      ))}
    </div>
  );
}

function LedgerCount(): ReactNode {
  const i18n = useI18n();
  const devices = useAppState((state) => state.appInfo?.ledger.devices);
  if (devices === undefined) return null;
  return <p className="ledger-count">{i18n.plural('ledger.devices', devices)}</p>;
}

export function App(): ReactNode {
  const i18n = useI18n();
  const screen = useAppState((state) => state.screen);
  const app = useAppStoreApi();
  // Once per window: StrictMode runs this effect twice on mount, and the answer would be the same.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void app.getState().loadAppInfo();
  }, [app]);
  useDropGuard();
  useEffect(() => {
    document.documentElement.lang = i18n.lang;
    document.title = i18n.t('app.name');
  }, [i18n]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {i18n.t('app.skipToContent')}
      </a>
      <aside className="app-sidebar">
        <p className="app-name">{i18n.t('app.name')}</p>
        <Navigation />
        <div className="app-sidebar-footer">
          <LedgerCount />
          <LanguageSwitch />
        </div>
      </aside>
      <main id="main" className="app-main" tabIndex={-1}>
        <CurrentScreen key={screen} screen={screen} />
      </main>
    </div>
  );
}
