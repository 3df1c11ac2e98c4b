/**
 * What saving did: saved (with where to go next), the check gone (check the same files again), or the
 * ledger refusing part way (how much is on disk, and that importing again is safe).
 */
import type { ReactNode } from 'react';
import type { LedgerFailure } from '../../../shared/api/harvester-api';
import { useAppStoreApi, useFeatureStoreApi, useI18n } from '../../app/app-context';
import { useFocusOnMount } from './focus-on-mount';
import { importStoreFactory, type ImportedResult } from './import-store';

export function ImportedView(props: { result: ImportedResult; focusOnMount: boolean }): ReactNode {
  const { t, plural } = useI18n();
  const app = useAppStoreApi();
  const store = useFeatureStoreApi(importStoreFactory);
  const heading = useFocusOnMount<HTMLHeadingElement>(props.focusOnMount);
  const { result } = props;
  return (
    <section className="import-outcome" aria-labelledby="import-done-heading">
      <div className="alert alert-success">
        <h2 id="import-done-heading" ref={heading} tabIndex={-1} className="alert-title">
          {t('import.done.heading')}
        </h2>
        <ul className="import-done-counts">
          <li>{plural('import.done.added', result.added)}</li>
          {result.replaced > 0 ? <li>{plural('import.done.replaced', result.replaced)}</li> : null}
          {result.duplicates > 0 ? <li>{plural('import.done.duplicates', result.duplicates)}</li> : null}
          {result.tagsCorrected.length > 0 ? (
            <li>{plural('import.done.tagsCorrected', result.tagsCorrected.length)}</li>
          ) : null}
        </ul>
      </div>
      {result.tagCorrectionFailure === null ? null : (
        <div className="alert alert-warning" role="alert">
          <p>{t('import.done.tagsNotCorrected', { message: result.tagCorrectionFailure.message })}</p>
        </div>
      )}
      <div className="import-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={result.deviceIds.length === 0}
          onClick={() => app.getState().exportDevices(result.deviceIds)}
        >
          {t('import.done.export')}
        </button>
        <button type="button" className="btn" onClick={() => app.getState().go('devices')}>
          {t('import.done.devices')}
        </button>
        <button type="button" className="btn" onClick={() => store.getState().reset()}>
          {t('import.done.more')}
        </button>
      </div>
    </section>
  );
}

export function PreviewNotFoundView(props: { focusOnMount: boolean }): ReactNode {
  const { t } = useI18n();
  const store = useFeatureStoreApi(importStoreFactory);
  const heading = useFocusOnMount<HTMLHeadingElement>(props.focusOnMount);
  return (
    <section className="import-outcome" aria-labelledby="import-not-found-heading">
      <div className="alert alert-warning">
        <h2 id="import-not-found-heading" ref={heading} tabIndex={-1} className="alert-title">
          {t('import.notFound.title')}
        </h2>
        <p>{t('import.notFound.body')}</p>
      </div>
      <RetryActions
        onRecheck={() => void store.getState().check()}
        onStartOver={() => store.getState().reset()}
      />
    </section>
  );
}

export function LedgerFailedView(props: {
  failure: LedgerFailure;
  saved: number;
  focusOnMount: boolean;
}): ReactNode {
  const { t, plural } = useI18n();
  const store = useFeatureStoreApi(importStoreFactory);
  const heading = useFocusOnMount<HTMLHeadingElement>(props.focusOnMount);
  const { failure, saved } = props;
  return (
    <section className="import-outcome" aria-labelledby="import-failed-heading">
      <div className="alert alert-error" role="alert">
        <h2 id="import-failed-heading" ref={heading} tabIndex={-1} className="alert-title">
          {t('import.failed.title')}
        </h2>
        <p>{failure.message}</p>
        <p>{saved > 0 ? plural('import.failed.saved', saved) : t('import.failed.nothingSaved')}</p>
        <p>{t('import.failed.safe')}</p>
        <details className="import-support">
          <summary>{t('import.supportDetails')}</summary>
          <p className="mono">{failure.file}</p>
          <p className="mono">{failure.detail}</p>
        </details>
      </div>
      <RetryActions
        onRecheck={() => void store.getState().check()}
        onStartOver={() => store.getState().reset()}
      />
    </section>
  );
}

function RetryActions(props: { onRecheck: () => void; onStartOver: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="import-actions">
      <button type="button" className="btn btn-primary" onClick={props.onRecheck}>
        {t('import.recheck')}
      </button>
      <button type="button" className="btn" onClick={props.onStartOver}>
        {t('import.startOver')}
      </button>
    </div>
  );
}
