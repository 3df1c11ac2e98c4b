/**
 * Writing the CSVs Partner Center and Intune accept on the first upload (BRIEF §4): exact, case-sensitive
 * headers, no quotes, CRLF, ASCII only, split into numbered files at each importer's device limit.
 *
 * A value these formats cannot carry (a comma, a quote, a line break, a non-ASCII character; a dot in an
 * Intune serial) is never escaped or altered in the hope the importer copes: that device is refused with a
 * reason, and the others are written. So is a value a spreadsheet would run as a formula, and a serial with
 * a character outside the plain set serials are made of: both are refused here, when the export is planned,
 * rather than found later by an importer or by the technician who opens the file in Excel.
 *
 * Partner Center rows carry the hash and leave manufacturer and model empty, as Get-WindowsAutoPilotInfo
 * -Partner does (andrew-s-taylor/WindowsAutopilotInfo, `Community Version/get-windowsautopilotinfocommunity.ps1`
 * v5.0.16: `$make = ""; $model = ""` unless the hash is missing; the official v3.9 script adds `-Force`).
 * The hash carries both (records 16 and 17), and the SMBIOS names of Japanese makers hold commas this
 * format cannot carry (`Panasonic Connect Co., Ltd.`, `NEC Personal Computers, Ltd.`). Manufacturer and
 * model belong only in a tuple row (a device without a hash), which this app never writes: the reader
 * refuses a row without a hash (`hash-missing`), so every device here has one.
 */
import type { Rejection } from '../diagnostics';
import { hashText } from '../hardware-hash';
import type { MergedDevice } from '../merge';

export const CSV_FORMATS = ['partner-center', 'intune'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

/**
 * Whether the format has a group tag column. Partner Center's has none: the tag is the "group name" typed in
 * the upload dialog (BRIEF §4; Get-WindowsAutoPilotInfo: GroupTag "not supported by Partner Center").
 */
export const CARRIES_GROUP_TAG: Readonly<Record<CsvFormat, boolean>> = {
  'partner-center': false,
  intune: true,
};

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
  | 'separator'
  | 'quote'
  | 'line-break'
  | 'non-ascii'
  | 'control'
  | 'intune-serial-dot'
  | 'serial-character'
  | 'formula-start';

export interface Unwritable {
  readonly field: 'serial' | 'productId' | 'manufacturer' | 'model' | 'groupTag' | 'assignedUser';
  readonly value: string;
  readonly reason: UnwritableReason;
  /** The character at fault, for `serial-character` and `formula-start`. */
  readonly character?: string;
}

/**
 * Characters a serial may hold in a CSV: letters, digits, space, `-`, `_`, `/` and `.` (the dot only for
 * Partner Center, see `intune-serial-dot`). Anything else (`' ; $ ( = |`...) is what importers have failed on
 * (IntuneDocs PR #1190 for the dot; the reader warns `serial-risky-characters` about the same set) and what
 * a spreadsheet or a script that handles the file may read as syntax.
 */
const SERIAL_CHARACTER = /[A-Za-z0-9 ._/-]/;

/**
 * First characters that make Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP, "CSV
 * Injection", https://owasp.org/www-community/attacks/CSV_Injection: `=`, `+`, `-`, `@`, tab, carriage
 * return). Tab and CR are already refused as control characters; the other four are refused here. The
 * OWASP remedy of prefixing a `'` would change the value the importer registers, so the device is refused.
 */
const FORMULA_START = new Set(['=', '+', '-', '@']);

/** The Partner Center row's manufacturer and model: empty beside a hash (see the module comment). */
function partnerCenterTuple(device: MergedDevice): readonly [manufacturer: string, model: string] {
  return device.hash ? ['', ''] : [device.manufacturer, device.model];
}

/** Why `device` cannot go into a `format` CSV, or `undefined` when it can. */
export function unwritableValue(device: MergedDevice, format: CsvFormat): Unwritable | undefined {
  const fields: [Unwritable['field'], string][] = [
    ['serial', device.serial],
    ['productId', device.productId],
  ];
  if (format === 'partner-center') {
    const [manufacturer, model] = partnerCenterTuple(device);
    fields.push(['manufacturer', manufacturer], ['model', model]);
  } else {
    fields.push(['groupTag', device.groupTag], ['assignedUser', device.assignedUser]);
  }
  for (const [field, value] of fields) {
    const reason = unwritableReason(value);
    if (reason) return { field, value, reason };
    const first = value.charAt(0);
    if (FORMULA_START.has(first)) return { field, value, reason: 'formula-start', character: first };
  }
  for (const ch of device.serial) {
    if (!SERIAL_CHARACTER.test(ch)) {
      return { field: 'serial', value: device.serial, reason: 'serial-character', character: ch };
    }
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
        character: problem.character,
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
        ? [device.serial, device.productId, hash, ...partnerCenterTuple(device)]
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
