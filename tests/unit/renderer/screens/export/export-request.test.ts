import { describe, expect, it } from 'vitest';
import { DEFAULT_TAG_CHOICE } from '../../../../../renderer/components/group-tag-choice';
import {
  destinationOf,
  driveFolderProblem,
  folderExample,
  folderOnDrive,
  folderPathProblem,
  previewRequestOf,
  type ExportChoices,
} from '../../../../../renderer/screens/export/export-request';

const CHOICES: ExportChoices = {
  selection: 'not-exported',
  chosenIds: null,
  format: 'partner-center',
  tag: DEFAULT_TAG_CHOICE,
  destination: null,
  driveFolder: 'Autopilot',
  folderPath: '',
};

describe('export requests', () => {
  it('makes no preview request for a tag that is not usable', () => {
    expect(
      previewRequestOf({ ...CHOICES, tag: { tag: 'x', allowCustomTag: false, status: 'invalid' } }, 'en'),
    ).toBeNull();
  });

  it('falls back to devices not exported yet when the ids selection has no ids', () => {
    expect(previewRequestOf({ ...CHOICES, selection: 'ids', chosenIds: null }, 'en')?.selection).toEqual({
      kind: 'not-exported',
    });
  });

  it('accepts only a Windows full path when the services run on Windows', () => {
    expect(folderPathProblem('C:\\Autopilot', 'win32')).toBeNull();
    expect(folderPathProblem('\\\\server\\share\\out', 'win32')).toBeNull();
    expect(folderPathProblem('\\out', 'win32')).toBe('not-absolute');
    expect(folderPathProblem('/home/me', 'win32')).toBe('not-absolute');
    expect(folderPathProblem('Autopilot', 'win32')).toBe('not-absolute');
  });

  it('accepts only a POSIX full path elsewhere', () => {
    expect(folderPathProblem('/home/me/autopilot', 'linux')).toBeNull();
    expect(folderPathProblem('C:\\Autopilot', 'linux')).toBe('not-absolute');
  });

  it('says a folder path is missing rather than wrong when nothing was typed', () => {
    expect(folderPathProblem('   ', 'win32')).toBe('empty');
  });

  it('gives an example path for the platform', () => {
    expect(folderExample('win32')).toBe('C:\\Autopilot');
    expect(folderExample('linux')).toBe('/home/me/autopilot');
  });

  it('refuses folder names on the stick that Windows cannot make or that climb out', () => {
    expect(driveFolderProblem('Autopilot\\Contoso')).toBeNull();
    expect(driveFolderProblem('')).toBeNull();
    expect(driveFolderProblem('out?')).toBe('bad-name');
    expect(driveFolderProblem('..\\Windows')).toBe('bad-name');
  });

  it('has no destination while the stick folder name is unusable', () => {
    expect(
      destinationOf(
        {
          destination: { kind: 'drive', volumeSerial: '1A2B3C4D', label: 'X' },
          driveFolder: 'a|b',
          folderPath: '',
        },
        'win32',
      ),
    ).toBeNull();
  });

  it('shows where the files land on the stick, the default folder when the name is empty', () => {
    expect(folderOnDrive('E:', 'Contoso/2026')).toBe('E:\\Contoso\\2026');
    expect(folderOnDrive('E:', ' ')).toBe('E:\\Autopilot');
  });
});
