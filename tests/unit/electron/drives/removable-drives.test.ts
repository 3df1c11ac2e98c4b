import { describe, expect, it, vi } from 'vitest';
import {
  findDrive,
  listRemovableDrives,
  type RemovableDrive,
} from '../../../../electron/drives/removable-drives';
import { ERROR_RECORD_TEXT, useFakePowerShell } from '../../../fakes/use-fake-powershell';

describe.skipIf(process.platform === 'win32')(
  'listRemovableDrives against a fake PowerShell (POSIX only)',
  () => {
    const fake = useFakePowerShell();

    it('lists the removable drives with letter, label, volume serial and space', async () => {
      fake.scenario('drives-two');
      const result = await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 });
      expect(result).toEqual({
        kind: 'listed',
        drives: [
          {
            letter: 'E:',
            label: 'HARVESTER',
            volumeSerial: '5A1C3F20',
            freeBytes: 12_884_901_888,
            sizeBytes: 15_837_691_904,
          },
          {
            letter: 'F:',
            label: 'CAMERA',
            volumeSerial: '0E77A1B2',
            freeBytes: 1_073_741_824,
            sizeBytes: 31_914_983_424,
          },
        ],
      });
    });

    it('lists nothing when no stick is plugged in', async () => {
      fake.scenario('drives-none');
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'listed',
        drives: [],
      });
    });

    it('accepts a single drive written as an object rather than a one-element array', async () => {
      const drive = { letter: 'e:', label: '', volumeSerial: '5A1C3F20', freeBytes: 1, sizeBytes: 2 };
      fake.answer({ stdoutJson: { isWindows: true, drives: drive } });
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'listed',
        drives: [{ ...drive, letter: 'E:' }],
      });
    });

    it('finds the stick again after Windows gave it another letter', async () => {
      fake.scenario('drives-two');
      const before = await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 });
      if (before.kind !== 'listed' || before.drives[0] === undefined) throw new Error('expected a listing');
      const remembered = { volumeSerial: before.drives[0].volumeSerial, label: before.drives[0].label };

      fake.scenario('drives-moved');
      const after = await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 });
      if (after.kind !== 'listed') throw new Error('expected a listing');
      const match = findDrive(after.drives, remembered);
      expect(match).toMatchObject({ kind: 'serial', drive: { letter: 'G:', label: 'HARVESTER' } });
    });

    it('says unsupported when the script finds it is not on Windows', async () => {
      fake.scenario('drives-not-windows');
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'unsupported',
      });
    });

    it('says unsupported off Windows without starting anything when no PowerShell was chosen', async () => {
      vi.stubEnv('NODE_POWERSHELL', '');
      expect(await listRemovableDrives()).toEqual({ kind: 'unsupported' });
    });

    it('says bad-output for garbage', async () => {
      fake.scenario('garbage');
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'failed',
        reason: 'bad-output',
      });
    });

    it('says timeout when PowerShell does not answer in time', async () => {
      fake.scenario('hang');
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 300 })).toEqual({
        kind: 'failed',
        reason: 'timeout',
      });
    });

    it('lists the drives when PowerShell also wrote progress records to stderr', async () => {
      const drive = {
        letter: 'E:',
        label: 'HARVESTER',
        volumeSerial: '5A1C3F20',
        freeBytes: 1,
        sizeBytes: 2,
      };
      fake.answer({ stdoutJson: { isWindows: true, drives: [drive] }, stderr: ERROR_RECORD_TEXT });
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'listed',
        drives: [drive],
      });
    });

    it('says powershell-failed when PowerShell writes an error to stderr and no listing', async () => {
      fake.scenario('stderr');
      expect(await listRemovableDrives({ executable: fake.executable, timeoutMs: 10_000 })).toEqual({
        kind: 'failed',
        reason: 'powershell-failed',
      });
    });

    it('says powershell-missing when there is no PowerShell', async () => {
      expect(await listRemovableDrives({ executable: '/no/such/powershell', timeoutMs: 10_000 })).toEqual({
        kind: 'failed',
        reason: 'powershell-missing',
      });
    });
  },
);

describe('findDrive', () => {
  const drive = (letter: string, label: string, volumeSerial: string): RemovableDrive => ({
    letter,
    label,
    volumeSerial,
    freeBytes: 1,
    sizeBytes: 2,
  });

  it('finds a drive by volume serial whatever its letter and label', () => {
    const drives = [drive('E:', 'CAMERA', '0E77A1B2'), drive('F:', 'RENAMED', '5A1C3F20')];
    expect(findDrive(drives, { volumeSerial: '5A1C-3F20', label: 'HARVESTER' })).toEqual({
      kind: 'serial',
      drive: drives[1],
    });
  });

  it('falls back on the label when no drive has the serial', () => {
    const drives = [drive('E:', 'CAMERA', '0E77A1B2'), drive('F:', 'HARVESTER', '11111111')];
    expect(findDrive(drives, { volumeSerial: '5A1C3F20', label: 'harvester' })).toEqual({
      kind: 'label',
      drive: drives[1],
    });
  });

  it('refuses to guess when several drives carry the remembered label', () => {
    const drives = [drive('E:', 'USB', '0E77A1B2'), drive('F:', 'USB', '11111111')];
    expect(findDrive(drives, { volumeSerial: '5A1C3F20', label: 'USB' })).toEqual({
      kind: 'ambiguous',
      drives,
    });
  });

  it('finds nothing when neither serial nor label match, and never matches an empty label', () => {
    const drives = [drive('E:', '', '0E77A1B2')];
    expect(findDrive(drives, { volumeSerial: '5A1C3F20', label: '' })).toEqual({ kind: 'not-found' });
    expect(findDrive(drives, { volumeSerial: '', label: 'HARVESTER' })).toEqual({ kind: 'not-found' });
  });
});
