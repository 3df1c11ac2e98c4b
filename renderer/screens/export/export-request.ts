/**
 * From what the technician chose on the Export screen to the exact `previewExport` / `exportDevices`
 * requests, and the checks that decide whether the export button may be pressed. Pure, so every request
 * shape is tested without a DOM.
 */
import type { ApiInput, ExportDestination, ExportSelection } from '../../../shared/api/harvester-api';
import type { CsvFormat } from '../../../shared/csv/csv-writer';
import type { Lang } from '../../../shared/i18n/lang';
import { isUsableTag, type GroupTagChoice } from '../../components/group-tag-choice';

export type SelectionKind = ExportSelection['kind'];

/** The stick or the folder chosen; a stick by volume serial (its letter may change before the export). */
export type DestinationChoice =
  | { readonly kind: 'drive'; readonly volumeSerial: string; readonly label: string }
  | { readonly kind: 'folder' };

/** What the requests are made from (the store's fields of the same names). */
export interface ExportChoices {
  readonly selection: SelectionKind;
  /** Devices handed over by another screen; `null` when none were. */
  readonly chosenIds: readonly string[] | null;
  readonly format: CsvFormat;
  readonly tag: GroupTagChoice;
  readonly destination: DestinationChoice | null;
  readonly driveFolder: string;
  readonly folderPath: string;
}

/** The folder made on the stick when the technician leaves the name as it is (or empty). */
export const DEFAULT_DRIVE_FOLDER = 'Autopilot';

export type PreviewRequest = ApiInput<'previewExport'>;
export type ExportRequest = ApiInput<'exportDevices'>;

export function selectionOf(choices: Pick<ExportChoices, 'selection' | 'chosenIds'>): ExportSelection {
  if (choices.selection === 'ids' && choices.chosenIds !== null && choices.chosenIds.length > 0) {
    return { kind: 'ids', ids: [...choices.chosenIds] };
  }
  return choices.selection === 'all' ? { kind: 'all' } : { kind: 'not-exported' };
}

/** `null` while the tag is not usable (a preview would only be refused). */
export function previewRequestOf(choices: ExportChoices, lang: Lang): PreviewRequest | null {
  if (!isUsableTag(choices.tag)) return null;
  return {
    format: choices.format,
    tag: choices.tag.tag,
    allowCustomTag: choices.tag.allowCustomTag,
    selection: selectionOf(choices),
    lang,
  };
}

/** `null` until the tag is usable and the destination complete and valid. */
export function exportRequestOf(
  choices: ExportChoices,
  lang: Lang,
  platform: string | null,
): ExportRequest | null {
  const preview = previewRequestOf(choices, lang);
  const destination = destinationOf(choices, platform);
  if (preview === null || destination === null) return null;
  return { ...preview, destination };
}

export function destinationOf(
  choices: Pick<ExportChoices, 'destination' | 'driveFolder' | 'folderPath'>,
  platform: string | null,
): ExportDestination | null {
  const chosen = choices.destination;
  if (chosen === null) return null;
  if (chosen.kind === 'drive') {
    if (driveFolderProblem(choices.driveFolder) !== null) return null;
    return {
      kind: 'drive',
      volumeSerial: chosen.volumeSerial,
      label: chosen.label,
      folder: choices.driveFolder.trim(),
    };
  }
  if (folderPathProblem(choices.folderPath, platform) !== null) return null;
  return { kind: 'folder', path: choices.folderPath.trim() };
}

/** Longest folder name on the stick the API takes. */
const MAX_DRIVE_FOLDER = 260;
/** Longest folder path the API takes. */
const MAX_FOLDER_PATH = 4096;

/**
 * Whether a folder name on the stick can be made: Windows refuses `< > : " | ? *` and control characters,
 * and `..` would climb out of the stick's folder. Empty is fine (the default folder).
 */
export function driveFolderProblem(folder: string): 'bad-name' | null {
  const trimmed = folder.trim();
  if (trimmed.length > MAX_DRIVE_FOLDER) return 'bad-name';
  // eslint-disable-next-line no-control-regex
  if (/[<>:"|?*\u0000-\u001f]/.test(trimmed)) return 'bad-name';
  if (trimmed.split(/[\\/]/).some((part) => part.trim() === '..')) return 'bad-name';
  return null;
}

/**
 * A folder path must be absolute on the computer the services run on (the services refuse others): on
 * Windows a drive path (`C:\…`) or a share (`\\server\share`), elsewhere a POSIX path. While the platform is
 * not known yet, either form is taken.
 */
export function folderPathProblem(path: string, platform: string | null): 'empty' | 'not-absolute' | null {
  const trimmed = path.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > MAX_FOLDER_PATH) return 'not-absolute';
  const windows = /^[A-Za-z]:[\\/]/.test(trimmed) || /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(trimmed);
  const posix = trimmed.startsWith('/');
  if (platform === 'win32') return windows ? null : 'not-absolute';
  if (platform === null) return windows || posix ? null : 'not-absolute';
  return posix ? null : 'not-absolute';
}

/** An example of a full path for the platform the services run on. */
export function folderExample(platform: string | null): string {
  return platform === null || platform === 'win32' ? 'C:\\Autopilot' : '/home/me/autopilot';
}

/** Where the files land on a stick, as Windows shows it: `E:\Autopilot`. */
export function folderOnDrive(letter: string, folder: string): string {
  const name = folder.trim().length > 0 ? folder.trim() : DEFAULT_DRIVE_FOLDER;
  const relative = name.replace(/\//g, '\\').replace(/^\\+/, '');
  return `${letter}\\${relative}`;
}
