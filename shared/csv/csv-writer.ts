/**
 * Writing the CSVs Partner Center and Intune accept on the first upload (BRIEF §4): exact, case-sensitive
 * headers, no quotes, CRLF, ASCII only, split into numbered files at each importer's device limit.
 *
 * A value these formats cannot carry (a comma, a quote, a line break, a non-ASCII character; a dot in an
 * Intune serial) is never escaped or altered in the hope the importer copes: that device is refused with a
 * reason, and the others are written.
 */
import type { Rejection } from '../diagnostics';
import { hashText } from '../hardware-hash';
import type { MergedDevice } from '../merge';

export const CSV_FORMATS = ['partner-center', 'intune'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

/** Devices per upload each importer takes at most. */
export const DEVICES_PER_FILE: Readonly<Record<CsvFormat, number>> = {
  'partner-center': 1000,
  intune: 500,
};

const PARTNER_CENTER_HEADER = [
  'Device Serial Number',
  'Windows Product ID',
  'Hardware Hash',
  'Manufacturer name',
  'Device model',
] as const;
const INTUNE_HEADER = ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Group Tag'] as const;
const INTUNE_ASSIGNED_USER = 'Assigned User';

const CRLF = '\r\n';

export type UnwritableReason =
  'separator' | 'quote' | 'line-break' | 'non-ascii' | 'control' | 'intune-serial-dot';

export interface Unwritable {
  readonly field: 'serial' | 'productId' | 'manufacturer' | 'model' | 'groupTag' | 'assignedUser';
  readonly value: string;
  readonly reason: UnwritableReason;
}

/** Why `device` cannot go into a `format` CSV, or `undefined` when it can. */
export function unwritableValue(device: MergedDevice, format: CsvFormat): Unwritable | undefined {
  const fields: [Unwritable['field'], string][] =
    format === 'partner-center'
      ? [
          ['serial', device.serial],
          ['productId', device.productId],
          ['manufacturer', device.manufacturer],
          ['model', device.model],
        ]
      : [
          ['serial', device.serial],
          ['productId', device.productId],
          ['groupTag', device.groupTag],
          ['assignedUser', device.assignedUser],
        ];
  for (const [field, value] of fields) {
    const reason = unwritableReason(value);
    if (reason) return { field, value, reason };
  }
  if (format === 'intune' && device.serial.includes('.')) {
    return { field: 'serial', value: device.serial, reason: 'intune-serial-dot' };
  }
  return undefined;
}

function unwritableReason(value: string): UnwritableReason | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 /* , */) return 'separator';
    if (c === 34 /* " */) return 'quote';
    if (c === 10 || c === 13) return 'line-break';
    if (c < 32 || c === 127) return 'control';
    if (c > 127) return 'non-ascii';
  }
  return undefined;
}

export interface CsvPlan {
  /** The devices of each file, in order, each list at most the format's limit. */
  readonly files: readonly (readonly MergedDevice[])[];
  readonly refused: readonly Rejection[];
}

/** Splits devices into files for `format`, refusing (with a reason each) those the format cannot carry. */
export function planCsvFiles(devices: readonly MergedDevice[], format: CsvFormat): CsvPlan {
  const writable: MergedDevice[] = [];
  const refused: Rejection[] = [];
  for (const device of devices) {
    const problem = unwritableValue(device, format);
    if (!problem) {
      writable.push(device);
      continue;
    }
    const source = device.sources[0]!;
    refused.push({
      file: source.file,
      line: source.line,
      code: 'value-not-writable',
      params: {
        serial: device.serial,
        format,
        field: problem.field,
        value: problem.value,
        reason: problem.reason,
      },
    });
  }
  const limit = DEVICES_PER_FILE[format];
  const files: MergedDevice[][] = [];
  for (let i = 0; i < writable.length; i += limit) files.push(writable.slice(i, i + limit));
  return { files, refused };
}

/**
 * The lines of one CSV file, each ending in CRLF, produced one at a time so a file of 1,000 hashes is never
 * held as one string. Callers pass devices from {@link planCsvFiles}; a device that cannot be written is an
 * error here, not something to paper over.
 */
export function* csvLines(
  devices: readonly MergedDevice[],
  format: CsvFormat,
): Generator<string, void, undefined> {
  const withUser = format === 'intune' && devices.some((d) => d.assignedUser.length > 0);
  const header =
    format === 'partner-center'
      ? PARTNER_CENTER_HEADER.join(',')
      : [...INTUNE_HEADER, ...(withUser ? [INTUNE_ASSIGNED_USER] : [])].join(',');
  yield header + CRLF;
  for (const device of devices) {
    const problem = unwritableValue(device, format);
    if (problem) throw new Error(`Device ${device.serial} cannot be written as ${format}: ${problem.reason}`);
    const hash = hashText(device.hash);
    const row =
      format === 'partner-center'
        ? [device.serial, device.productId, hash, device.manufacturer, device.model]
        : [
            device.serial,
            device.productId,
            hash,
            device.groupTag,
            ...(withUser ? [device.assignedUser] : []),
          ];
    yield row.join(',') + CRLF;
  }
}

/** The whole text of one CSV file (see {@link csvLines}). */
export function renderCsv(devices: readonly MergedDevice[], format: CsvFormat): string {
  return [...csvLines(devices, format)].join('');
}

/**
 * File names for a set of `count` files: `autopilot-intune-20261124-213005.csv`, or with `-part-2-of-3` when
 * split, so the technician can see at a glance that all parts must be uploaded.
 */
export function csvFileNames(format: CsvFormat, count: number, stamp: string): string[] {
  const base = `autopilot-${format}-${stamp}`;
  if (count <= 1) return [`${base}.csv`];
  return Array.from({ length: count }, (_, i) => `${base}-part-${i + 1}-of-${count}.csv`);
}

/** `20261124-213005` in local time: sortable, and free of characters Windows forbids in file names. */
export function fileStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}
