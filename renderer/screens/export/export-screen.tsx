/**
 * The Export screen: choose the devices, the importer's format, the group tag and where to save, see exactly
 * what will be written, then write the CSV files (each read back and checked by the services).
 */
import { useEffect, useId, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CSV_FORMATS, DEVICES_PER_FILE } from '../../../shared/csv/csv-writer';
import { useAppState, useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { GroupTagPicker } from '../../components/group-tag-picker';
import { ScreenHeading } from '../../components/screen-heading';
import { ExportDestination } from './export-destination';
import { ExportPreview } from './export-preview';
import { exportRequestOf, type SelectionKind } from './export-request';
import { ExportResult } from './export-result';
import { exportStoreFactory, type ExportState } from './export-store';
import './export.css';

export function ExportScreen(): ReactNode {
  const i18n = useI18n();
  const store = useFeatureStoreApi(exportStoreFactory);
  const tag = useFeatureState(exportStoreFactory, (s) => s.tag);
  useEffect(() => {
    store.getState().start();
  }, [store]);
  return (
    <div className="export-screen">
      <ScreenHeading description={i18n.t('export.description')}>{i18n.t('export.title')}</ScreenHeading>
      <SelectionChoice i18n={i18n} />
      <FormatChoice i18n={i18n} />
      <div className="card">
        <GroupTagPicker value={tag} onChange={store.getState().chooseTag} lang={i18n.lang} />
      </div>
      <ExportDestination />
      <ExportPreview />
      <ExportAction i18n={i18n} />
      <ExportResult />
    </div>
  );
}

function SelectionChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const id = useId();
  const store = useFeatureStoreApi(exportStoreFactory);
  const selection = useFeatureState(exportStoreFactory, (s) => s.selection);
  const chosenIds = useFeatureState(exportStoreFactory, (s) => s.chosenIds);
  const options: { kind: SelectionKind; label: string; hint: string }[] = [];
  if (chosenIds !== null) {
    options.push({
      kind: 'ids',
      label: i18n.plural('export.selection.ids', chosenIds.length),
      hint: i18n.t('export.selection.idsHint'),
    });
  }
  options.push(
    {
      kind: 'not-exported',
      label: i18n.t('export.selection.notExported'),
      hint: i18n.t('export.selection.notExportedHint'),
    },
    { kind: 'all', label: i18n.t('export.selection.all'), hint: i18n.t('export.selection.allHint') },
  );
  return (
    <fieldset className="card export-fieldset">
      <legend className="export-legend">{i18n.t('export.selection.legend')}</legend>
      <ul className="choice-list">
        {options.map((option) => (
          <RadioChoice
            key={option.kind}
            id={`${id}-${option.kind}`}
            name={`${id}-selection`}
            checked={selection === option.kind}
            onChoose={() => store.getState().chooseSelection(option.kind)}
            label={option.label}
            hint={option.hint}
          />
        ))}
      </ul>
    </fieldset>
  );
}

function FormatChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const id = useId();
  const store = useFeatureStoreApi(exportStoreFactory);
  const format = useFeatureState(exportStoreFactory, (s) => s.format);
  return (
    <fieldset className="card export-fieldset">
      <legend className="export-legend">{i18n.t('export.format.legend')}</legend>
      <ul className="choice-list">
        {CSV_FORMATS.map((f) => (
          <RadioChoice
            key={f}
            id={`${id}-${f}`}
            name={`${id}-format`}
            checked={format === f}
            onChoose={() => store.getState().chooseFormat(f)}
            label={i18n.t(`export.format.${f}`)}
            hint={i18n.t(`export.format.${f}Hint`, { max: DEVICES_PER_FILE[f] })}
          />
        ))}
      </ul>
      {format === 'partner-center' ? (
        <p className="field-hint">{i18n.t('export.format.partnerCenterTag')}</p>
      ) : null}
    </fieldset>
  );
}

function RadioChoice(props: {
  id: string;
  name: string;
  checked: boolean;
  onChoose: () => void;
  label: string;
  hint: string;
}): ReactNode {
  return (
    <li className="choice">
      <input
        type="radio"
        id={props.id}
        name={props.name}
        checked={props.checked}
        onChange={props.onChoose}
        aria-describedby={`${props.id}-hint`}
      />
      <div className="choice-body">
        <label htmlFor={props.id} className="choice-label">
          {props.label}
        </label>
        <p id={`${props.id}-hint`} className="choice-hint">
          {props.hint}
        </p>
      </div>
    </li>
  );
}

/** Why the button cannot be pressed yet, or `null` when it can. */
function blockedReason(
  state: Pick<ExportState, 'tag' | 'preview'>,
  request: unknown,
): 'needTag' | 'needDestination' | 'nothing' | null {
  if (state.tag.status !== 'ok') return 'needTag';
  if (request === null) return 'needDestination';
  if (
    state.preview.kind === 'shown' &&
    state.preview.answer.kind === 'ready' &&
    state.preview.answer.devices === 0
  ) {
    return 'nothing';
  }
  return null;
}

function ExportAction(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const hintId = useId();
  const store = useFeatureStoreApi(exportStoreFactory);
  // Only what the button needs: the whole state would re-render it on every change (drives, outcome …).
  const state = useFeatureState(
    exportStoreFactory,
    useShallow((s) => ({
      selection: s.selection,
      chosenIds: s.chosenIds,
      format: s.format,
      tag: s.tag,
      destination: s.destination,
      driveFolder: s.driveFolder,
      folderPath: s.folderPath,
      preview: s.preview,
      exporting: s.exporting,
    })),
  );
  const lang = useAppState((s) => s.lang);
  const platform = useAppState((s) => s.appInfo?.platform ?? null);
  const request = exportRequestOf(state, lang, platform);
  const blocked = blockedReason(state, request);
  const count =
    state.preview.kind === 'shown' && state.preview.answer.kind === 'ready' && !state.preview.updating
      ? state.preview.answer.devices
      : null;
  const label = state.exporting
    ? i18n.t('export.action.exporting')
    : count !== null && count > 0
      ? i18n.plural('export.action.export', count)
      : i18n.t('export.action.exportNoCount');
  return (
    <div className="export-action">
      <button
        type="button"
        className="btn btn-primary btn-large"
        // While exporting the button keeps focus (aria-disabled); the store ignores a second press.
        disabled={blocked !== null && !state.exporting}
        aria-disabled={state.exporting || undefined}
        aria-busy={state.exporting}
        aria-describedby={blocked !== null ? hintId : undefined}
        onClick={() => {
          if (!state.exporting) void store.getState().exportNow();
        }}
      >
        {label}
      </button>
      {blocked !== null ? (
        <p id={hintId} className="field-hint">
          {i18n.t(`export.action.${blocked}`)}
        </p>
      ) : null}
    </div>
  );
}
