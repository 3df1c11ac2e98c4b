import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImporterCsvs } from '../../../../electron/export/importer-files';
import { WriteError, writeFileAtomic } from '../../../../electron/files/atomic-write';
import { nodeSha256 } from '../../../../electron/platform/sha256';
import { decodeHardwareHash } from '../../../../shared/hardware-hash';
import type { MergedDevice } from '../../../../shared/merge';
import { buildHash } from '../../../support/hash-builder';
import { useTempDir } from '../../../support/temp-dir';

function device(serial: string): MergedDevice {
  const decoded = decodeHardwareHash(buildHash({ serial }), nodeSha256);
  if (!decoded.ok) throw new Error('test hash does not decode');
  return {
    serial,
    manufacturer: 'LENOVO',
    model: '20XW0026JP',
    productId: '',
    groupTag: 'Microsoft365Managed_Autopilot',
    assignedUser: '',
    hash: decoded.hash,
    sources: [{ file: 'in.csv', line: 2 }],
  };
}

const NOW = new Date(2026, 10, 24, 21, 30, 5);

describe('writeImporterCsvs', () => {
  const temp = useTempDir();

  it('writes, reads back and reports the devices each file carries', async () => {
    const out = path.join(temp.path(), 'out');
    const result = await writeImporterCsvs([device('PF3AAAA1'), device('PF3BBBB2')], {
      format: 'partner-center',
      outDir: out,
      now: NOW,
    });
    expect(result.failure).toBeUndefined();
    expect(result.files).toEqual([
      { path: path.join(out, 'autopilot-partner-center-20261124-213005.csv'), devices: 2 },
    ]);
    expect(result.devices.map((d) => d.serial)).toEqual(['PF3AAAA1', 'PF3BBBB2']);
    expect(readdirSync(out)).toEqual(['autopilot-partner-center-20261124-213005.csv']);
  });

  it('removes a file that does not read back as written and says so', async () => {
    const out = path.join(temp.path(), 'out');
    // A failing stick: the bytes that land differ from the bytes given (one hash character changed).
    const damaging: typeof writeFileAtomic = async (file, data) => {
      const text = typeof data === 'string' || data instanceof Uint8Array ? String(data) : [...data].join('');
      await writeFileAtomic(
        file,
        text.replace(/,T0(.)/, (_m, c: string) => `,T0${c === 'A' ? 'B' : 'A'}`),
      );
    };
    const result = await writeImporterCsvs([device('PF3AAAA1')], {
      format: 'intune',
      outDir: out,
      now: NOW,
      write: damaging,
    });
    expect(result.failure).toEqual({
      file: path.join(out, 'autopilot-intune-20261124-213005.csv'),
      kind: 'verify-failed',
      code: undefined,
    });
    expect(result.files).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops at a full disk, leaves no part of the set behind, and says which file and why', async () => {
    const out = path.join(temp.path(), 'out');
    const devices = Array.from({ length: 501 }, (_, i) => device(`PF3${String(i).padStart(5, '0')}`));
    let calls = 0;
    const fillsUp: typeof writeFileAtomic = async (file, data) => {
      calls++;
      if (calls === 2) throw new WriteError('no-space', file, 'ENOSPC', new Error('ENOSPC'));
      await writeFileAtomic(file, data);
    };
    const result = await writeImporterCsvs(devices, {
      format: 'intune',
      outDir: out,
      now: NOW,
      write: fillsUp,
    });
    expect(result.files).toEqual([]);
    expect(result.failure).toEqual({
      file: path.join(out, 'autopilot-intune-20261124-213005-part-2-of-2.csv'),
      kind: 'no-space',
      code: 'ENOSPC',
    });
    // Part 1 of 2 alone would look like an export: nothing of the set is left, staged copies included.
    expect(readdirSync(out)).toEqual([]);
  });

  it('removes the claims, staged parts and temporaries a killed export left an hour ago, and nothing else', async () => {
    const out = path.join(temp.path(), 'out');
    mkdirSync(out);
    const old = [
      '.autopilot-intune-20250101-101010-part-1-of-5.csv.claim',
      '.autopilot-intune-20250101-101010-part-1-of-5.csv.staged',
      '..autopilot-intune-20250101-101010-part-2-of-5.csv.staged.0123456789ab.tmp',
      '.autopilot-partner-center-20250101-101010-2.csv.a1b2c3d4e5f6.tmp',
    ];
    const keep = [
      '.autopilot-intune-20250101-101010.csv.claim.bak',
      '.notes.txt.0123456789ab.tmp',
      'autopilot-intune-20250101-101010.csv',
    ];
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const name of [...old, ...keep]) {
      writeFileSync(path.join(out, name), 'x');
      utimesSync(path.join(out, name), hourAgo, hourAgo);
    }
    // A claim of an export running right now is young: it stays.
    const running = '.autopilot-intune-20261124-213004.csv.claim';
    writeFileSync(path.join(out, running), '');

    await writeImporterCsvs([device('PF3AAAA1')], { format: 'intune', outDir: out, now: NOW });

    expect(readdirSync(out).sort()).toEqual(
      [...keep, running, 'autopilot-intune-20261124-213005.csv'].sort(),
    );
  });

  it('leaves no claim files behind', async () => {
    const out = path.join(temp.path(), 'out');
    await writeImporterCsvs([device('PF3AAAA1')], { format: 'intune', outDir: out, now: NOW });
    expect(readdirSync(out).filter((name) => name.endsWith('.claim'))).toEqual([]);
    expect(readFileSync(path.join(out, 'autopilot-intune-20261124-213005.csv'), 'latin1')).toContain(
      'PF3AAAA1,,T0',
    );
  });

  it('verifies a Partner Center file whose serial has a dot, which the reader warns about as risky', async () => {
    // The read-back once counted the reader's `serial-risky-characters` warning as damage, so such an export
    // always failed as "the USB stick may be failing" and its file was deleted.
    const out = path.join(temp.path(), 'out');
    const result = await writeImporterCsvs([device('PF3.AAAA1')], {
      format: 'partner-center',
      outDir: out,
      now: NOW,
    });
    expect([result.failure, result.files.map((f) => f.devices)]).toEqual([undefined, [1]]);
  });

  it("refuses a serial with ' before writing and writes the other devices, verified", async () => {
    const out = path.join(temp.path(), 'out');
    const result = await writeImporterCsvs([device("PF3'AAAA1"), device('PF3BBBB2')], {
      format: 'intune',
      outDir: out,
      now: NOW,
    });
    expect([
      result.failure,
      result.devices.map((d) => d.serial),
      result.refused.map((r) => [r.code, r.params.reason, r.params.character]),
    ]).toEqual([undefined, ['PF3BBBB2'], [['value-not-writable', 'serial-character', "'"]]]);
  });

  it('fails the read-back when the group tag in an Intune file came back different', async () => {
    const out = path.join(temp.path(), 'out');
    const damaging: typeof writeFileAtomic = async (file, data) => {
      const text = typeof data === 'string' || data instanceof Uint8Array ? String(data) : [...data].join('');
      await writeFileAtomic(
        file,
        text.replace('Microsoft365Managed_Autopilot', 'Microsoft365Managed_Autopilou'),
      );
    };
    const result = await writeImporterCsvs([device('PF3AAAA1')], {
      format: 'intune',
      outDir: out,
      now: NOW,
      write: damaging,
    });
    expect([result.failure?.kind, readdirSync(out)]).toEqual(['verify-failed', []]);
  });
});
