/**
 * The Devices screen: every ledger device in a virtualised grid, with search, a state filter, selection
 * for export/delete/restore, undo of a delete, and a device's hash details on demand.
 */
import { useCallback, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { DeviceSummary } from '../../../shared/api/harvester-api';
import {
  useAppState,
  useAppStoreApi,
  useFeatureState,
  useFeatureStoreApi,
  useI18n,
  type I18n,
} from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';
import { STATE_FILTERS, type StateFilter } from './device-filter';
import { DeviceDetails } from './device-details';
import { DeviceTable } from './device-table';
import { devicesStore, selectionSummary, type DevicesNotice, type DevicesProblem } from './devices-store';
import './devices.css';

export function DevicesScreen(): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const store = useFeatureStoreApi(devicesStore);
  const ledgerVersion = useAppState((state) => state.ledgerVersion);
  const status = useFeatureState(devicesStore, (s) => s.status);
  const loadFailure = useFeatureState(devicesStore, (s) => s.loadFailure);
  const devices = useFeatureState(devicesStore, (s) => s.devices);
  const details = useFeatureState(devicesStore, (s) => s.details);
  const busy = useFeatureState(devicesStore, (s) => s.busy);
  const notice = useFeatureState(devicesStore, (s) => s.notice);

  // Load on opening, and again whenever another screen (or this one) changed the ledger.
  const opened = useRef(false);
  useEffect(() => {
    const state = store.getState();
    if (!opened.current || state.loadedVersion !== ledgerVersion) {
      opened.current = true;
      void state.load();
    }
  }, [store, ledgerVersion]);

  const detailsDevice = useMemo(
    () => (details.kind === 'closed' ? undefined : devices.find((d) => d.id === details.id)),
    [details, devices],
  );

  return (
    <div className="devices-screen">
      <ScreenHeading description={t('devices.description')}>{t('devices.title')}</ScreenHeading>
      <Messages i18n={i18n} />
      {loadFailure === null ? null : (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('devices.loadFailedTitle')}</p>
          <p>{t(loadFailure.messageKey)}</p>
          <button type="button" className="btn" onClick={() => void store.getState().load()}>
            {t('action.retry')}
          </button>
        </div>
      )}
      {status === 'loading' ? (
        <p role="status" className="muted">
          {t('devices.loading')}
        </p>
      ) : status === 'failed' ? null : devices.length === 0 ? (
        <NoDevices i18n={i18n} />
      ) : (
        <DeviceList i18n={i18n} />
      )}
      {details.kind === 'closed' ? null : (
        <DeviceDetails
          i18n={i18n}
          details={details}
          device={detailsDevice}
          onClose={() => store.getState().closeDetails()}
          onRetry={() => void store.getState().openDetails(details.id)}
          busy={busy}
          correctedTag={notice?.kind === 'tag-corrected' ? notice.tag : null}
          onCorrectTag={(id, tag) => void store.getState().correctTag(id, tag)}
        />
      )}
    </div>
  );
}

/** The undo bar, what the last change did, and why a change failed. */
function Messages(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const { t } = i18n;
  const store = useFeatureStoreApi(devicesStore);
  const notice = useFeatureState(devicesStore, (s) => s.notice);
  const problem = useFeatureState(devicesStore, (s) => s.problem);
  // The button that made the change is disabled once the selection it acted on is gone, which drops focus:
  // catch it in the new notice (on Undo after a delete).
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    const lost =
      focused === null || focused === document.body || (focused as HTMLButtonElement).disabled === true;
    if (notice !== null && lost) noticeRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [notice]);
  return (
    <>
      {problem === null ? null : (
        <ProblemAlert i18n={i18n} problem={problem} onDismiss={() => store.getState().dismissProblem()} />
      )}
      <div
        ref={noticeRef}
        className={
          notice === null
            ? 'devices-notice-region'
            : notice.kind === 'deleted'
              ? 'devices-notice-region devices-notice devices-undo-bar'
              : 'devices-notice-region devices-notice'
        }
      >
        {/* Text only, and always in the page, so a screen reader announces what appears in it; the
            buttons follow outside the live region. */}
        <span role="status">{notice === null ? null : noticeText(i18n, notice)}</span>
        {notice?.kind === 'deleted' ? (
          <button type="button" className="btn" onClick={() => void store.getState().undoDelete()}>
            {t('devices.undo')}
          </button>
        ) : null}
        {notice === null ? null : (
          <button type="button" className="btn btn-link" onClick={() => store.getState().dismissNotice()}>
            {t('devices.dismiss')}
          </button>
        )}
      </div>
    </>
  );
}

function noticeText(i18n: I18n, notice: DevicesNotice): string {
  switch (notice.kind) {
    case 'deleted':
      return i18n.plural('devices.deleted', notice.ids.length);
    case 'restored':
      return i18n.plural('devices.restored', notice.count);
    case 'unchanged':
      return i18n.t('devices.unchanged');
    case 'tag-corrected':
      return i18n.t('devices.notice.tagCorrected', { tag: notice.tag });
  }
}

function ProblemAlert(props: { i18n: I18n; problem: DevicesProblem; onDismiss: () => void }): ReactNode {
  const { i18n, problem } = props;
  const { t } = i18n;
  return (
    <div className="alert alert-error" role="alert">
      {problem.kind === 'ledger-failed' ? (
        <>
          <p className="alert-title">{t('devices.ledgerFailedTitle')}</p>
          <p>{problem.failure.message}</p>
          <details>
            <summary>{t('devices.supportDetail')}</summary>
            <p className="mono">{problem.failure.file}</p>
            <p className="mono">{problem.failure.detail}</p>
          </details>
        </>
      ) : (
        <>
          <p className="alert-title">{t('error.unexpectedTitle')}</p>
          <p>{t(problem.failure.messageKey)}</p>
        </>
      )}
      <button type="button" className="btn btn-link" onClick={props.onDismiss}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}

function NoDevices(props: { i18n: I18n }): ReactNode {
  const { t } = props.i18n;
  return (
    <section className="card devices-empty" aria-labelledby="devices-empty-title">
      <h2 id="devices-empty-title">{t('devices.empty.title')}</h2>
      <p>{t('devices.empty.body')}</p>
      <AddDevicesButtons i18n={props.i18n} />
    </section>
  );
}

function AddDevicesButtons(props: { i18n: I18n }): ReactNode {
  const { t } = props.i18n;
  const app = useAppStoreApi();
  return (
    <div className="devices-buttons">
      <button type="button" className="btn btn-primary" onClick={() => app.getState().go('collect')}>
        {t('devices.empty.collect')}
      </button>
      <button type="button" className="btn" onClick={() => app.getState().go('import')}>
        {t('devices.empty.import')}
      </button>
    </div>
  );
}

/** Search, filter, selection actions and the grid (or why it is empty). */
function DeviceList(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const { t } = i18n;
  const store = useFeatureStoreApi(devicesStore);
  const shown = useFeatureState(devicesStore, (s) => s.shown);
  const selected = useFeatureState(devicesStore, (s) => s.selected);
  const query = useFeatureState(devicesStore, (s) => s.query);
  const filter = useFeatureState(devicesStore, (s) => s.filter);
  const counts = useFeatureState(devicesStore, (s) => s.counts);
  const summary = useMemo(() => selectionSummary(shown, selected), [shown, selected]);
  const gridLabel = useId();
  const gridHint = useId();
  const searchId = useId();
  const filterId = useId();

  const onToggle = useCallback(
    (id: string, range: boolean) => store.getState().toggle(id, { range }),
    [store],
  );
  const onToggleAll = useCallback(() => store.getState().toggleAllShown(), [store]);
  const onOpen = useCallback((id: string) => void store.getState().openDetails(id), [store]);

  return (
    <>
      <div className="devices-toolbar" role="search">
        <div className="field devices-search">
          <label htmlFor={searchId}>{t('devices.search.label')}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t('devices.search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => store.getState().setQuery(event.target.value)}
          />
        </div>
        <div className="field devices-filter">
          <label htmlFor={filterId}>{t('devices.filter.label')}</label>
          <select
            id={filterId}
            value={filter}
            onChange={(event) => store.getState().setFilter(event.target.value as StateFilter)}
          >
            {STATE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`devices.filter.${f}`, { count: counts[f] })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="devices-bar">
        <p className="devices-count" aria-live="polite">
          {i18n.plural('devices.shown', counts[filter], { shown: shown.length })}
        </p>
        <SelectionBar i18n={i18n} hiddenSelected={summary.hiddenSelected} />
      </div>
      <h2 id={gridLabel} className="visually-hidden">
        {t('devices.grid.label')}
      </h2>
      {shown.length === 0 ? (
        query === '' && filter === 'active' ? (
          <section className="card devices-empty" aria-labelledby="devices-all-deleted-title">
            <h3 id="devices-all-deleted-title">{t('devices.allDeleted.title')}</h3>
            <p>{t('devices.allDeleted.body')}</p>
            <div className="devices-buttons">
              <button type="button" className="btn" onClick={() => store.getState().setFilter('deleted')}>
                {t('devices.allDeleted.show')}
              </button>
            </div>
            <AddDevicesButtons i18n={i18n} />
          </section>
        ) : (
          <section className="card devices-empty" aria-labelledby="devices-no-match-title">
            <h3 id="devices-no-match-title">{t('devices.noMatch.title')}</h3>
            <p>{t('devices.noMatch.body')}</p>
            <button type="button" className="btn" onClick={() => store.getState().clearFilters()}>
              {t('devices.clearFilters')}
            </button>
          </section>
        )
      ) : (
        <>
          <p id={gridHint} className="muted devices-hint">
            {t('devices.grid.hint')}
          </p>
          <DeviceTable
            i18n={i18n}
            shown={shown}
            selected={selected}
            shownSelected={summary.shownSelected}
            onToggle={onToggle}
            onToggleAll={onToggleAll}
            onOpen={onOpen}
            labelledBy={gridLabel}
            describedBy={gridHint}
          />
        </>
      )}
    </>
  );
}

/** The selection's size and what can be done with it. */
function SelectionBar(props: { i18n: I18n; hiddenSelected: number }): ReactNode {
  const { i18n } = props;
  const { t } = i18n;
  const store = useFeatureStoreApi(devicesStore);
  const devices = useFeatureState(devicesStore, (s) => s.devices);
  const selected = useFeatureState(devicesStore, (s) => s.selected);
  const filter = useFeatureState(devicesStore, (s) => s.filter);
  const busy = useFeatureState(devicesStore, (s) => s.busy);
  const { deletable, restorable } = useMemo(() => countSelectable(devices, selected), [devices, selected]);
  const showRestore = filter === 'deleted' || restorable > 0;
  const showExportDelete = filter !== 'deleted' || deletable > 0;
  return (
    <div className="devices-selection" role="group" aria-label={t('devices.actions.label')} aria-busy={busy}>
      <span className="devices-selection-count">
        {i18n.plural('devices.selected', selected.size)}
        {props.hiddenSelected > 0 ? (
          <span className="muted"> {t('devices.selectedHidden', { count: props.hiddenSelected })}</span>
        ) : null}
      </span>
      {selected.size > 0 ? (
        <button type="button" className="btn btn-link" onClick={() => store.getState().clearSelection()}>
          {t('devices.clearSelection')}
        </button>
      ) : null}
      <span className="devices-selection-actions">
        {showExportDelete ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={deletable === 0}
              onClick={() => store.getState().exportSelected()}
            >
              {/* The count includes selected devices the search or filter hides (the note above says so). */}
              {deletable === 0
                ? t('devices.action.export')
                : i18n.plural('devices.action.exportCount', deletable)}
            </button>
            <button
              type="button"
              className="btn"
              disabled={deletable === 0}
              onClick={() => store.getState().submitSelected()}
            >
              {deletable === 0
                ? t('devices.action.submit')
                : i18n.plural('devices.action.submitCount', deletable)}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={deletable === 0}
              onClick={() => void store.getState().deleteSelected()}
            >
              {deletable === 0
                ? t('devices.action.delete')
                : i18n.plural('devices.action.deleteCount', deletable)}
            </button>
          </>
        ) : null}
        {showRestore ? (
          <button
            type="button"
            className="btn"
            disabled={restorable === 0}
            onClick={() => void store.getState().restoreSelected()}
          >
            {restorable === 0
              ? t('devices.action.restore')
              : i18n.plural('devices.action.restoreCount', restorable)}
          </button>
        ) : null}
      </span>
    </div>
  );
}

function countSelectable(
  devices: readonly DeviceSummary[],
  selected: ReadonlySet<string>,
): { deletable: number; restorable: number } {
  let deletable = 0;
  let restorable = 0;
  if (selected.size === 0) return { deletable, restorable };
  for (const device of devices) {
    if (!selected.has(device.id)) continue;
    if (device.state === 'deleted') restorable += 1;
    else deletable += 1;
  }
  return { deletable, restorable };
}
