/**
 * The real collection on a real Windows device: run on Windows with PowerShell, from an elevated prompt to
 * get a collected row (without administrator rights the run must end in the explained `not-elevated`).
 */
import { describe, expect, it } from 'vitest';
import { collectThisDevice } from '../../electron/collection/collect';
import { listRemovableDrives } from '../../electron/drives/removable-drives';
import { isSameDevice } from '../../shared/device';
import { COLLECTION_PROBLEM_KINDS, collectionProblemMessage } from '../../shared/i18n/collection-messages';
import { LANGS } from '../../shared/i18n/lang';

describe.skipIf(process.platform !== 'win32')(
  'collection on this device (needs Windows with PowerShell and administrator rights; skipped elsewhere)',
  () => {
    it('collects a verified row or reports one of the explained problems', { timeout: 150_000 }, async () => {
      const log: string[] = [];
      const result = await collectThisDevice({ log: (line) => log.push(line) });
      if (result.kind === 'failed') {
        expect(COLLECTION_PROBLEM_KINDS).toContain(result.problem.kind);
        // Nothing a machine can say may leave the technician without words.
        for (const lang of LANGS)
          expect(collectionProblemMessage(result.problem, lang).title.length).toBeGreaterThan(0);
        // Windows always has PowerShell, and the shipped script's output must parse: either would be a bug.
        expect(['powershell-missing', 'bad-output']).not.toContain(result.problem.kind);
        return;
      }
      expect(result.row.serial.length).toBeGreaterThan(0);
      expect(result.row.manufacturer.length).toBeGreaterThan(0);
      expect(result.computerName.length).toBeGreaterThan(0);
    });

    it('recognises a second collection as the same device', { timeout: 300_000 }, async () => {
      const first = await collectThisDevice();
      if (first.kind !== 'collected') return; // Explained above; nothing to compare.
      const second = await collectThisDevice();
      expect(second.kind).toBe('collected');
      if (second.kind === 'collected') expect(isSameDevice(first.row, second.row)).toBe(true);
    });

    it('lists removable drives with letters, or none', { timeout: 60_000 }, async () => {
      const result = await listRemovableDrives();
      expect(result.kind).toBe('listed');
      if (result.kind !== 'listed') return;
      for (const drive of result.drives) {
        expect(drive.letter).toMatch(/^[A-Z]:$/);
        expect(drive.sizeBytes).toBeGreaterThan(0);
      }
    });
  },
);
