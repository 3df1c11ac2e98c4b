import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFromLedger } from '../../../../electron/export/export-ledger';
import { Ledger } from '../../../../electron/ledger/ledger';
import { nodeSha256 } from '../../../../electron/platform/sha256';
import type { DeviceRow } from '../../../../shared/device';
import { decodeHardwareHash } from '../../../../shared/hardware-hash';
import type { HashSpec } from '../../../support/hash-builder';
import { buildHash } from '../../../support/hash-builder';
import { useTempDir } from '../../../support/temp-dir';
import { faultyFs } from '../ledger/faulty-fs';

function row(spec: HashSpec, line: number): DeviceRow {
  const decoded = decodeHardwareHash(buildHash(spec), nodeSha256);
  if (!decoded.ok) throw new Error('test hash does not decode');
  const h = decoded.hash;
  return {
    serial: h.serial!,
    manufacturer: h.manufacturer!,
    model: h.model ?? '',
    productId: '',
    groupTag: '',
    assignedUser: '',
    hash: h,
    source: { file: 'in.csv', line },
  };
}

const imported = (r: DeviceRow) => ({ kind: 'imported' as const, file: r.source.file, line: r.source.line });
const NOW = new Date(2026, 10, 24, 21, 30, 5);

describe('exportFromLedger', () => {
  const temp = useTempDir();

  it('exports again, with --new, a device whose hardware was replaced after its export', async () => {
    const ledger = await Ledger.open({ dir: path.join(temp.path(), 'ledger') });
    try {
      await ledger.addRows([row({ serial: 'PF3AAAA1' }, 2), row({ serial: 'PF3BBBB2' }, 3)], imported);
      const out = path.join(temp.path(), 'out');
      await exportFromLedger(ledger, {
        selection: { kind: 'all' },
        format: 'partner-center',
        tagPolicy: { kind: 'override', tag: 'Microsoft365Managed_Autopilot' },
        outDir: out,
        now: NOW,
      });
      await ledger.addRows([row({ serial: 'PF3AAAA1', diskSerials: ['NEW-DISK'] }, 4)], imported);
      const again = await exportFromLedger(ledger, {
        selection: { kind: 'not-exported' },
        format: 'partner-center',
        tagPolicy: { kind: 'override', tag: 'Microsoft365Managed_Autopilot' },
        outDir: out,
        now: NOW,
      });
      expect(again.devices.map((d) => d.serial)).toEqual(['PF3AAAA1']);
    } finally {
      await ledger.close();
    }
  });

  it('still reports a verified file when the ledger cannot record the export', async () => {
    const fs = faultyFs();
    const ledger = await Ledger.open({ dir: path.join(temp.path(), 'ledger'), fs });
    try {
      await ledger.addRows([row({ serial: 'PF3AAAA1' }, 2)], imported);
      fs.faults.target = 'journal.jsonl';
      fs.faults.write = 'ENOSPC';
      const report = await exportFromLedger(ledger, {
        selection: { kind: 'all' },
        format: 'intune',
        tagPolicy: { kind: 'override', tag: 'Microsoft365Managed_Autopilot' },
        outDir: path.join(temp.path(), 'out'),
        now: NOW,
      });
      expect(report.files).toHaveLength(1);
      expect(existsSync(report.files[0]!.path)).toBe(true);
      expect(report.historyFailure?.kind).toBe('write-failed');
      expect(ledger.list().map((d) => d.state)).toEqual(['new']);
    } finally {
      await ledger.close();
    }
  });
});
