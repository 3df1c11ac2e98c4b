/**
 * Settings/About: the language, where the ledger is and what opening it found, and the facts support asks
 * for (version, platform, log file). Paths have Copy buttons because technicians read them out or paste
 * them into a ticket.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { LANGS } from '../../../shared/i18n/lang';
import type { AppInfo } from '../../app/app-store';
import { useAppState, useAppStoreApi, useI18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/messages';
import './settings.css';

export function SettingsScreen(): ReactNode {
  const { t } = useI18n();
  const app = useAppStoreApi();
  const appInfo = useAppState((state) => state.appInfo);
  const failure = useAppState((state) => state.appInfoFailure);

  // The device count and the mirror's state change while the app runs: show them as they are now (asked
  // once per opening; StrictMode runs this effect twice on mount).
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void app.getState().loadAppInfo();
  }, [app]);

  return (
    <div className="settings-screen">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <LanguageSection />
      <div role="status" aria-live="polite">
        {appInfo === null && failure === null ? <p className="muted">{t('settings.info.loading')}</p> : null}
      </div>
      {failure === null ? null : (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('settings.info.failedTitle')}</p>
          <p>{t(failure.messageKey)}</p>
          <button type="button" className="btn" onClick={() => void app.getState().loadAppInfo()}>
            {t('action.retry')}
          </button>
        </div>
      )}
      {appInfo === null ? null : (
        <>
          <LedgerSection info={appInfo} />
          <AboutSection info={appInfo} />
        </>
      )}
    </div>
  );
}

// ---- Language ---------------------------------------------------------------------------------------------

function LanguageSection(): ReactNode {
  const i18n = useI18n();
  const app = useAppStoreApi();
  const chosen = useAppState((state) => state.langChosen);
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="card settings-card settings-lang" aria-describedby={hintId}>
      <legend>
        <h2>{i18n.t('settings.lang.legend')}</h2>
      </legend>
      <div className="settings-lang-options">
        {LANGS.map((lang) => (
          <label key={lang} className="settings-radio" lang={lang}>
            <input
              type="radio"
              name={name}
              value={lang}
              checked={i18n.lang === lang}
              onChange={() => app.getState().setLang(lang)}
            />
            {i18n.t(`lang.${lang}`)}
          </label>
        ))}
      </div>
      <p id={hintId} className="field-hint">
        {i18n.t(chosen ? 'settings.lang.chosen' : 'settings.lang.followingOs')}
      </p>
    </fieldset>
  );
}

// ---- Ledger -----------------------------------------------------------------------------------------------

const MIRROR_BADGES = {
  'in-sync': 'badge-success',
  repaired: 'badge-success',
  unavailable: 'badge-warning',
  diverged: 'badge-warning',
} as const;

function LedgerSection(props: { info: AppInfo }): ReactNode {
  const i18n = useI18n();
  const { ledger } = props.info;
  const titleId = useId();
  const { mirror } = ledger;
  return (
    <section className="card settings-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{i18n.t('settings.ledger.title')}</h2>
      <p className="muted">{i18n.t('settings.ledger.intro')}</p>
      {ledger.skippedLines > 0 ? (
        <div className="alert alert-warning">
          <p>{i18n.plural('settings.ledger.skipped', ledger.skippedLines)}</p>
        </div>
      ) : null}
      {ledger.recoveredStaleLock ? (
        <div className="alert alert-info">
          <p>{i18n.t('settings.ledger.staleLock')}</p>
        </div>
      ) : null}
      <dl className="definition-list settings-facts">
        <dt>{i18n.t('settings.ledger.location')}</dt>
        <dd>
          <CopyableText value={ledger.dir} copyLabel="settings.copy.ledgerDir" />
        </dd>
        <dt>{i18n.t('settings.ledger.devices')}</dt>
        <dd>{i18n.plural('settings.ledger.devicesCount', ledger.devices)}</dd>
        <dt>{i18n.t('settings.ledger.mirror')}</dt>
        <dd>
          {mirror === null ? (
            <span className="muted">{i18n.t('settings.ledger.mirrorNone')}</span>
          ) : (
            <>
              <CopyableText value={mirror.dir} copyLabel="settings.copy.mirrorDir" />
              <p className="settings-mirror-status">
                <span className={`badge ${MIRROR_BADGES[mirror.status]}`}>
                  {i18n.t(`settings.mirror.${mirror.status}`)}
                </span>{' '}
                {i18n.t(`settings.mirror.${mirror.status}.meaning`)}
              </p>
            </>
          )}
        </dd>
      </dl>
    </section>
  );
}

// ---- About ------------------------------------------------------------------------------------------------

const PLATFORMS: Readonly<Record<string, MessageKey>> = {
  win32: 'settings.about.platform.win32',
  linux: 'settings.about.platform.linux',
  darwin: 'settings.about.platform.darwin',
};

function AboutSection(props: { info: AppInfo }): ReactNode {
  const { t } = useI18n();
  const { info } = props;
  const titleId = useId();
  const platform = PLATFORMS[info.platform];
  return (
    <section className="card settings-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.about.title')}</h2>
      <dl className="definition-list settings-facts">
        <dt>{t('settings.about.version')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('settings.about.platform')}</dt>
        <dd>{platform === undefined ? info.platform : t(platform)}</dd>
        <dt>{t('settings.about.runningAs')}</dt>
        <dd>{t(info.electron ? 'settings.about.desktop' : 'settings.about.browser')}</dd>
        <dt>{t('settings.about.logDir')}</dt>
        <dd>
          <CopyableText value={info.logDir} copyLabel="settings.copy.logDir" />
        </dd>
        <dt>{t('settings.about.logFile')}</dt>
        <dd>
          <CopyableText value={info.logFile} copyLabel="settings.copy.logFile" />
        </dd>
      </dl>
      <p className="settings-log-note">{t('settings.about.logNote')}</p>
    </section>
  );
}

// ---- Copying a path ---------------------------------------------------------------------------------------

/**
 * A path with a Copy button. The clipboard may be refused (an app:// page, a browser without permission);
 * then the path is selected and the technician is told to press Ctrl+C.
 */
function CopyableText(props: { value: string; copyLabel: MessageKey }): ReactNode {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const text = useRef<HTMLElement>(null);
  const copy = async (): Promise<void> => {
    try {
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (clipboard === undefined || typeof clipboard.writeText !== 'function')
        throw new Error('no clipboard');
      await clipboard.writeText(props.value);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
      selectContents(text.current);
    }
  };
  return (
    <div className="settings-copyable">
      <div className="settings-copyable-row">
        <code ref={text} className="settings-path">
          {props.value}
        </code>
        <button
          type="button"
          className="btn settings-copy-button"
          aria-label={t(props.copyLabel)}
          onClick={() => void copy()}
        >
          {t('settings.copy.button')}
        </button>
      </div>
      <p role="status" className={outcome === 'failed' ? 'settings-copy-failed' : 'settings-copy-done'}>
        {outcome === null ? null : t(outcome === 'copied' ? 'settings.copy.done' : 'settings.copy.failed')}
      </p>
    </div>
  );
}

function selectContents(element: HTMLElement | null): void {
  if (element === null) return;
  try {
    const selection = window.getSelection();
    if (selection === null) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
  } catch {
    // Selecting is a courtesy; the message still says how to copy.
  }
}
