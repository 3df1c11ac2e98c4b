/**
 * What the preview and the result share: the devices left out and the notes, and why a tag was refused.
 */
import type { ReactNode } from 'react';
import type { ApiRejection, ApiWarning, GroupTagCheckResult } from '../../../shared/api/harvester-api';
import type { I18n } from '../../app/app-context';
import { codePointLabel, humanPosition } from '../../components/group-tag-choice';
import { withNodes } from '../../components/with-nodes';

/** Devices left out, each named by its serial (or where it came from) with the reason. */
export function RejectedList(props: {
  i18n: I18n;
  rejected: readonly ApiRejection[];
  /** The language the services worded the messages in, when it may differ from the page's. */
  lang?: string | undefined;
}): ReactNode {
  const { i18n, rejected } = props;
  if (rejected.length === 0) return null;
  return (
    <section className="export-diagnostics">
      <h3>{i18n.plural('export.preview.rejected', rejected.length)}</h3>
      <DiagnosticItems i18n={i18n} items={rejected} lang={props.lang} />
    </section>
  );
}

export function WarningList(props: {
  i18n: I18n;
  warnings: readonly ApiWarning[];
  lang?: string | undefined;
}): ReactNode {
  const { i18n, warnings } = props;
  if (warnings.length === 0) return null;
  return (
    <section className="export-diagnostics">
      <h3>{i18n.plural('export.preview.warnings', warnings.length)}</h3>
      <DiagnosticItems i18n={i18n} items={warnings} lang={props.lang} />
    </section>
  );
}

function DiagnosticItems(props: {
  i18n: I18n;
  items: readonly (ApiRejection | ApiWarning)[];
  lang?: string | undefined;
}): ReactNode {
  const { i18n } = props;
  return (
    <ul className="export-diagnostic-list">
      {props.items.map((item, index) => {
        const serial = typeof item.params.serial === 'string' ? item.params.serial : null;
        return (
          <li key={`${item.file}:${item.line}:${item.code}:${index}`}>
            <span className="export-diagnostic-where">{diagnosticWhere(i18n, serial, item)}</span>
            <span className="export-diagnostic-message" lang={props.lang}>
              {item.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** `PF3ABCDE · old.csv (line 7)`, worded and punctuated by the catalogue. */
function diagnosticWhere(i18n: I18n, serial: string | null, item: ApiRejection | ApiWarning): ReactNode {
  const file =
    item.line > 0 ? i18n.t('export.preview.fileLine', { file: item.file, line: item.line }) : item.file;
  if (serial === null) return <span className="muted">{file}</span>;
  return withNodes(i18n.t('export.preview.serialWhere'), {
    serial: <code>{serial}</code>,
    where: <span className="muted">{file}</span>,
  });
}

/** Why the services refused the tag, in words that say what to do. */
export function tagRefusalText(i18n: I18n, check: GroupTagCheckResult): string {
  switch (check.kind) {
    case 'near-miss':
      return i18n.t('export.tagRefused.nearMiss', {
        input: check.input,
        suggestion: check.suggestion,
        reasons: check.reasonsText,
      });
    case 'custom':
      return i18n.t('export.tagRefused.custom', { tag: check.tag });
    case 'invalid':
      switch (check.problem.kind) {
        case 'empty':
          return i18n.t('export.tagPicker.empty');
        case 'too-long':
          return i18n.t('export.tagPicker.tooLong', { max: check.problem.max });
        case 'bad-character':
          return i18n.t('export.tagPicker.badCharacter', {
            character: check.problem.character,
            code: codePointLabel(check.problem.character),
            position: humanPosition(check.input, check.problem.position),
          });
        case 'formula-start':
          return i18n.t('export.tagPicker.formulaStart', { character: check.problem.character });
      }
      break;
    case 'known':
      // The services never refuse a known tag; say what was sent rather than nothing.
      return check.tag;
  }
  return '';
}
