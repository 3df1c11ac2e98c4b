/**
 * Service answers for the Import screen's tests, in the contract's shapes (fakeApi checks them against the
 * schema again), with the words the service would send.
 */
import type {
  ApiOutput,
  ImportCounts,
  ImportFilePreview,
  ImportRow,
} from '../../../../../shared/api/harvester-api';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

let nextDevice = 1;

function deviceId(): string {
  return (nextDevice++).toString(16).padStart(16, '0');
}

const DEVICE = {
  manufacturer: 'HP',
  model: 'HP EliteBook 840 G8 Notebook PC',
  groupTag: '',
  tagStatus: { kind: 'none' as const },
};

export function addedRow(line: number, serial: string, overrides: Partial<ImportRow> = {}): ImportRow {
  return {
    kind: 'added',
    line,
    deviceId: deviceId(),
    serial,
    ...DEVICE,
    warnings: [],
    restoresDeleted: false,
    ...overrides,
  } as ImportRow;
}

export function repairedRow(file: string, line: number, serial: string): ImportRow {
  return addedRow(line, serial, {
    warnings: [
      {
        file,
        line,
        code: 'serial-repaired',
        message: `The serial number "${serial} " was damaged (trailing space); the hash proves it is "${serial}", which is used.`,
        params: { from: `${serial} `, serial, how: 'trailing-space' },
      },
    ],
  } as Partial<ImportRow>);
}

export function duplicateInLedgerRow(line: number, serial: string): ImportRow {
  return { kind: 'duplicate-in-ledger', line, deviceId: deviceId(), serial, ...DEVICE, warnings: [] };
}

export function duplicateInBatchRow(
  line: number,
  serial: string,
  firstSeen: { file: string; line: number },
): ImportRow {
  return {
    kind: 'duplicate-in-batch',
    line,
    deviceId: deviceId(),
    serial,
    ...DEVICE,
    warnings: [],
    firstSeen,
  };
}

export function replacedRow(line: number, serial: string): ImportRow {
  return {
    kind: 'replaced',
    line,
    deviceId: deviceId(),
    serial,
    ...DEVICE,
    warnings: [],
    replaces: 'ledger',
  };
}

export function rejectedRow(line: number, serial: string | null, message: string): ImportRow {
  return { kind: 'rejected', line, code: 'serial-placeholder', message, serial };
}

export function countsOf(rows: readonly ImportRow[]): ImportCounts {
  const counts: Mutable<ImportCounts> = {
    rows: rows.length,
    added: 0,
    duplicates: 0,
    replaced: 0,
    rejected: 0,
    repaired: 0,
  };
  for (const row of rows) {
    if (row.kind === 'added') counts.added++;
    else if (row.kind === 'duplicate-in-ledger' || row.kind === 'duplicate-in-batch') counts.duplicates++;
    else if (row.kind === 'replaced') counts.replaced++;
    else counts.rejected++;
    if (row.kind !== 'rejected' && row.warnings.length > 0) counts.repaired++;
  }
  return counts;
}

export function filePreview(
  name: string,
  rows: readonly ImportRow[],
  extra: Partial<Pick<ImportFilePreview, 'fileProblems' | 'notes'>> = {},
): ImportFilePreview {
  return { name, rows, omittedRows: 0, fileProblems: [], notes: [], counts: countsOf(rows), ...extra };
}

/** A file refused as a whole: an Excel workbook saved with a .csv name. */
export function workbookPreview(name: string): ImportFilePreview {
  return filePreview(name, [], {
    fileProblems: [
      {
        file: name,
        line: 0,
        code: 'not-a-hash-csv',
        message:
          'This is an Excel workbook (.xlsx), not a CSV. Open it in Excel and save it as "CSV (Comma delimited)".',
        params: { reason: 'xlsx' },
      },
    ],
  });
}

export function previewAnswer(
  files: readonly ImportFilePreview[],
  previewId = 'preview-1',
): ApiOutput<'previewImport'> {
  const totals: Mutable<ImportCounts> = {
    rows: 0,
    added: 0,
    duplicates: 0,
    replaced: 0,
    rejected: 0,
    repaired: 0,
  };
  for (const file of files) {
    for (const key of Object.keys(totals) as (keyof ImportCounts)[]) totals[key] += file.counts[key];
  }
  return { previewId, expiresAt: '2026-11-24T09:35:00.000Z', files, totals };
}

/** The usual mix: one file with a new, a repaired, a duplicate, a replaced and a rejected row. */
export function mixedPreview(name = 'site-a.csv'): ApiOutput<'previewImport'> {
  return previewAnswer([
    filePreview(name, [
      addedRow(2, '5CG1457YL8'),
      repairedRow(name, 3, '5CG1457YL9'),
      duplicateInLedgerRow(4, '5CG1457YM1'),
      duplicateInBatchRow(5, '5CG1457YL8', { file: name, line: 2 }),
      replacedRow(6, '5CG1457YM2'),
      rejectedRow(
        7,
        'Default string',
        'The serial number "Default string" is a firmware placeholder, not a real serial. The device maker must set the serial in the BIOS/UEFI before Autopilot can register it.',
      ),
    ]),
  ]);
}

export function csvFile(
  name: string,
  text = 'Device Serial Number,Windows Product ID,Hardware Hash\r\n',
): File {
  return new File([text], name, { type: 'text/csv', lastModified: 1_700_000_000_000 });
}
