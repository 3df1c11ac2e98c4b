/**
 * One checked file's rows as a table: what saving would do with each, and why. Long files start with the
 * rows that need a look and render one page at a time.
 */
import { escapeControls } from '../../../shared/control-characters';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { ImportRow } from '../../../shared/api/harvester-api';
import { assertNever } from '../../../shared/ledger/ledger-events';
import { useFeatureState, useI18n, type I18n } from '../../app/app-context';
import type { MessageKey } from '../../i18n/messages';
import { importStoreFactory, isCorrectableRow } from './import-store';
import { RowTagCorrection } from './tag-corrections';
import { TagText, tagStatusLabel, tagStatusText } from '../../components/tag-status';
import { withNodes } from '../../components/with-nodes';
import { rowPage, showsAllRowsAtFirst } from './row-view';

export function ImportRows(props: { name: string; rows: readonly ImportRow[] }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const { name, rows } = props;
  const [showAll, setShowAll] = useState(() => showsAllRowsAtFirst(rows));
  const [page, setPage] = useState(0);
  const shown = useMemo(() => rowPage(rows, showAll, page), [rows, showAll, page]);
  const toggleId = useId();
  const everyRowFits = showsAllRowsAtFirst(rows);

  return (
    <div className="import-rows">
      {everyRowFits ? null : (
        <div className="import-rows-toggle">
          <input
            id={toggleId}
            type="checkbox"
            checked={showAll}
            onChange={(event) => {
              setShowAll(event.currentTarget.checked);
              setPage(0);
            }}
          />
          <label htmlFor={toggleId}>{t('import.rows.showAll', { count: rows.length })}</label>
        </div>
      )}
      {shown.total === 0 ? (
        <p className="muted">{t('import.rows.noneNeedAttention')}</p>
      ) : (
        <div className="import-table-wrap">
          <table className="import-table">
            <caption>
              {showAll ? t('import.rows.caption', { name }) : t('import.rows.captionAttention', { name })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="import-col-line">
                  {t('import.col.line')}
                </th>
                <th scope="col">{t('import.col.serial')}</th>
                <th scope="col">{t('import.col.manufacturer')}</th>
                <th scope="col">{t('import.col.model')}</th>
                <th scope="col">{t('import.col.result')}</th>
                <th scope="col">{t('import.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((row) => (
                <RowLine key={`${row.line}-${row.kind}`} row={row} i18n={i18n} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown.pageCount > 1 ? (
        <nav className="import-pager" aria-label={t('import.page.label', { name })}>
          <button
            type="button"
            className="btn"
            disabled={shown.page === 0}
            onClick={() => setPage(shown.page - 1)}
          >
            {t('import.page.previous')}
          </button>
          <span>{t('import.page.range', { from: shown.from, to: shown.to, total: shown.total })}</span>
          <button
            type="button"
            className="btn"
            disabled={shown.page >= shown.pageCount - 1}
            onClick={() => setPage(shown.page + 1)}
          >
            {t('import.page.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}

function RowLine(props: { row: ImportRow; i18n: I18n }): ReactNode {
  const { row, i18n } = props;
  const device = row.kind === 'rejected' ? null : row;
  return (
    <tr className={`import-row import-row-${row.kind}`}>
      <td className="import-col-line">{i18n.number(row.line)}</td>
      <td className="mono">{row.serial === null ? '—' : escapeControls(row.serial)}</td>
      <td>{device?.manufacturer ? escapeControls(device.manufacturer) : '—'}</td>
      <td>{device?.model ? escapeControls(device.model) : '—'}</td>
      <td>
        <RowBadges row={row} i18n={i18n} />
      </td>
      <td>
        <RowDetails row={row} i18n={i18n} />
      </td>
    </tr>
  );
}

const RESULT_BADGES: Readonly<Record<ImportRow['kind'], { key: MessageKey; tone: string }>> = {
  added: { key: 'import.result.added', tone: 'badge-new' },
  'duplicate-in-ledger': { key: 'import.result.duplicateInLedger', tone: 'badge-muted' },
  'duplicate-in-batch': { key: 'import.result.duplicateInBatch', tone: 'badge-muted' },
  replaced: { key: 'import.result.replaced', tone: 'badge-warning' },
  rejected: { key: 'import.result.rejected', tone: 'badge-danger' },
};

function RowBadges(props: { row: ImportRow; i18n: I18n }): ReactNode {
  const { row, i18n } = props;
  const badge = RESULT_BADGES[row.kind];
  const repaired = row.kind !== 'rejected' && row.warnings.length > 0;
  const tagLabel = row.kind === 'rejected' ? null : tagStatusLabel(i18n, row.tagStatus);
  return (
    <span className="import-badges">
      <span className={`badge ${badge.tone}`}>{i18n.t(badge.key)}</span>
      {repaired ? <span className="badge badge-warning">{i18n.t('import.result.repaired')}</span> : null}
      {tagLabel === null ? null : <span className="badge badge-warning import-tag-badge">{tagLabel}</span>}
    </span>
  );
}

/** Why the row ends up where it does, then what reading repaired or noticed in it. */
function RowDetails(props: { row: ImportRow; i18n: I18n }): ReactNode {
  const { row, i18n } = props;
  // The reasons and warnings are the services' words, in the language of the check.
  const checkedLang = useFeatureState(importStoreFactory, (state) => state.checkedLang) ?? undefined;
  const texts: { text: ReactNode; lang?: string | undefined }[] = [];
  switch (row.kind) {
    case 'added':
      if (row.restoresDeleted) texts.push({ text: i18n.t('import.detail.restored') });
      break;
    case 'duplicate-in-ledger':
      texts.push({ text: i18n.t('import.detail.duplicateInLedger') });
      break;
    case 'duplicate-in-batch':
      texts.push({
        text: i18n.t('import.detail.firstSeen', { file: row.firstSeen.file, line: row.firstSeen.line }),
      });
      break;
    case 'replaced':
      texts.push({
        text: i18n.t(
          row.replaces === 'ledger' ? 'import.detail.replacesLedger' : 'import.detail.replacesBatch',
        ),
      });
      break;
    case 'rejected':
      texts.push({ text: row.message, lang: checkedLang });
      break;
    default:
      assertNever(row);
  }
  let correction: ReactNode = null;
  if (row.kind !== 'rejected') {
    const tagProblem = tagStatusText(i18n, row.tagStatus);
    if (tagProblem !== null) {
      // A near miss is corrected here when saving writes this row's tag; a sighting keeps the saved tag.
      const after = isCorrectableRow(row)
        ? ''
        : row.tagStatus.kind === 'near-miss'
          ? ` ${i18n.t('import.detail.tagKeptByLedger')}`
          : '';
      // The tag as read breaks only between its words, as in the device list.
      texts.push({
        text: (
          <>
            {withNodes(i18n.t('import.detail.tag'), {
              tag: (
                <span className="import-tag-typed">
                  <TagText tag={escapeControls(row.groupTag)} />
                </span>
              ),
            })}{' '}
            {tagProblem}
            {after}
          </>
        ),
      });
      if (isCorrectableRow(row)) correction = <RowTagCorrection row={row} i18n={i18n} />;
    }
    for (const warning of row.warnings) texts.push({ text: warning.message, lang: checkedLang });
  }
  if (texts.length === 0) return null;
  if (texts.length === 1 && correction === null) {
    return (
      <span className="import-detail" lang={texts[0]!.lang}>
        {texts[0]!.text}
      </span>
    );
  }
  return (
    <>
      <ul className="import-details">
        {texts.map((text, index) => (
          <li key={index} lang={text.lang}>
            {text.text}
          </li>
        ))}
      </ul>
      {correction}
    </>
  );
}
