/**
 * Where the files go: a USB stick (listed by Windows, the last one used preselected) with a folder on it, or
 * a folder on this computer given as a full path.
 */
import { useId, type ReactNode } from 'react';
import { useAppState, useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { driveFolderProblem, folderExample, folderOnDrive, folderPathProblem } from './export-request';
import { exportStoreFactory, type DrivesState } from './export-store';
import type { RemovableDrive } from './remembered-drive';

export function ExportDestination(): ReactNode {
  const i18n = useI18n();
  const id = useId();
  const store = useFeatureStoreApi(exportStoreFactory);
  const drives = useFeatureState(exportStoreFactory, (s) => s.drives);
  const destination = useFeatureState(exportStoreFactory, (s) => s.destination);
  const driveFolder = useFeatureState(exportStoreFactory, (s) => s.driveFolder);
  const folderPath = useFeatureState(exportStoreFactory, (s) => s.folderPath);
  const platform = useAppState((s) => s.appInfo?.platform ?? null);

  const listed = drives.kind === 'listed' || drives.kind === 'loading' ? drives.drives : [];
  const canList = drives.kind !== 'unsupported';
  const lastUsed = useFeatureState(exportStoreFactory, (s) => s.lastDriveSerial);
  const name = `${id}-destination`;
  const folderId = `${id}-folder`;
  const folderInputId = `${id}-folder-path`;
  const folderHintId = `${id}-folder-hint`;
  const folderProblemId = `${id}-folder-problem`;
  const driveFolderId = `${id}-drive-folder`;
  const driveFolderHintId = `${id}-drive-folder-hint`;
  const chosenDrive =
    destination?.kind === 'drive'
      ? listed.find((d) => d.volumeSerial === destination.volumeSerial)
      : undefined;
  const folderProblem = folderPathProblem(folderPath, platform);
  const example = folderExample(platform);
  const driveFolderBad = driveFolderProblem(driveFolder) !== null;

  return (
    <fieldset className="card export-fieldset">
      <legend className="export-legend">{i18n.t('export.destination.legend')}</legend>
      {canList ? (
        <div className="drives-bar">
          <DrivesMessage i18n={i18n} drives={drives} />
          <button
            type="button"
            className="btn"
            onClick={() => void store.getState().refreshDrives()}
            disabled={drives.kind === 'loading'}
          >
            {i18n.t('export.destination.refresh')}
          </button>
        </div>
      ) : (
        <p className="alert alert-info">{i18n.t('export.destination.unsupported')}</p>
      )}
      <ul className="choice-list">
        {listed.map((drive) => {
          const optionId = `${id}-drive-${drive.volumeSerial}`;
          const chosen = destination?.kind === 'drive' && destination.volumeSerial === drive.volumeSerial;
          return (
            <li key={drive.volumeSerial} className="choice">
              <input
                type="radio"
                id={optionId}
                name={name}
                checked={chosen}
                onChange={() => store.getState().chooseDrive(drive)}
                aria-describedby={`${optionId}-hint`}
              />
              <div className="choice-body">
                <label htmlFor={optionId} className="choice-label">
                  {driveName(i18n, drive)}
                </label>
                <p id={`${optionId}-hint`} className="choice-hint">
                  {i18n.t('export.destination.driveHint', {
                    free: i18n.bytes(drive.freeBytes),
                    size: i18n.bytes(drive.sizeBytes),
                  })}
                  {drive.volumeSerial === lastUsed ? (
                    <>
                      {' '}
                      <span className="badge badge-muted">{i18n.t('export.destination.lastUsed')}</span>
                    </>
                  ) : null}
                </p>
                {chosen && chosenDrive !== undefined ? (
                  <div className="field export-subfield">
                    <label htmlFor={driveFolderId}>{i18n.t('export.destination.driveFolder')}</label>
                    <input
                      type="text"
                      id={driveFolderId}
                      className="mono"
                      value={driveFolder}
                      maxLength={260}
                      spellCheck={false}
                      autoComplete="off"
                      aria-invalid={driveFolderBad}
                      aria-describedby={driveFolderHintId}
                      onChange={(event) => store.getState().setDriveFolder(event.currentTarget.value)}
                    />
                    <span
                      id={driveFolderHintId}
                      className={driveFolderBad ? 'export-field-problem' : 'field-hint'}
                    >
                      {driveFolderBad
                        ? i18n.t('export.destination.driveFolderBad')
                        : i18n.t('export.destination.driveFolderHint', {
                            path: folderOnDrive(chosenDrive.letter, driveFolder),
                          })}
                    </span>
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
        <li className="choice">
          <input
            type="radio"
            id={folderId}
            name={name}
            checked={destination?.kind === 'folder'}
            onChange={() => store.getState().chooseFolder()}
            aria-describedby={`${folderId}-hint`}
          />
          <div className="choice-body">
            <label htmlFor={folderId} className="choice-label">
              {i18n.t('export.destination.folder')}
            </label>
            <p id={`${folderId}-hint`} className="choice-hint">
              {i18n.t('export.destination.folderHint')}
            </p>
            {destination?.kind === 'folder' ? (
              <div className="field export-subfield">
                <label htmlFor={folderInputId}>{i18n.t('export.destination.folderPath')}</label>
                <input
                  type="text"
                  id={folderInputId}
                  className="mono"
                  value={folderPath}
                  maxLength={4096}
                  spellCheck={false}
                  autoComplete="off"
                  placeholder={example}
                  aria-invalid={folderProblem === 'not-absolute'}
                  aria-describedby={folderProblem === 'not-absolute' ? folderProblemId : folderHintId}
                  onChange={(event) => store.getState().setFolderPath(event.currentTarget.value)}
                />
                {folderProblem === 'not-absolute' ? (
                  <span id={folderProblemId} className="export-field-problem">
                    {i18n.t('export.destination.folderNotAbsolute', { example })}
                  </span>
                ) : (
                  <span id={folderHintId} className="field-hint">
                    {i18n.t('export.destination.folderExample', { example })}
                  </span>
                )}
              </div>
            ) : null}
          </div>
        </li>
      </ul>
    </fieldset>
  );
}

function DrivesMessage(props: { i18n: I18n; drives: DrivesState }): ReactNode {
  const { i18n, drives } = props;
  switch (drives.kind) {
    case 'idle':
    case 'loading':
      return (
        <p className="muted" role="status">
          {i18n.t('export.destination.searching')}
        </p>
      );
    case 'listed':
      return (
        <p className="muted" role="status">
          {drives.drives.length === 0 ? i18n.t('export.destination.noDrives') : ''}
        </p>
      );
    case 'unsupported':
      return null;
    case 'failed':
      return (
        <p className="alert alert-warning" role="alert">
          {i18n.t('export.destination.failed', {
            reason: i18n.t(`export.destination.reason.${drives.reason}`),
          })}
        </p>
      );
    case 'error':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.destination.listFailed')}</p>
          <p>{i18n.t(drives.failure.messageKey)}</p>
        </div>
      );
  }
}

/** `USBSTICK (E:)`, as Explorer names a drive. */
export function driveName(i18n: I18n, drive: RemovableDrive): string {
  const label = drive.label.trim().length > 0 ? drive.label : i18n.t('export.destination.unnamed');
  return `${label} (${drive.letter})`;
}
