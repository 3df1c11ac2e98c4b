/** Verified device rows for ledger tests, as the CSV reader or the collector hands them over. */
import type { DeviceRow } from '../../../../shared/device';
import { decodeHardwareHash } from '../../../../shared/hardware-hash';
import type { DeviceSource } from '../../../../shared/ledger/ledger-events';
import { nodeHashPlatform } from '../../../../electron/platform/sha256';
import { buildHash } from '../../../support/hash-builder';
import type { HashSpec } from '../../../support/hash-builder';

export interface RowOptions {
  readonly productId?: string;
  readonly groupTag?: string;
  readonly assignedUser?: string;
  readonly file?: string;
  readonly line?: number;
}

/** A row for the device `spec` describes; serial, maker and model come from the hash, as the reader does. */
export function deviceRow(spec: HashSpec = {}, options: RowOptions = {}): DeviceRow {
  const decoded = decodeHardwareHash(buildHash(spec), nodeHashPlatform);
  if (!decoded.ok) throw new Error(`expected a sound hash, got ${decoded.failure.kind}`);
  return {
    serial: decoded.hash.serial ?? '',
    manufacturer: decoded.hash.manufacturer ?? '',
    model: decoded.hash.model ?? '',
    productId: options.productId ?? '',
    groupTag: options.groupTag ?? 'Microsoft365Managed_Autopilot',
    assignedUser: options.assignedUser ?? '',
    hash: decoded.hash,
    source: { file: options.file ?? 'devices.csv', line: options.line ?? 2 },
  };
}

/** Rows for serials `${prefix}0001`, ... */
export function deviceRows(prefix: string, count: number, from = 1): DeviceRow[] {
  return Array.from({ length: count }, (_, i) =>
    deviceRow({ serial: `${prefix}${String(from + i).padStart(4, '0')}` }, { line: from + i + 1 }),
  );
}

/** The same device's hash generated again by Windows: same hardware, different hash text. */
export function again(spec: HashSpec, nonce: number): HashSpec {
  return { ...spec, nonce };
}

/** The same serial, maker and model with a replaced disk: a different hardware fingerprint. */
export function replacedDisk(spec: HashSpec): HashSpec {
  return { ...spec, diskSerials: ['S4EWNX0R999999'] };
}

/** Where rows came from when imported: their CSV line. */
export const imported = (row: DeviceRow): DeviceSource => ({
  kind: 'imported',
  file: row.source.file,
  line: row.source.line,
});

export const collected = (): DeviceSource => ({ kind: 'collected', computerName: 'DESKTOP-TECH01' });
