/**
 * What the export did: the folder and every file written (complete and verified), where writing stopped,
 * whether the ledger recorded it, and what to do when the destination was not there.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiOutput } from '../../../shared/api/harvester-api';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { CopyButton } from '../../components/copy-button';
import { withNodes } from '../../components/with-nodes';
import { driveName } from './export-destination';
import { RejectedList, WarningList, tagRefusalText } from './export-diagnostics';
import type { ExportRequest } from './export-request';
import { exportStoreFactory, type ExportOutcome } from './export-store';

type Done = Extract<ApiOutput<'exportDevices'>, { kind: 'done' }>;
type Unavailable = Extract<ApiOutput<'exportDevices'>, { kind: 'destination-unavailable' }>;

export function ExportResult(): ReactNode {
  const i18n = useI18n();
  const outcome = useFeatureState(exportStoreFactory, (s) => s.outcome);
  const region = useRef<HTMLDivElement>(null);
  // A new outcome takes focus, so a keyboard user continues from it (and a screen reader reads it). The
  // outcome shown when the screen opens is an old one: the screen's heading keeps focus then.
  const seen = useRef(outcome);
  useEffect(() => {
    if (outcome !== null && outcome !== seen.current) region.current?.focus({ preventScroll: false });
    seen.current = outcome;
  }, [outcome]);
  if (outcome === null) return null;
  return (
    <div className="export-result" ref={region} tabIndex={-1}>
      <OutcomeView i18n={i18n} outcome={outcome} />
    </div>
  );
}

function OutcomeView(props: { i18n: I18n; outcome: ExportOutcome }): ReactNode {
  const { i18n, outcome } = props;
  if (outcome.kind === 'failed') {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">{i18n.t('export.result.failedTitle')}</p>
        <p>{i18n.t(outcome.failure.messageKey)}</p>
      </div>
    );
  }
  const { answer, request } = outcome;
  switch (answer.kind) {
    case 'done':
      return <DoneView i18n={i18n} done={answer} request={request} />;
    case 'tag-refused':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.tagRefused.title')}</p>
          <p>{tagRefusalText(i18n, answer.check)}</p>
        </div>
      );
    case 'destination-unavailable':
      return <UnavailableView i18n={i18n} answer={answer} lang={request.lang} />;
  }
}

function DoneView(props: { i18n: I18n; done: Done; request: ExportRequest }): ReactNode {
  const { i18n, done, request } = props;
  const complete = done.failure === null && done.historyFailure === null;
  const written = done.files.length > 0;
  return (
    <>
      {written ? (
        <div className={complete ? 'alert alert-success' : 'alert alert-info'} role="status">
          <p className="alert-title">{i18n.plural('export.result.done', done.devices)}</p>
          <dl className="definition-list">
            <dt>{i18n.t('export.result.folder')}</dt>
            <dd>
              <code>{done.folder}</code>
            </dd>
          </dl>
          {done.failure !== null ? <p>{i18n.t('export.result.completeFiles')}</p> : null}
          <ul className="export-files" aria-label={i18n.t('export.result.files')}>
            {done.files.map((file) => (
              <li key={file.path}>
                {withNodes(
                  i18n.t('export.result.fileDevices', {
                    devices: i18n.plural('export.preview.devices', file.devices),
                  }),
                  { path: <code className="export-file-path">{file.path}</code> },
                )}
              </li>
            ))}
          </ul>
          {request.format === 'partner-center' && request.tag !== null ? (
            <GroupNameHint i18n={i18n} tag={request.tag} />
          ) : null}
        </div>
      ) : done.failure === null ? (
        <div className="alert alert-info" role="status">
          <p>{i18n.t('export.result.nothingWritten')}</p>
        </div>
      ) : null}
      {done.failure !== null ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.result.failureTitle')}</p>
          <p lang={request.lang}>{done.failure.message}</p>
          <p className="muted">
            {done.failure.code !== null
              ? i18n.t('export.result.failureFileCode', { file: done.failure.file, code: done.failure.code })
              : i18n.t('export.result.failureFile', { file: done.failure.file })}
          </p>
        </div>
      ) : null}
      {done.historyFailure !== null ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-title">{i18n.t('export.result.historyFailureTitle')}</p>
          <p lang={request.lang}>{done.historyFailure.message}</p>
          <p>{i18n.t('export.result.historyFailureBody')}</p>
        </div>
      ) : null}
      {/* The services' words, in the language of the export (the technician may have switched since). */}
      <RejectedList i18n={i18n} rejected={done.rejected} lang={request.lang} />
      <WarningList i18n={i18n} warnings={done.warnings} lang={request.lang} />
    </>
  );
}

/** Partner Center has no tag column: the tag is typed in its upload dialog, so offer it to copy exactly. */
function GroupNameHint(props: { i18n: I18n; tag: string }): ReactNode {
  const { i18n, tag } = props;
  const text = useRef<HTMLElement>(null);
  return (
    <div className="group-name-hint">
      <p>{i18n.t('export.result.groupName')}</p>
      <p className="group-name-row">
        <code className="tag-text" ref={text}>
          {tag}
        </code>
        <CopyButton
          text={tag}
          shown={text}
          labels={{
            copy: i18n.t('export.result.copy'),
            copied: i18n.t('export.result.copied'),
            manual: i18n.t('export.result.copyManually'),
          }}
        />
      </p>
    </div>
  );
}

function UnavailableView(props: { i18n: I18n; answer: Unavailable; lang: string }): ReactNode {
  const { i18n, answer } = props;
  const store = useFeatureStoreApi(exportStoreFactory);
  const exporting = useFeatureState(exportStoreFactory, (s) => s.exporting);
  const problem = answer.problem;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{i18n.t('export.result.notWrittenTitle')}</p>
      <p lang={props.lang}>{answer.message}</p>
      {problem.kind === 'drive-ambiguous' ? (
        <ul className="export-button-list">
          {problem.drives.map((drive) => (
            <li key={drive.volumeSerial}>
              <button
                type="button"
                className="btn"
                disabled={exporting}
                onClick={() => void store.getState().exportToDrive(drive)}
              >
                {i18n.t('export.result.chooseDrive', { drive: driveName(i18n, drive) })}
              </button>{' '}
              <span className="muted">
                {i18n.t('export.destination.driveHint', {
                  free: i18n.bytes(drive.freeBytes),
                  size: i18n.bytes(drive.sizeBytes),
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {problem.kind === 'drive-not-found' || problem.kind === 'drives-failed' ? (
        <button type="button" className="btn" onClick={() => void store.getState().refreshDrives()}>
          {i18n.t('export.result.refreshDrives')}
        </button>
      ) : null}
    </div>
  );
}
