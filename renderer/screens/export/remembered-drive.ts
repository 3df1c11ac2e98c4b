/**
 * The USB stick the technician exported to last, kept in localStorage so the next export (often the next
 * day, on the same stick) preselects it.
 */
import type { ApiOutput } from '../../../shared/api/harvester-api';

export type RemovableDrive = Extract<ApiOutput<'listDrives'>, { kind: 'listed' }>['drives'][number];

export interface RememberedDrive {
  readonly volumeSerial: string;
  readonly label: string;
}

export const LAST_DRIVE_STORAGE_KEY = 'harvester.lastDrive';

export type DriveStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readRememberedDrive(storage: DriveStorage | null): RememberedDrive | null {
  try {
    const text = storage?.getItem(LAST_DRIVE_STORAGE_KEY);
    if (text === null || text === undefined) return null;
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { volumeSerial, label } = value as Record<string, unknown>;
    if (typeof volumeSerial !== 'string' || typeof label !== 'string') return null;
    return { volumeSerial, label };
  } catch {
    // Unreadable or hand-edited: nothing is preselected.
    return null;
  }
}

export function rememberDrive(storage: DriveStorage | null, drive: RememberedDrive): void {
  try {
    storage?.setItem(
      LAST_DRIVE_STORAGE_KEY,
      JSON.stringify({ volumeSerial: drive.volumeSerial, label: drive.label }),
    );
  } catch {
    // Not kept; the technician chooses again next time.
  }
}

/**
 * The listed drive that is the remembered one. Only the volume serial identifies a stick: many sticks carry
 * the maker's label, and preselecting another stick with the same label would be a guess.
 */
export function findRememberedDrive(
  drives: readonly RemovableDrive[],
  remembered: RememberedDrive | null,
): RemovableDrive | undefined {
  if (remembered === null) return undefined;
  return drives.find((d) => d.volumeSerial === remembered.volumeSerial);
}
