import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { withLedger } from '../../../../electron/cli/commands/ledger-errors';
import type { CliContext } from '../../../../electron/cli/main';
import { CLI_TEXT } from '../../../../electron/cli/cli-text';
import { exportFromLedger } from '../../../../electron/export/export-ledger';
import type { LedgerExportReport } from '../../../../electron/export/export-ledger';
import { Ledger } from '../../../../electron/ledger/ledger';
import { buildHash } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';
import { main } from '../../../../electron/cli/main';
import { faultyFs } from '../ledger/faulty-fs';

function context(): { context: CliContext; stderr: () => string } {
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: (t) => void (stderr += t), env: {}, isTty: false };
  return { context: { io, lang: 'en', text: CLI_TEXT.en }, stderr: () => stderr };
}

describe('withLedger for an export when the ledger drive cannot be written', () => {
  const temp = useTempDir();

  async function seed(ledgerDir: string): Promise<void> {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', buildHash({ serial: 'PF3AAAA1' })]]));
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, isTty: false };
    expect(await main(['ledger', 'add', input, '--ledger', ledgerDir], io)).toBe(0);
  }

  it.each(['EROFS', 'ENOSPC'])(
    'exports read-only when ledger.lock cannot be created (%s), saying the export is not recorded',
    async (code) => {
      const ledgerDir = path.join(temp.path(), 'ledger');
      await seed(ledgerDir);
      const out = path.join(temp.path(), 'out');
      // The drive refuses every new file: ledger.lock cannot be made, reading still works.
      const fs = faultyFs({ target: 'ledger.lock', open: code });
      const { context: ctx, stderr } = context();
      let report: LedgerExportReport | undefined;

      const exit = await withLedger(
        ctx,
        { dir: ledgerDir, mirrorDir: undefined },
        async (ledger) => {
          report = await exportFromLedger(ledger, {
            selection: { kind: 'all' },
            format: 'partner-center',
            tagPolicy: { kind: 'override', tag: 'Microsoft365Managed_Autopilot' },
            outDir: out,
          });
          return 0;
        },
        'read-write-or-read-only',
        (where, readOnly) => Ledger.open({ dir: where.dir, readOnly, fs }),
      );

      expect(exit).toBe(0);
      expect(report?.files).toHaveLength(1);
      expect(report?.historyNotRecorded).toBe(true);
      expect(report?.historyFailure).toBeUndefined();
      expect(readdirSync(out).filter((f) => f.endsWith('.csv'))).toHaveLength(1);
      expect(stderr()).toContain('cannot be recorded');
      expect(readdirSync(ledgerDir)).not.toContain('ledger.lock');
    },
  );

  it('still refuses a ledger another process holds, never exporting past the lock', async () => {
    const ledgerDir = path.join(temp.path(), 'ledger');
    await seed(ledgerDir);
    const holder = await Ledger.open({ dir: ledgerDir });
    try {
      const { context: ctx, stderr } = context();
      let ran = false;
      const exit = await withLedger(
        ctx,
        { dir: ledgerDir, mirrorDir: undefined },
        async () => {
          ran = true;
          return 0;
        },
        'read-write-or-read-only',
      );
      expect([exit, ran]).toEqual([1, false]);
      expect(stderr()).toContain('in use');
    } finally {
      await holder.close();
    }
  });
});
