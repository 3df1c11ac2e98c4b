/**
 * The preview: how many devices go into how many files, the first lines of the CSV as the importer will read
 * them, and who is left out and why, before anything is written.
 */
import { useId, type ReactNode } from 'react';
import { DEVICES_PER_FILE } from '../../../shared/csv/csv-writer';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { GoCollectOrImport } from '../../components/go-collect-or-import';
import { RejectedList, WarningList, tagRefusalText } from './export-diagnostics';
import { exportStoreFactory, type PreviewAnswer, type PreviewState } from './export-store';
import type { SelectionKind } from './export-request';

export function ExportPreview(): ReactNode {
  const i18n = useI18n();
  const headingId = useId();
  const preview = useFeatureState(exportStoreFactory, (s) => s.preview);
  return (
    <section className="card export-preview" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('export.preview.title')}</h2>
      <PreviewBody i18n={i18n} preview={preview} />
    </section>
  );
}

function PreviewBody(props: { i18n: I18n; preview: PreviewState }): ReactNode {
  const { i18n, preview } = props;
  const store = useFeatureStoreApi(exportStoreFactory);
  switch (preview.kind) {
    case 'idle':
    case 'loading':
      return (
        <p className="muted" role="status">
          {i18n.t('export.preview.loading')}
        </p>
      );
    case 'waiting-for-tag':
      return (
        <p className="muted" role="status">
          {i18n.t(
            preview.status === 'needs-confirmation'
              ? 'export.preview.waitingForConfirmation'
              : 'export.preview.waitingForTag',
          )}
        </p>
      );
    case 'failed':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.preview.failed')}</p>
          <p>{i18n.t(preview.failure.messageKey)}</p>
          <button type="button" className="btn" onClick={() => store.getState().retryPreview()}>
            {i18n.t('action.retry')}
          </button>
        </div>
      );
    case 'shown':
      return <PreviewAnswerView i18n={i18n} answer={preview.answer} updating={preview.updating} />;
  }
}

function PreviewAnswerView(props: { i18n: I18n; answer: PreviewAnswer; updating: boolean }): ReactNode {
  const { i18n, answer, updating } = props;
  const selection = useFeatureState(exportStoreFactory, (s) => s.selection);
  const format = useFeatureState(exportStoreFactory, (s) => s.format);
  if (answer.kind === 'tag-refused') {
    return (
      <div className="alert alert-warning" role="status" aria-busy={updating}>
        <p className="alert-title">{i18n.t('export.tagRefused.title')}</p>
        <p>{tagRefusalText(i18n, answer.check)}</p>
      </div>
    );
  }
  const summary =
    answer.devices === 0
      ? null
      : i18n.t('export.preview.summary', {
          devices: i18n.plural('export.preview.devices', answer.devices),
          files: i18n.plural('export.preview.files', answer.files),
        });
  return (
    <div
      className={updating ? 'export-preview-body is-updating' : 'export-preview-body'}
      aria-busy={updating}
    >
      <div role="status">
        {summary !== null ? <p className="export-preview-summary">{summary}</p> : null}
        {answer.devices === 0 ? (
          <NothingToExport i18n={i18n} selection={selection} leftOut={answer.rejected.length > 0} />
        ) : null}
        {updating ? <p className="muted">{i18n.t('export.preview.updating')}</p> : null}
      </div>
      {answer.files > 1 ? (
        <p className="field-hint">
          {i18n.t('export.preview.split', {
            format: i18n.t(`export.format.${format}`),
            max: DEVICES_PER_FILE[format],
          })}
        </p>
      ) : null}
      {answer.lines.length > 0 ? <CsvLines i18n={i18n} lines={answer.lines} /> : null}
      <RejectedList i18n={i18n} rejected={answer.rejected} />
      <WarningList i18n={i18n} warnings={answer.warnings} />
    </div>
  );
}

function CsvLines(props: { i18n: I18n; lines: readonly string[] }): ReactNode {
  const { i18n } = props;
  const hintId = useId();
  return (
    <section className="export-lines">
      <h3>{i18n.t('export.preview.linesTitle')}</h3>
      {/* Focusable so the keyboard can scroll the long lines sideways. */}
      <pre
        className="export-csv"
        tabIndex={0}
        aria-label={i18n.t('export.preview.linesLabel')}
        aria-describedby={hintId}
      >
        {props.lines.join('\n')}
      </pre>
      <p id={hintId} className="field-hint">
        {i18n.t('export.preview.linesHint')}
      </p>
    </section>
  );
}

function NothingToExport(props: { i18n: I18n; selection: SelectionKind; leftOut: boolean }): ReactNode {
  const { i18n } = props;
  const store = useFeatureStoreApi(exportStoreFactory);
  if (props.leftOut) return <p>{i18n.t('export.preview.noneLeftOut')}</p>;
  switch (props.selection) {
    case 'not-exported':
      return (
        <div className="alert alert-info">
          <p>{i18n.t('export.preview.noneNotExported')}</p>
          <button type="button" className="btn" onClick={() => store.getState().chooseSelection('all')}>
            {i18n.t('export.preview.exportAllInstead')}
          </button>
        </div>
      );
    case 'all':
      return (
        <div className="alert alert-info">
          <p>{i18n.t('export.preview.noneAll')}</p>
          <div className="export-button-row">
            <GoCollectOrImport i18n={i18n} />
          </div>
        </div>
      );
    case 'ids':
      return <p>{i18n.t('export.preview.noneIds')}</p>;
  }
}
