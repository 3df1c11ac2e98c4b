/**
 * The Import screen: choose CSV files, check them (nothing is written), then save them to the ledger.
 * State lives in the import feature store, so leaving the screen half way loses nothing.
 */
import { useState, type ReactNode } from 'react';
import { assertNever } from '../../../shared/ledger/ledger-events';
import { useFeatureState, useI18n, type I18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { FileChooser } from './file-chooser';
import { ImportPreviewView } from './import-preview-view';
import { ImportedView, LedgerFailedView, PreviewNotFoundView } from './import-results';
import { importStoreFactory, type ImportPhase, type ImportProblem } from './import-store';
import './import.css';

export function ImportScreen(): ReactNode {
  const { t } = useI18n();
  const phase = useFeatureState(importStoreFactory, (state) => state.phase);
  const problem = useFeatureState(importStoreFactory, (state) => state.problem);
  // The screen's heading takes focus when it opens; a view takes it when it replaces another later on.
  const [openedIn] = useState(phase);

  return (
    <div className="import-screen">
      <ScreenHeading description={t('import.description')}>{t('import.title')}</ScreenHeading>
      <ImportStatus phase={phase} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <PhaseView phase={phase} focusOnMount={phase !== openedIn} />
    </div>
  );
}

function PhaseView(props: { phase: ImportPhase; focusOnMount: boolean }): ReactNode {
  const { phase } = props;
  switch (phase.kind) {
    case 'choosing':
    case 'reading':
    case 'checking':
      return <FileChooser busy={phase.kind !== 'choosing'} focusOnMount={props.focusOnMount} />;
    case 'previewed':
    case 'saving':
      return (
        <ImportPreviewView
          preview={phase.preview}
          saving={phase.kind === 'saving'}
          focusOnMount={props.focusOnMount}
        />
      );
    case 'imported':
      return <ImportedView result={phase.result} focusOnMount={props.focusOnMount} />;
    case 'preview-not-found':
      return <PreviewNotFoundView focusOnMount={props.focusOnMount} />;
    case 'ledger-failed':
      return (
        <LedgerFailedView failure={phase.failure} saved={phase.saved} focusOnMount={props.focusOnMount} />
      );
    default:
      return assertNever(phase);
  }
}

/** Progress, announced politely; the region is always there so screen readers hear its changes. */
function ImportStatus(props: { phase: ImportPhase }): ReactNode {
  const i18n = useI18n();
  const text = statusText(props.phase, i18n);
  return (
    <div role="status" className={text === null ? 'import-status is-empty' : 'import-status'}>
      {text}
    </div>
  );
}

function statusText(phase: ImportPhase, i18n: I18n): string | null {
  switch (phase.kind) {
    case 'reading':
      return i18n.t('import.status.reading', { done: phase.done, total: phase.total });
    case 'checking':
      return i18n.plural('import.status.checking', phase.files);
    case 'saving':
      return i18n.t('import.status.saving');
    default:
      return null;
  }
}

function problemTexts(problem: ImportProblem, t: I18n['t']): [string, string, string] {
  switch (problem.kind) {
    case 'unreadable':
      return [
        t('import.unreadable.title'),
        t('import.unreadable.body', { name: problem.name }),
        problem.detail,
      ];
    case 'failure':
      return [t('error.unexpectedTitle'), t(problem.failure.messageKey), problem.failure.detail];
    case 'tag-refused':
      return [t('import.tagRefused.title'), t('import.tagRefused.body'), JSON.stringify(problem.check)];
    default:
      return assertNever(problem);
  }
}

function ProblemAlert(props: { problem: ImportProblem }): ReactNode {
  const { t } = useI18n();
  const { problem } = props;
  const [title, body, detail] = problemTexts(problem, t);
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{title}</p>
      <p>{body}</p>
      <details className="import-support">
        <summary>{t('import.supportDetails')}</summary>
        <p className="mono">{detail}</p>
      </details>
    </div>
  );
}
