/**
 * The Export screen: choose the devices, the importer's format, the group tag and where to save, see exactly
 * what will be written, then write the CSV files (each read back and checked by the services).
 */
import { useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CSV_FORMATS, DEVICES_PER_FILE } from '../../../shared/csv/csv-writer';
import { useAppState, useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { ActionButton } from '../../components/action-button';
import { ChoiceFieldset, type Choice } from '../../components/choice-list';
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
  const store = useFeatureStoreApi(exportStoreFactory);
  const selection = useFeatureState(exportStoreFactory, (s) => s.selection);
  const chosenIds = useFeatureState(exportStoreFactory, (s) => s.chosenIds);
  const choices: Choice<SelectionKind>[] = [];
  if (chosenIds !== null) {
    choices.push({
      value: 'ids',
      label: i18n.plural('export.selection.ids', chosenIds.length),
      hint: i18n.t('export.selection.idsHint'),
    });
  }
  choices.push(
    {
      value: 'not-exported',
      label: i18n.t('export.selection.notExported'),
      hint: i18n.t('export.selection.notExportedHint'),
    },
    { value: 'all', label: i18n.t('export.selection.all'), hint: i18n.t('export.selection.allHint') },
  );
  return (
    <ChoiceFieldset
      className="card export-fieldset"
      legendClassName="export-legend"
      legend={i18n.t('export.selection.legend')}
      name="selection"
      choices={choices}
      chosen={selection}
      onChoose={(kind) => store.getState().chooseSelection(kind)}
    />
  );
}

function FormatChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const store = useFeatureStoreApi(exportStoreFactory);
  const format = useFeatureState(exportStoreFactory, (s) => s.format);
  return (
    <ChoiceFieldset
      className="card export-fieldset"
      legendClassName="export-legend"
      legend={i18n.t('export.format.legend')}
      name="format"
      choices={CSV_FORMATS.map((f) => ({
        value: f,
        label: i18n.t(`export.format.${f}`),
        hint: i18n.t(`export.format.${f}Hint`, { max: DEVICES_PER_FILE[f] }),
      }))}
      chosen={format}
      onChoose={(f) => store.getState().chooseFormat(f)}
    >
      {format === 'partner-center' ? (
        <p className="field-hint">{i18n.t('export.format.partnerCenterTag')}</p>
      ) : null}
    </ChoiceFieldset>
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
    <ActionButton
      className="export-action"
      buttonClassName="btn btn-primary btn-large"
      label={label}
      busy={state.exporting}
      blocked={blocked !== null ? i18n.t(`export.action.${blocked}`) : null}
      onPress={() => void store.getState().exportNow()}
    />
  );
}
