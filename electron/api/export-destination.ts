/**
 * Where an export goes: a folder the technician picked, or a USB stick found again by volume serial (else
 * label) when Windows gave it another letter since it was listed.
 *
 * The CLI's `folderOnDrive` and `driveFolder` (electron/cli/commands/export.ts) do the same for `--drive`
 * and could call {@link resolveExportDestination} and {@link folderOnDriveLetter}.
 */
import path from 'node:path';
import type { DestinationProblem, ExportDestination } from '../../shared/api/harvester-api';
import type { ListDrivesOptions } from '../drives/removable-drives';
import { findDrive, listRemovableDrives } from '../drives/removable-drives';

/** The folder on the stick when none is named. */
export const DRIVE_FOLDER = 'Autopilot';

export type ResolvedDestination =
  | { readonly ok: true; readonly folder: string }
  | { readonly ok: false; readonly problem: DestinationProblem };

export async function resolveExportDestination(
  destination: ExportDestination,
  drives: ListDrivesOptions,
): Promise<ResolvedDestination> {
  if (destination.kind === 'folder') {
    // A relative path would land wherever the app happened to start (on the stick, in System32...).
    if (!isAbsoluteHere(destination.path)) return { ok: false, problem: { kind: 'not-absolute' } };
    return { ok: true, folder: destination.path };
  }
  const listed = await listRemovableDrives(drives);
  if (listed.kind === 'unsupported') return { ok: false, problem: { kind: 'drives-unsupported' } };
  if (listed.kind === 'failed')
    return { ok: false, problem: { kind: 'drives-failed', reason: listed.reason } };
  const match = findDrive(listed.drives, {
    volumeSerial: destination.volumeSerial,
    label: destination.label,
  });
  switch (match.kind) {
    case 'not-found':
      return { ok: false, problem: { kind: 'drive-not-found' } };
    case 'ambiguous':
      return { ok: false, problem: { kind: 'drive-ambiguous', drives: match.drives } };
    case 'serial':
    case 'label': {
      const folder = destination.folder.trim().length > 0 ? destination.folder.trim() : DRIVE_FOLDER;
      return { ok: true, folder: folderOnDriveLetter(match.drive.letter, folder) };
    }
  }
}

/** `E:` + `upload\\today` -> `E:\\upload\\today`; an absolute `relative` keeps only its path part. */
export function folderOnDriveLetter(letter: string, relative: string): string {
  const { root } = path.win32.parse(relative);
  return path.win32.join(`${letter}\\`, relative.slice(root.length));
}

/**
 * Absolute on this machine: on Windows a drive path (`E:\...`) or a UNC share (`\\server\share`), not
 * `\out` (relative to the current drive); elsewhere a POSIX path, so a Windows path is not taken as a folder name.
 */
export function isAbsoluteHere(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32')
    return /^[A-Za-z]:[\\/]/.test(folder) || /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(folder);
  return path.posix.isAbsolute(folder);
}
