/**
 * Choosing the files: the drop zone, the list of what was chosen (with sizes and remove buttons), the limits
 * of one check in words, and the button that checks them.
 */
import { useRef, type ReactNode } from 'react';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { DropZone } from './drop-zone';
import { importLimitProblem, type ImportLimitProblem } from './file-reading';
import { useFocusOnMount } from './focus-on-mount';
import { importStoreFactory } from './import-store';

export function FileChooser(props: { busy: boolean; focusOnMount: boolean }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const store = useFeatureStoreApi(importStoreFactory);
  const files = useFeatureState(importStoreFactory, (state) => state.files);
  const alreadyChosen = useFeatureState(importStoreFactory, (state) => state.alreadyChosen);
  const heading = useFocusOnMount<HTMLHeadingElement>(props.focusOnMount);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const { busy } = props;
  const limit = importLimitProblem(files);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  return (
    <section className="import-choose" aria-labelledby="import-choose-heading">
      <h2 id="import-choose-heading" className="visually-hidden" ref={heading} tabIndex={-1}>
        {t('import.drop.inputLabel')}
      </h2>
      <DropZone disabled={busy} onFiles={(chosen) => store.getState().addFiles(chosen)} />

      {alreadyChosen.length > 0 ? (
        <p className="alert alert-info">
          {t('import.files.alreadyChosen', { names: alreadyChosen.join(', ') })}
        </p>
      ) : null}

      <div className="card import-file-list">
        <h3 ref={listHeading} tabIndex={-1}>
          {t('import.files.heading')}
        </h3>
        {files.length === 0 ? (
          <p className="muted">{t('import.files.empty')}</p>
        ) : (
          <>
            <p className="muted">
              {i18n.plural('import.files.summary', files.length, { size: i18n.bytes(totalBytes) })}
            </p>
            <ul className="import-chosen">
              {files.map((file) => (
                <li key={file.id}>
                  <span className="import-chosen-name">{file.name}</span>
                  <span className="import-chosen-size muted">{i18n.bytes(file.size)}</span>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    aria-label={t('import.files.removeLabel', { name: file.name })}
                    onClick={() => {
                      store.getState().removeFile(file.id);
                      // The button is gone: keep keyboard focus in the list rather than losing it.
                      listHeading.current?.focus();
                    }}
                  >
                    {t('import.files.remove')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      {limit === null ? null : (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('import.limit.title')}</p>
          <p>{limitText(limit, i18n)}</p>
        </div>
      )}

      <div className="import-actions">
        {/* While reading and checking the button keeps focus (aria-disabled, as Collect does); the store
            ignores a second press. */}
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={!busy && (files.length === 0 || limit !== null)}
          aria-disabled={busy || undefined}
          aria-busy={busy}
          aria-describedby="import-check-hint"
          onClick={() => {
            if (!busy) void store.getState().check();
          }}
        >
          {t('import.files.check')}
        </button>
        {busy ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              store.getState().reset();
              // The button goes away with the check: keep keyboard focus in the (now empty) list.
              listHeading.current?.focus();
            }}
          >
            {t('action.cancel')}
          </button>
        ) : null}
      </div>
      <p id="import-check-hint" className="muted">
        {t('import.files.checkHint')}
      </p>
    </section>
  );
}

function limitText(limit: ImportLimitProblem, i18n: I18n): string {
  switch (limit.kind) {
    case 'too-many-files':
      return i18n.t('import.limit.tooManyFiles', { count: limit.count, max: limit.max });
    case 'too-large':
      return i18n.t('import.limit.tooLarge', {
        size: i18n.bytes(limit.bytes),
        max: i18n.bytes(limit.maxBytes),
      });
    case 'file-too-large':
      return i18n.t('import.limit.fileTooLarge', {
        name: limit.name,
        size: i18n.bytes(limit.bytes),
        max: i18n.bytes(limit.maxBytes),
      });
  }
}
