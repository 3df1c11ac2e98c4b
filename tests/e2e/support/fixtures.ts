/**
 * Hash CSVs for the end-to-end flows (sound rows, and rows with a named problem) and seeding a running
 * `harvester ui` over its own HTTP API, the way the Import screen does it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildHash, corrupt, type HashSpec } from '../../support/hash-builder';
import { scriptCsv } from '../../support/temp-dir';
import type { HarvesterUi } from './harvester-ui';

export const HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash';
export const HEADER_WITH_TAG = `${HEADER},Group Tag`;
export const DEFAULT_TAG = 'Microsoft365Managed_Autopilot';

/** Distinct hardware per serial (its own adapter and disk), as real devices have. */
export function deviceSpec(serial: string, extra: HashSpec = {}): HashSpec {
  let n = 0;
  for (const c of serial) n = (n * 31 + c.charCodeAt(0)) >>> 0;
  const mac = [0x02, 0x00, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':');
  return { serial, macs: [mac], diskSerials: [`DISK-${serial}`], ...extra };
}

/** One CSV row `serial,,hash` of a sound device. */
export function soundRow(serial: string, extra: HashSpec = {}): string[] {
  return [serial, '', buildHash(deviceSpec(serial, extra))];
}

/** One row whose hash fails its checksum (one byte damaged, as a bad copy does). */
export function badHashRow(serial: string): string[] {
  return [serial, '', corrupt.flipChecksumByte(buildHash(deviceSpec(serial)))];
}

export function writeCsv(
  dir: string,
  name: string,
  rows: readonly (readonly string[])[],
  header = HEADER,
): string {
  const file = path.join(dir, name);
  writeFileSync(file, scriptCsv(rows, header));
  return file;
}

interface ImportedAnswer {
  readonly kind: string;
  readonly added?: number;
}

/** Imports the CSV texts through the running services (preview + confirm), as the Import screen would. */
export async function seedDevices(
  ui: HarvesterUi,
  files: readonly { readonly name: string; readonly csv: string }[],
): Promise<void> {
  const preview = await ui.call<{ previewId: string }>('previewImport', {
    files: files.map((f) => ({ name: f.name, base64: Buffer.from(f.csv).toString('base64') })),
    lang: 'en',
  });
  const confirmed = await ui.call<ImportedAnswer>('confirmImport', {
    previewId: preview.previewId,
    lang: 'en',
  });
  if (confirmed.kind !== 'imported')
    throw new Error(`seeding the ledger failed: ${JSON.stringify(confirmed)}`);
}

/** The serials of every ledger device the services list (deleted ones included), in ledger order. */
export async function ledgerSerials(ui: HarvesterUi): Promise<string[]> {
  const { devices } = await ui.call<{ devices: { serial: string }[] }>('listDevices', {});
  return devices.map((d) => d.serial);
}
