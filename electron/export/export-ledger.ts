/**
 * Export from the ledger: the chosen devices as Partner Center or Intune CSVs, written and verified by
 * writeImporterCsvs, and each export recorded in the devices' history only once its file is verified.
 */
import type { CsvFormat } from '../../shared/csv/csv-writer';
import type { DeviceRow } from '../../shared/device';
import type { Rejection, Warning } from '../../shared/diagnostics';
import { decodeHardwareHash } from '../../shared/hardware-hash';
import type { LedgerDevice } from '../../shared/ledger/ledger-events';
import type { MergedDevice, TagPolicy } from '../../shared/merge';
import { DeviceMerger, tagPolicyForFormat } from '../../shared/merge';
import type { Ledger } from '../ledger/ledger';
import { LedgerError, deviceIdFor } from '../ledger/ledger';
import { nodeHashPlatform, nodeSha256 } from '../platform/sha256';
import type { ImporterWriteFailure, WrittenFile } from './importer-files';
import { writeImporterCsvs } from './importer-files';

/** Which ledger devices to export; deleted devices are never exported. */
export type ExportSelection =
  | { readonly kind: 'all' }
  | { readonly kind: 'not-exported' }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

export interface LedgerExportOptions {
  readonly selection: ExportSelection;
  readonly format: CsvFormat;
  readonly tagPolicy: TagPolicy;
  readonly outDir: string;
  readonly now?: Date;
}

export interface LedgerExportReport {
  /** The devices the written files carry, with their ledger ids. */
  readonly devices: readonly (MergedDevice & { readonly id: string })[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly Warning[];
  readonly files: readonly WrittenFile[];
  readonly failure: ImporterWriteFailure | undefined;
  /** The files were written and verified, but recording the export in the ledger failed. */
  readonly historyFailure: LedgerError | undefined;
  /** The ledger was opened read-only (its drive cannot be written): the export was not recorded. */
  readonly historyNotRecorded: boolean;
}

/** The chosen devices, re-verified and with their tags chosen, ready to write; what cannot go is rejected. */
export interface PreparedExport {
  readonly devices: readonly MergedDevice[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly Warning[];
}

/** Shared by the export and its preview, so the preview shows exactly what the export will write. */
export function prepareLedgerExport(
  devices: readonly LedgerDevice[],
  selection: ExportSelection,
  tagPolicy: TagPolicy,
): PreparedExport {
  const rejected: Rejection[] = [];
  const merger = new DeviceMerger(nodeSha256);
  for (const device of selectDevices(devices, selection)) {
    const row = rowOf(device);
    if (typeof row === 'string') {
      rejected.push({
        ...sourceOf(device),
        code: 'hash-invalid',
        params: { serial: device.serial, reason: row },
      });
    } else {
      merger.add(row);
    }
  }
  const outcome = merger.finish(tagPolicy);
  rejected.push(...outcome.rejected);
  return { devices: outcome.devices, rejected, warnings: outcome.warnings };
}

export async function exportFromLedger(
  ledger: Ledger,
  options: LedgerExportOptions,
): Promise<LedgerExportReport> {
  const outcome = prepareLedgerExport(
    ledger.list(),
    options.selection,
    tagPolicyForFormat(options.format, options.tagPolicy),
  );
  const rejected: Rejection[] = [...outcome.rejected];
  const written = await writeImporterCsvs(outcome.devices, options);
  rejected.push(...written.refused);

  // Record each verified file in the history of the devices it carries, one event per file and tag.
  let historyFailure: LedgerError | undefined;
  let offset = 0;
  const record = !ledger.readOnly;
  for (const file of written.files) {
    const devices = written.devices.slice(offset, offset + file.devices);
    offset += file.devices;
    const byTag = new Map<string, string[]>();
    for (const device of devices) {
      const ids = byTag.get(device.groupTag) ?? [];
      ids.push(deviceIdFor(device));
      byTag.set(device.groupTag, ids);
    }
    for (const [tag, ids] of byTag) {
      if (!record) continue;
      try {
        await ledger.recordExport(ids, file.path, options.format, tag);
      } catch (error) {
        // The CSV is good and must still be reported; only its history entry is missing.
        if (!(error instanceof LedgerError)) throw error;
        historyFailure ??= error;
      }
    }
  }
  const exported = written.devices.slice(0, offset).map((d) => ({ ...d, id: deviceIdFor(d) }));
  return {
    devices: exported,
    rejected,
    warnings: outcome.warnings,
    files: written.files,
    failure: written.failure,
    historyFailure,
    historyNotRecorded: !record && written.files.length > 0,
  };
}

function selectDevices(devices: readonly LedgerDevice[], selection: ExportSelection): LedgerDevice[] {
  const live = devices.filter((d) => d.state !== 'deleted');
  switch (selection.kind) {
    case 'all':
      return live;
    case 'not-exported':
      // `new` also covers a device whose hardware was replaced after its last export.
      return live.filter((d) => d.state === 'new');
    case 'ids': {
      const wanted = new Set(selection.ids);
      return live.filter((d) => wanted.has(d.id));
    }
  }
}

/** Where a ledger device came from, as a diagnostic location: its CSV row, or the device it was collected on. */
export function sourceOf(device: LedgerDevice): { readonly file: string; readonly line: number } {
  return device.source.kind === 'imported'
    ? { file: device.source.file, line: device.source.line }
    : { file: `collected on ${device.source.computerName}`, line: 0 };
}

/** The ledger keeps hashes as text; they are verified again on the way out (a ledger can be edited by hand). */
function rowOf(device: LedgerDevice): DeviceRow | string {
  const decoded = decodeHardwareHash(device.hash, nodeHashPlatform);
  if (!decoded.ok) return decoded.failure.kind;
  return {
    // What the hash proves wins over what the ledger line says.
    serial: decoded.hash.serial ?? device.serial,
    manufacturer: decoded.hash.manufacturer ?? device.manufacturer,
    model: decoded.hash.model ?? device.model,
    productId: device.productId,
    groupTag: device.groupTag,
    assignedUser: device.assignedUser,
    hash: decoded.hash,
    source: sourceOf(device),
  };
}
