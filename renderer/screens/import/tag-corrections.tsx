/**
 * The correction of mistyped group tags where they are first seen: in the check's answer, before anything is
 * saved. One button per mistyped tag corrects every device the files carry it for; each row offers the
 * same for its own device. The choices are sent with the save (`confirmImport`'s `tagCorrections`), so the
 * devices land in the ledger with the known tag and a history entry that keeps the tag as read.
 */
import type { ReactNode } from 'react';
import { escapeControls } from '../../../shared/control-characters';
import { reasonsText } from '../../../shared/i18n/diagnostic-messages';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { TagText } from '../../components/tag-status';
import { withNodes } from '../../components/with-nodes';
import {
  importStoreFactory,
  mistypedTags,
  type ChosenCorrection,
  type CorrectableRow,
  type ImportPreview,
  type MistypedTag,
} from './import-store';

/** Whether the device's correction is chosen (a device appears under one mistyped tag per row). */
export function isCorrectionChosen(
  corrections: ReadonlyMap<string, ChosenCorrection>,
  from: string,
  deviceId: string,
): boolean {
  return corrections.get(from)?.deviceIds.includes(deviceId) === true;
}

/** Devices whose tag the save will correct, each once. */
export function correctedDeviceCount(corrections: ReadonlyMap<string, ChosenCorrection>): number {
  return new Set([...corrections.values()].flatMap((c) => c.deviceIds)).size;
}

/** Every mistyped tag of the check with its devices, and the one-click correction for all of them. */
export function TagCorrections(props: { preview: ImportPreview; saving: boolean }): ReactNode {
  const i18n = useI18n();
  const tags = mistypedTags(props.preview);
  if (tags.length === 0) return null;
  return (
    <section className="alert alert-warning import-tag-corrections" aria-labelledby="import-tags-heading">
      <h3 id="import-tags-heading" className="alert-title">
        {i18n.t('import.tags.title')}
      </h3>
      <p>{i18n.t('import.tags.intro')}</p>
      <ul className="import-tag-list">
        {tags.map((tag) => (
          <MistypedTagItem key={tag.from} i18n={i18n} tag={tag} saving={props.saving} />
        ))}
      </ul>
    </section>
  );
}

function MistypedTagItem(props: { i18n: I18n; tag: MistypedTag; saving: boolean }): ReactNode {
  const { i18n, tag } = props;
  const store = useFeatureStoreApi(importStoreFactory);
  const chosen = useFeatureState(importStoreFactory, (state) => state.corrections.get(tag.from));
  const count = tag.deviceIds.length;
  const chosenCount = chosen?.deviceIds.length ?? 0;
  const from = escapeControls(tag.from);
  return (
    <li className="import-tag-item">
      <p className="import-tag-what">
        <span className="import-tag-name">
          {withNodes(i18n.plural('import.tags.item', count), {
            from: (
              <span className="mono import-tag-typed">
                <TagText tag={from} />
              </span>
            ),
          })}
        </span>{' '}
        <span className="import-tag-reason">
          {i18n.t('tagStatus.nearMiss', {
            suggestion: tag.suggestion,
            reasons: reasonsText(i18n.lang, tag.reasons.join(' ')),
          })}
        </span>
      </p>
      <div className="import-tag-actions">
        {chosenCount < count ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={props.saving}
            onClick={() => store.getState().correctTag(tag.from, tag.suggestion, tag.deviceIds)}
          >
            {count === 1
              ? i18n.t('import.tags.correctOne', { tag: tag.suggestion })
              : i18n.t('import.tags.correctAll', { tag: tag.suggestion, count })}
          </button>
        ) : null}
        {chosenCount > 0 ? (
          <>
            <p className="import-tag-chosen" role="status">
              {i18n.plural('import.tags.chosen', chosenCount, { tag: chosen?.tag ?? tag.suggestion })}
            </p>
            <button
              type="button"
              className="btn"
              disabled={props.saving}
              aria-label={i18n.t('import.tags.keepAllLabel', { from })}
              onClick={() => store.getState().keepTag(tag.from)}
            >
              {i18n.t('import.tags.keepAll')}
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}

/** The row's own correction: "Use Microsoft365Managed_Autopilot", or what was chosen and the way back. */
export function RowTagCorrection(props: { row: CorrectableRow; i18n: I18n }): ReactNode {
  const { row, i18n } = props;
  const store = useFeatureStoreApi(importStoreFactory);
  const saving = useFeatureState(importStoreFactory, (state) => state.phase.kind === 'saving');
  const chosen = useFeatureState(importStoreFactory, (state) =>
    isCorrectionChosen(state.corrections, row.groupTag, row.deviceId),
  );
  const suggestion = row.tagStatus.suggestion;
  const serial = escapeControls(row.serial);
  return chosen ? (
    <span className="import-row-tag-fix">
      <span className="badge badge-success">{i18n.t('import.row.corrected', { tag: suggestion })}</span>
      <button
        type="button"
        className="btn btn-small"
        disabled={saving}
        aria-label={i18n.t('import.row.keepLabel', { serial })}
        onClick={() => store.getState().keepTag(row.groupTag, [row.deviceId])}
      >
        {i18n.t('import.row.keep')}
      </button>
    </span>
  ) : (
    <span className="import-row-tag-fix">
      <button
        type="button"
        className="btn btn-small"
        disabled={saving}
        aria-label={i18n.t('import.row.correctLabel', { tag: suggestion, serial })}
        onClick={() => store.getState().correctTag(row.groupTag, suggestion, [row.deviceId])}
      >
        {i18n.t('import.row.correct', { tag: suggestion })}
      </button>
    </span>
  );
}
