/**
 * Collect: read this device, show what it is and whether the ledger has it, and one large button that saves
 * its hardware hash. Results are said in plain words under the button, with the next steps after a success.
 */
import { useEffect, useId, type ReactNode } from 'react';
import type { ApiCollectionProblem, LedgerFailure } from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import { assertNever } from '../../../shared/ledger/ledger-events';
import {
  useAppState,
  useAppStoreApi,
  useFeatureState,
  useFeatureStoreApi,
  useI18n,
} from '../../app/app-context';
import type { UiFailure } from '../../app/ui-failure';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/messages';
import {
  cannotCollectHere,
  collectStore,
  isSaved,
  type CollectedDevice,
  type CollectResult,
  type DeviceReading,
} from './collect-store';
import './collect.css';

export function CollectScreen(): ReactNode {
  const { t } = useI18n();
  const store = useFeatureStoreApi(collectStore);
  const lang = useAppState((state) => state.lang);
  const ledgerVersion = useAppState((state) => state.ledgerVersion);
  const device = useFeatureState(collectStore, (state) => state.device);

  // On opening, and when the language or the ledger changes: read again unless the last reading still holds.
  useEffect(() => {
    void store.getState().refreshIfStale();
  }, [store, lang, ledgerVersion]);

  const unsupported =
    device !== null && device.answer.kind === 'failed' && cannotCollectHere(device.answer.problem);

  return (
    <div className="collect-screen">
      <ScreenHeading description={t('collect.description')}>{t('collect.title')}</ScreenHeading>
      <DeviceCard />
      {unsupported ? <ImportInstead /> : <CollectPanel />}
    </div>
  );
}

// ---- This device ------------------------------------------------------------------------------------------

function DeviceCard(): ReactNode {
  const { t } = useI18n();
  const store = useFeatureStoreApi(collectStore);
  const reading = useFeatureState(collectStore, (state) => state.reading);
  const collecting = useFeatureState(collectStore, (state) => state.collecting);
  const device = useFeatureState(collectStore, (state) => state.device);
  const titleId = useId();
  const busy = reading || collecting;
  return (
    <section className="card collect-device" aria-labelledby={titleId}>
      <div className="collect-device-head">
        <h2 id={titleId}>{t('collect.device.title')}</h2>
        <button
          type="button"
          className="btn"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) void store.getState().readDevice();
          }}
        >
          {t('collect.device.readAgain')}
        </button>
      </div>
      {/* Always in the page, so screen readers hear the text appear. */}
      <div role="status" aria-live="polite" className="collect-status">
        {reading ? (
          <p className="collect-busy">
            <Spinner />
            {t('collect.device.reading')}
          </p>
        ) : null}
      </div>
      {device === null ? null : <DeviceReadingView reading={device} />}
    </section>
  );
}

function DeviceReadingView(props: { reading: DeviceReading }): ReactNode {
  const { answer, lang } = props.reading;
  switch (answer.kind) {
    case 'collected':
      return <DeviceFacts device={answer} />;
    case 'failed':
      return <ProblemAlert problem={answer.problem} lang={lang} mild={cannotCollectHere(answer.problem)} />;
    case 'unexpected':
      return <UnexpectedAlert failure={answer.failure} />;
    default:
      return assertNever(answer);
  }
}

function DeviceFacts(props: { device: CollectedDevice }): ReactNode {
  const { t } = useI18n();
  const { device } = props;
  const value = (text: string): ReactNode =>
    text.trim() === '' ? <span className="muted">{t('collect.device.notReported')}</span> : text;
  return (
    <>
      <dl className="definition-list collect-facts">
        <dt>{t('collect.device.serial')}</dt>
        <dd className="collect-serial">{value(device.serial)}</dd>
        <dt>{t('collect.device.manufacturer')}</dt>
        <dd>{value(device.manufacturer)}</dd>
        <dt>{t('collect.device.model')}</dt>
        <dd>{value(device.model)}</dd>
        <dt>{t('collect.device.computerName')}</dt>
        <dd>{value(device.computerName)}</dd>
        <dt>{t('collect.device.osVersion')}</dt>
        <dd>{value(device.osVersion)}</dd>
        <dt>{t('collect.device.ledger')}</dt>
        <dd>
          <LedgerStatus ledger={device.ledger} />
        </dd>
      </dl>
      {device.virtualMachine ? (
        <p className="alert alert-info collect-vm">{t('collect.device.virtualMachine')}</p>
      ) : null}
    </>
  );
}

const STATE_TEXT: Readonly<Record<'new' | 'exported' | 'deleted', MessageKey>> = {
  new: 'collect.ledger.state.new',
  exported: 'collect.ledger.state.exported',
  deleted: 'collect.ledger.state.deleted',
};

function LedgerStatus(props: { ledger: CollectedDevice['ledger'] }): ReactNode {
  const { t } = useI18n();
  const { ledger } = props;
  if (ledger.kind === 'not-in-ledger') {
    return <span className="badge badge-muted">{t('collect.ledger.notInLedger')}</span>;
  }
  if (!ledger.sameHardware) {
    return (
      <>
        <span className="badge badge-warning">{t('collect.ledger.otherHardware')}</span>
        <span className="collect-ledger-note">{t('collect.ledger.otherHardwareHint')}</span>
      </>
    );
  }
  return (
    <>
      <span className="badge badge-success">{t('collect.ledger.inLedger')}</span>
      <span className="collect-ledger-note">{t(STATE_TEXT[ledger.state])}</span>
    </>
  );
}

// ---- Not on this computer ---------------------------------------------------------------------------------

function ImportInstead(): ReactNode {
  const { t } = useI18n();
  const app = useAppStoreApi();
  const titleId = useId();
  return (
    <section className="card collect-import" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('collect.unsupported.title')}</h2>
      <p>{t('collect.unsupported.body')}</p>
      <button type="button" className="btn btn-primary" onClick={() => app.getState().go('import')}>
        {t('collect.unsupported.button')}
      </button>
    </section>
  );
}

// ---- Collecting -------------------------------------------------------------------------------------------

function CollectPanel(): ReactNode {
  const { t } = useI18n();
  const store = useFeatureStoreApi(collectStore);
  const reading = useFeatureState(collectStore, (state) => state.reading);
  const collecting = useFeatureState(collectStore, (state) => state.collecting);
  const result = useFeatureState(collectStore, (state) => state.result);
  const hintId = useId();
  const busy = reading || collecting;
  const succeeded = result !== null && isSaved(result.answer);
  return (
    <>
      <div className="collect-action">
        {/* aria-disabled rather than disabled: the button keeps keyboard focus while it works. */}
        <button
          type="button"
          className="btn btn-primary btn-large collect-button"
          aria-disabled={busy || undefined}
          aria-describedby={hintId}
          onClick={() => {
            if (!busy) void store.getState().collect();
          }}
        >
          {collecting ? (
            <>
              <Spinner />
              {t('collect.button.busy')}
            </>
          ) : (
            t('collect.button')
          )}
        </button>
        <p id={hintId} className="field-hint">
          {t('collect.button.hint')}
        </p>
      </div>
      <div role="status" aria-live="polite" className="collect-status">
        {collecting ? <p className="collect-busy">{t('collect.progress')}</p> : null}
        {result !== null && succeeded ? <SavedResult result={result} /> : null}
      </div>
      {result !== null && !succeeded ? <FailedResult result={result} /> : null}
      {succeeded ? <NextSteps /> : null}
    </>
  );
}

function SavedResult(props: { result: CollectResult }): ReactNode {
  const { t } = useI18n();
  const { answer } = props.result;
  if (!isSaved(answer)) return null;
  const { device } = answer;
  const params = { serial: device.serial, device: deviceName(device.manufacturer, device.model) };
  switch (answer.kind) {
    case 'added':
      return (
        <div className="alert alert-success">
          <p className="alert-title">{t('collect.result.added.title', params)}</p>
          <p>{t('collect.result.added.body', params)}</p>
        </div>
      );
    case 'duplicate':
      return (
        <div className="alert alert-success">
          <p className="alert-title">{t('collect.result.duplicate.title', params)}</p>
          <p>
            {t(
              device.state === 'exported'
                ? 'collect.result.duplicate.exported'
                : 'collect.result.duplicate.new',
            )}
          </p>
        </div>
      );
    case 'replaced':
      return (
        <div className="alert alert-success">
          <p className="alert-title">{t('collect.result.replaced.title', params)}</p>
          <p>{t('collect.result.replaced.body')}</p>
        </div>
      );
    default:
      return assertNever(answer);
  }
}

function FailedResult(props: { result: CollectResult }): ReactNode {
  const { answer, lang } = props.result;
  switch (answer.kind) {
    case 'failed':
      return <ProblemAlert problem={answer.problem} lang={lang} />;
    case 'ledger-failed':
      return <LedgerFailedAlert failure={answer.failure} lang={lang} />;
    case 'unexpected':
      return <UnexpectedAlert failure={answer.failure} />;
    case 'added':
    case 'duplicate':
    case 'replaced':
      // Said in the status region above (SavedResult).
      return null;
    default:
      return assertNever(answer);
  }
}

function NextSteps(): ReactNode {
  const { t } = useI18n();
  const app = useAppStoreApi();
  const titleId = useId();
  return (
    <section className="collect-next" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('collect.next.title')}</h2>
      <div className="collect-next-buttons">
        <button type="button" className="btn" onClick={() => app.getState().go('export')}>
          {t('collect.next.export')}
        </button>
        <button type="button" className="btn" onClick={() => app.getState().go('devices')}>
          {t('collect.next.devices')}
        </button>
      </div>
    </section>
  );
}

// ---- Alerts -------------------------------------------------------------------------------------------------

/**
 * A collection problem as the service worded it, with what to do set apart. `lang` is the language it was
 * written in, so a screen reader pronounces it right after the technician switched language. `mild`: not
 * a fault of this device (this computer cannot collect at all).
 */
function ProblemAlert(props: { problem: ApiCollectionProblem; lang: Lang; mild?: boolean }): ReactNode {
  const { t } = useI18n();
  const { problem, lang } = props;
  return (
    <div role="alert" className={`alert ${props.mild ? 'alert-info' : 'alert-error'} collect-problem`}>
      <p className="alert-title" lang={lang}>
        {problem.title}
      </p>
      <p className="collect-what-to-do-label">{t('collect.result.whatToDo')}</p>
      <p className="collect-what-to-do" lang={lang}>
        {problem.action}
      </p>
    </div>
  );
}

function LedgerFailedAlert(props: { failure: LedgerFailure; lang: Lang }): ReactNode {
  const { t } = useI18n();
  const { failure, lang } = props;
  return (
    <div role="alert" className="alert alert-error collect-problem">
      <p className="alert-title">{t('collect.result.ledgerFailed.title')}</p>
      <p lang={lang}>{failure.message}</p>
      <p className="collect-file">{t('collect.result.ledgerFailed.file', { file: failure.file })}</p>
      <p>{t('collect.result.ledgerFailed.safe')}</p>
      <details>
        <summary>{t('collect.result.details')}</summary>
        <p className="collect-detail" lang="en">
          {failure.detail}
        </p>
      </details>
    </div>
  );
}

function UnexpectedAlert(props: { failure: UiFailure }): ReactNode {
  const { t } = useI18n();
  return (
    <div role="alert" className="alert alert-error collect-problem">
      <p className="alert-title">{t('error.unexpectedTitle')}</p>
      <p>{t(props.failure.messageKey)}</p>
      <details>
        <summary>{t('collect.result.details')}</summary>
        <p className="collect-detail" lang="en">
          {props.failure.detail}
        </p>
      </details>
    </div>
  );
}

/** "HP EliteBook 840 G8", not "HP HP EliteBook 840 G8": models often start with their maker's name. */
function deviceName(manufacturer: string, model: string): string {
  const maker = manufacturer.trim();
  const name = model.trim();
  if (maker === '') return name;
  if (name === '') return maker;
  return name.toLowerCase().startsWith(maker.toLowerCase()) ? name : `${maker} ${name}`;
}

/** Turns while working; stands still for people who asked for less motion. The text next to it says it all. */
function Spinner(): ReactNode {
  return <span className="collect-spinner" aria-hidden="true" />;
}
