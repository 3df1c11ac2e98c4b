/**
 * The check's answer: nothing saved yet, the totals, the save decision, and each file with its rows.
 */
import { useId, useState, type ReactNode } from 'react';
import type { ImportCounts, ImportFilePreview } from '../../../shared/api/harvester-api';
import { useAppState, useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { withNodes } from '../../components/with-nodes';
import type { MessageKey } from '../../i18n/messages';
import { useFocusOnMount } from './focus-on-mount';
import { ImportRows } from './import-rows';
import { importStoreFactory, type ImportPreview } from './import-store';
import { correctedDeviceCount, TagCorrections } from './tag-corrections';

const COUNT_LABELS: readonly { readonly field: keyof ImportCounts; readonly key: MessageKey }[] = [
  { field: 'rows', key: 'import.count.rows' },
  { field: 'added', key: 'import.count.added' },
  { field: 'duplicates', key: 'import.count.duplicates' },
  { field: 'replaced', key: 'import.count.replaced' },
  { field: 'repaired', key: 'import.count.repaired' },
  { field: 'rejected', key: 'import.count.rejected' },
];

export function ImportPreviewView(props: {
  preview: ImportPreview;
  saving: boolean;
  focusOnMount: boolean;
}): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const store = useFeatureStoreApi(importStoreFactory);
  const heading = useFocusOnMount<HTMLHeadingElement>(props.focusOnMount);
  const { preview, saving } = props;
  const { totals } = preview;
  const single = preview.files.length === 1;

  return (
    <section className="import-preview" aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading" ref={heading} tabIndex={-1}>
        {t('import.preview.heading')}
      </h2>
      <div className="alert alert-info">
        <p className="alert-title">{t('import.preview.notSaved')}</p>
        <p>{t('import.preview.notSavedHint')}</p>
        <p className="muted">{t('import.preview.expires', { time: i18n.dateTime(preview.expiresAt) })}</p>
      </div>

      <CheckedInOtherLanguage
        i18n={i18n}
        saving={saving}
        onCheckAgain={() => void store.getState().checkAgain()}
      />
      <ImportTotals counts={totals} i18n={i18n} />
      <TagCorrections preview={preview} saving={saving} />
      <SaveActions
        totals={totals}
        saving={saving}
        i18n={i18n}
        onSave={() => void store.getState().save()}
        onChangeFiles={() => store.getState().editFiles()}
        onCancel={() => store.getState().reset()}
      />

      <div className="import-files">
        {preview.files.map((file, index) => (
          <FileSection key={`${index}-${file.name}`} file={file} openAtFirst={single || needsOpening(file)} />
        ))}
      </div>
    </section>
  );
}

/** The reasons are in the language the files were checked in: say so after a switch, and offer to check again. */
function CheckedInOtherLanguage(props: { i18n: I18n; saving: boolean; onCheckAgain: () => void }): ReactNode {
  const { i18n } = props;
  const checkedLang = useFeatureState(importStoreFactory, (state) => state.checkedLang);
  const lang = useAppState((state) => state.lang);
  if (checkedLang === null || checkedLang === lang) return null;
  return (
    <div className="alert alert-info import-checked-lang">
      <p>
        {i18n.t('import.preview.checkedInOtherLang', {
          checkedIn: i18n.t(`import.preview.langName.${checkedLang}`),
          now: i18n.t(`import.preview.langName.${lang}`),
        })}
      </p>
      <button type="button" className="btn" disabled={props.saving} onClick={props.onCheckAgain}>
        {i18n.t('import.preview.checkAgain')}
      </button>
    </div>
  );
}

function needsOpening(file: ImportFilePreview): boolean {
  return file.fileProblems.length > 0 || file.counts.rejected > 0;
}

function ImportTotals(props: { counts: ImportCounts; i18n: I18n }): ReactNode {
  const { counts, i18n } = props;
  return (
    <>
      <h3 className="visually-hidden">{i18n.t('import.totals.label')}</h3>
      <dl className="import-totals">
        {COUNT_LABELS.map(({ field, key }) => (
          <div
            key={field}
            className={`import-total import-total-${field}${counts[field] > 0 ? ' is-nonzero' : ''}`}
          >
            <dt>{i18n.t(key)}</dt>
            <dd>{i18n.number(counts[field])}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function SaveActions(props: {
  totals: ImportCounts;
  saving: boolean;
  i18n: I18n;
  onSave: () => void;
  onChangeFiles: () => void;
  onCancel: () => void;
}): ReactNode {
  const { totals, saving, i18n } = props;
  const corrected = useFeatureState(importStoreFactory, (state) => correctedDeviceCount(state.corrections));
  const changing = totals.added + totals.replaced;
  /** Rows saving would write: new and replacing devices, and sightings of ones already there. */
  const recordable = totals.rows - totals.rejected;
  const label =
    changing > 0
      ? i18n.plural('import.save', changing)
      : recordable > 0
        ? i18n.plural('import.saveSightings', recordable)
        : i18n.t('import.saveNone');
  return (
    <div className="import-save">
      {recordable === 0 ? (
        <p className="alert alert-warning" id="import-save-hint">
          {i18n.t('import.saveNoneHint')}
        </p>
      ) : (
        <p className="muted" id="import-save-hint">
          {i18n.t('import.saveHint')}
          {corrected > 0 ? ` ${i18n.plural('import.saveHintCorrections', corrected)}` : null}
        </p>
      )}
      <div className="import-actions">
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={recordable === 0 || saving}
          aria-describedby="import-save-hint"
          onClick={props.onSave}
        >
          {label}
        </button>
        <button type="button" className="btn" disabled={saving} onClick={props.onChangeFiles}>
          {i18n.t('import.changeFiles')}
        </button>
        <button type="button" className="btn" disabled={saving} onClick={props.onCancel}>
          {i18n.t('action.cancel')}
        </button>
      </div>
    </div>
  );
}

function FileSection(props: { file: ImportFilePreview; openAtFirst: boolean }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const { file } = props;
  const checkedLang = useFeatureState(importStoreFactory, (state) => state.checkedLang) ?? undefined;
  const [open, setOpen] = useState(props.openAtFirst);
  const bodyId = useId();
  const refused = file.fileProblems.length > 0;
  // A heading holding the disclosure's button (a heading inside <summary> loses its heading role).
  return (
    <section className={`card import-file${refused ? ' is-refused' : ''}`}>
      <h3 className="import-file-heading">
        <button
          type="button"
          className="import-file-toggle"
          aria-expanded={open}
          aria-controls={open ? bodyId : undefined}
          onClick={() => setOpen((was) => !was)}
        >
          <span className="import-file-name">{file.name}</span>
          <span className="import-file-counts">
            {refused ? (
              <span className="badge badge-danger">{t('import.file.refused')}</span>
            ) : (
              countsLine(file.counts, i18n)
            )}
          </span>
        </button>
      </h3>
      {open ? (
        <div className="import-file-body" id={bodyId}>
          {refused ? (
            <div className="alert alert-error">
              <p className="alert-title">{t('import.file.problemsTitle')}</p>
              {file.fileProblems.map((problem, index) => (
                <p key={index} lang={checkedLang}>
                  {problem.message}
                </p>
              ))}
            </div>
          ) : null}
          {file.notes.length > 0 ? (
            <div className="alert alert-warning">
              <p className="alert-title">{t('import.file.notes')}</p>
              <ul>
                {file.notes.map((note, index) => (
                  <li key={index}>
                    {note.line > 0 ? (
                      withNodes(t('import.file.noteLine', { line: note.line }), {
                        message: <span lang={checkedLang}>{note.message}</span>,
                      })
                    ) : (
                      <span lang={checkedLang}>{note.message}</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {file.omittedRows > 0 ? (
            <p className="muted">
              {t('import.rows.omitted', { count: file.omittedRows, listed: file.rows.length })}
            </p>
          ) : null}
          {file.rows.length > 0 ? (
            <ImportRows name={file.name} rows={file.rows} />
          ) : refused ? null : (
            <p className="muted">{t('import.file.noRows')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** `120 rows · New 100 · Duplicates 15 · Rejected 5` (「・」 in Japanese): the counts that are not zero. */
function countsLine(counts: ImportCounts, i18n: I18n): string {
  let line = i18n.plural('import.file.rows', counts.rows);
  for (const { field, key } of COUNT_LABELS) {
    if (field === 'rows' || counts[field] === 0) continue;
    const part = i18n.t('import.file.countPart', { label: i18n.t(key), count: counts[field] });
    line = i18n.t('import.file.countsJoin', { first: line, next: part });
  }
  return line;
}
