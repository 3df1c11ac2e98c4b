import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeHashPlatform } from '../../../../electron/platform/sha256';
import { buildHash, corrupt } from '../../../support/hash-builder';
import { plainDevice, plainRead, readHashCsv, readHashCsvChunks } from '../../../support/read-hash-csv';
import type { HashCsvRead, PlainDevice } from '../../../support/read-hash-csv';
import { chunksOf, concatBytes, encodeAs } from '../../../support/text-bytes';
import type { WrittenEncoding } from '../../../support/text-bytes';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const realSamplePath = path.resolve(repoRoot, '../shared/fixtures/real/hp-elitebook-840-g8.csv');
const realSampleExists = existsSync(realSamplePath);

const HASH_A = buildHash({ serial: 'PF3ABCDE' });
const HASH_B = buildHash({ serial: 'PF3ABCDF', nonce: 1 });
const HASH_C = buildHash({ serial: 'PF3ABCDG', nonce: 2 });

const SCRIPT_HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash';
const TAG_HEADER = `${SCRIPT_HEADER},Group Tag`;
const USER_HEADER = `${TAG_HEADER},Assigned User`;
const PARTNER_HEADER = `${SCRIPT_HEADER},Manufacturer name,Device model`;

/** The text of a CSV: each line followed by `eol`, CRLF as Windows writes. */
function csv(lines: readonly string[], eol = '\r\n'): string {
  return lines.map((l) => l + eol).join('');
}

function csvBytes(lines: readonly string[], encoding: WrittenEncoding = 'utf-8', eol = '\r\n'): Uint8Array {
  return encodeAs(encoding, csv(lines, eol));
}

function read(bytes: Uint8Array): HashCsvRead {
  return readHashCsv(bytes);
}

function serials(result: HashCsvRead): string[] {
  return result.devices.map((d) => d.serial);
}

function linesOf(result: HashCsvRead): number[] {
  return result.devices.map((d) => d.source.line);
}

function codes(result: HashCsvRead): string[] {
  return [...result.rejections, ...result.warnings].map((d) => `${d.code}@${d.line}`);
}

/** Every form of file technicians bring (BRIEF §4), by name. */
const FORMS: Readonly<Record<string, Uint8Array>> = {
  'Windows PowerShell 5.1 (UTF-16LE with BOM, CRLF, no quotes)': csvBytes(
    [SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, `PF3ABCDF,,${HASH_B}`],
    'utf-16le-bom',
  ),
  'PowerShell 7 (UTF-8 without BOM, LF)': csvBytes(
    [SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, `PF3ABCDF,,${HASH_B}`],
    'utf-8',
    '\n',
  ),
  'Export-Csv with quotes and a #TYPE line': csvBytes([
    '#TYPE System.Management.Automation.PSCustomObject',
    '"Device Serial Number","Windows Product ID","Hardware Hash"',
    `"PF3ABCDE","","${HASH_A}"`,
    `"PF3ABCDF","","${HASH_B}"`,
  ]),
  'Excel UTF-8 with BOM': csvBytes(
    [TAG_HEADER, `PF3ABCDE,,${HASH_A},Microsoft365Managed_Autopilot`, `PF3ABCDF,,${HASH_B},`],
    'utf-8-bom',
  ),
  'Excel CP932 with a Japanese group tag': csvBytes(
    [TAG_HEADER, `PF3ABCDE,,${HASH_A},東京営業部テスト`, `PF3ABCDF,,${HASH_B},テスト`],
    'shift_jis',
  ),
  'Excel CP932 partner form with a Japanese model': csvBytes(
    [PARTNER_HEADER, `PF3ABCDE,,${HASH_A},LENOVO,営業部モデル`, `PF3ABCDF,,${HASH_B},LENOVO,20XW0026JP`],
    'shift_jis',
  ),
  'Excel semicolon-separated': csvBytes([
    'Device Serial Number;Windows Product ID;Hardware Hash',
    `PF3ABCDE;;${HASH_A}`,
    `PF3ABCDF;;${HASH_B}`,
  ]),
  'header in other case and spacing': csvBytes([
    'device serial number, WINDOWS PRODUCT ID ,Hardware hash',
    `PF3ABCDE,,${HASH_A}`,
    `PF3ABCDF,,${HASH_B}`,
  ]),
  'script with Group Tag': csvBytes([
    TAG_HEADER,
    `PF3ABCDE,,${HASH_A},Microsoft365Managed_Kiosk`,
    `PF3ABCDF,,${HASH_B},Microsoft365Managed_Kiosk`,
  ]),
  'script with Group Tag and Assigned User': csvBytes([
    USER_HEADER,
    `PF3ABCDE,3305404496774,${HASH_A},Microsoft365Managed_Standard,user@contoso.com`,
    `PF3ABCDF,,${HASH_B},,`,
  ]),
  'Partner Center form': csvBytes([
    PARTNER_HEADER,
    `PF3ABCDE,,${HASH_A},LENOVO,20XW0026JP`,
    `PF3ABCDF,,${HASH_B},,`,
  ]),
  'Excel with blank and comma-only trailing rows': csvBytes([
    SCRIPT_HEADER,
    `PF3ABCDE,,${HASH_A}`,
    ',,',
    '',
    `PF3ABCDF,,${HASH_B}`,
    ',,,',
    ' , , ',
    '',
  ]),
  'headerless script rows': csvBytes([
    `PF3ABCDE,,${HASH_A}`,
    `PF3ABCDF,,${HASH_B},Microsoft365Managed_Kiosk`,
  ]),
};

describe('HashCsvReader streaming', () => {
  it.each(Object.entries(FORMS))(
    'reads the %s file identically whole and in 7-byte chunks',
    (_name, bytes) => {
      expect(plainRead(readHashCsv(bytes, 7))).toEqual(plainRead(read(bytes)));
    },
  );

  it.each(Object.entries(FORMS))(
    'reads the %s file identically whole and in 1-byte chunks',
    (_name, bytes) => {
      expect(plainRead(readHashCsv(bytes, 1))).toEqual(plainRead(read(bytes)));
    },
  );

  it.each(Object.entries(FORMS))(
    'reads the %s file identically with the native accelerators, whole and in 7-byte chunks',
    (_name, bytes) => {
      const plain = plainRead(read(bytes));
      expect([
        plainRead(readHashCsv(bytes, undefined, undefined, nodeHashPlatform)),
        plainRead(readHashCsv(bytes, 7, undefined, nodeHashPlatform)),
      ]).toEqual([plain, plain]);
    },
  );
});

describe('HashCsvReader on the forms technicians bring', () => {
  it.each(Object.entries(FORMS))('reads every device of the %s file', (_name, bytes) => {
    const result = read(bytes);
    expect([serials(result), result.rejections]).toEqual([['PF3ABCDE', 'PF3ABCDF'], []]);
  });

  it('reads a Windows PowerShell 5.1 file without warnings, devices on lines 2 and 3', () => {
    const result = read(FORMS['Windows PowerShell 5.1 (UTF-16LE with BOM, CRLF, no quotes)']!);
    expect([linesOf(result), result.warnings]).toEqual([[2, 3], []]);
  });

  it('reads a PowerShell 7 file without warnings, devices on lines 2 and 3', () => {
    const result = read(FORMS['PowerShell 7 (UTF-8 without BOM, LF)']!);
    expect([linesOf(result), result.warnings]).toEqual([[2, 3], []]);
  });

  it('skips the #TYPE line of Export-Csv and keeps physical line numbers (devices on lines 3 and 4)', () => {
    const result = read(FORMS['Export-Csv with quotes and a #TYPE line']!);
    expect([linesOf(result), result.warnings]).toEqual([[3, 4], []]);
  });

  it('reads the group tag of an Excel UTF-8 file with BOM', () => {
    const result = read(FORMS['Excel UTF-8 with BOM']!);
    expect(result.devices.map((d) => d.groupTag)).toEqual(['Microsoft365Managed_Autopilot', '']);
  });

  it('reads a Japanese group tag from a file Excel re-saved as CP932', () => {
    const result = read(FORMS['Excel CP932 with a Japanese group tag']!);
    expect(result.devices.map((d) => d.groupTag)).toEqual(['東京営業部テスト', 'テスト']);
  });

  it('reports a Japanese model column of a CP932 file that differs from the hash, with the text decoded', () => {
    const result = read(FORMS['Excel CP932 partner form with a Japanese model']!);
    expect(result.warnings).toEqual([
      {
        file: 'devices.csv',
        line: 2,
        code: 'model-from-hash',
        params: { serial: 'PF3ABCDE', from: '営業部モデル', to: '20XW0026JP' },
      },
    ]);
  });

  it('reads a semicolon-separated file without warnings', () => {
    expect(read(FORMS['Excel semicolon-separated']!).warnings).toEqual([]);
  });

  it('maps headers in other case and spacing without warnings', () => {
    expect(read(FORMS['header in other case and spacing']!).warnings).toEqual([]);
  });

  it('maps headers written with underscores and dashes', () => {
    const result = read(
      csvBytes(['Device_Serial_Number,Windows-Product-ID,HardwareHash', `PF3ABCDE,,${HASH_A}`]),
    );
    expect([serials(result), result.warnings]).toEqual([['PF3ABCDE'], []]);
  });

  it('keeps the group tag as written (trimmed), not yet corrected', () => {
    const result = read(csvBytes([TAG_HEADER, `PF3ABCDE,,${HASH_A}, microsoft365managed_autopilot `]));
    expect(result.devices[0]?.groupTag).toBe('microsoft365managed_autopilot');
  });

  it('gives every field of a five-column row: serial, maker and model from the hash, the rest from the CSV', () => {
    const result = read(FORMS['script with Group Tag and Assigned User']!);
    const expected: PlainDevice = {
      serial: 'PF3ABCDE',
      manufacturer: 'LENOVO',
      model: '20XW0026JP',
      productId: '3305404496774',
      groupTag: 'Microsoft365Managed_Standard',
      assignedUser: 'user@contoso.com',
      hash: HASH_A,
      source: { file: 'devices.csv', line: 2 },
    };
    expect(result.devices.map(plainDevice)[0]).toEqual(expected);
  });

  it('leaves group tag and assigned user empty when the row has none', () => {
    const result = read(FORMS['script with Group Tag and Assigned User']!);
    expect([result.devices[1]?.groupTag, result.devices[1]?.assignedUser]).toEqual(['', '']);
  });

  it('names the file it was given in every device’s source', () => {
    const result = readHashCsv(
      FORMS['PowerShell 7 (UTF-8 without BOM, LF)']!,
      undefined,
      'E:\\hashes\\PC01.csv',
    );
    expect(result.devices.map((d) => d.source.file)).toEqual([
      'E:\\hashes\\PC01.csv',
      'E:\\hashes\\PC01.csv',
    ]);
  });

  it('reads the Partner Center form without warnings when its columns match the hash', () => {
    const result = read(FORMS['Partner Center form']!);
    expect(result.warnings).toEqual([]);
  });

  it('takes manufacturer and model from the hash in the Partner Center form', () => {
    const result = read(FORMS['Partner Center form']!);
    expect(result.devices.map((d) => [d.manufacturer, d.model])).toEqual([
      ['LENOVO', '20XW0026JP'],
      ['LENOVO', '20XW0026JP'],
    ]);
  });

  it('ignores blank and comma-only rows and keeps physical line numbers', () => {
    const result = read(FORMS['Excel with blank and comma-only trailing rows']!);
    expect([linesOf(result), result.rejections, result.warnings]).toEqual([[2, 5], [], []]);
  });

  it('does not count blank rows as rows', () => {
    expect(read(FORMS['Excel with blank and comma-only trailing rows']!).rows).toBe(2);
  });

  it('reads headerless script rows, warning once that the header is missing', () => {
    const result = read(FORMS['headerless script rows']!);
    expect([linesOf(result), codes(result)]).toEqual([[1, 2], ['header-missing@1']]);
  });

  it('reads the group tag of headerless script rows from the fourth column', () => {
    const result = read(FORMS['headerless script rows']!);
    expect(result.devices.map((d) => d.groupTag)).toEqual(['', 'Microsoft365Managed_Kiosk']);
  });

  it('tells the optional hash callback every row’s decoded hash, unsound ones included', () => {
    const broken = corrupt.flipChecksumByte(HASH_B);
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, `PF3ABCDF,,${broken}`]));
    expect(result.hashes.map((h) => [h.line, h.result.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('counts rejected rows as rows', () => {
    const result = read(
      csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, 'PF3ABCDF,,', `PF3ABCDG,,${HASH_C}`]),
    );
    expect(result.rows).toBe(3);
  });
});

describe('HashCsvReader rejections', () => {
  it('rejects a row without a hash as hash-missing at its line, with its serial', () => {
    const result = read(
      csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, 'PF3ABCDF,3305404496774,', `PF3ABCDG,,${HASH_C}`]),
    );
    expect(result.rejections).toEqual([
      { file: 'devices.csv', line: 3, code: 'hash-missing', params: { serial: 'PF3ABCDF' } },
    ]);
  });

  it('still reads the rows around a rejected one', () => {
    const result = read(
      csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, 'PF3ABCDF,3305404496774,', `PF3ABCDG,,${HASH_C}`]),
    );
    expect([serials(result), linesOf(result)]).toEqual([
      ['PF3ABCDE', 'PF3ABCDG'],
      [2, 4],
    ]);
  });

  it('rejects a hash whose checksum does not match as hash-invalid with reason checksum-mismatch', () => {
    const result = read(
      csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${corrupt.flipInventoryByte(HASH_A)}`, `PF3ABCDF,,${HASH_B}`]),
    );
    expect([result.rejections, serials(result)]).toEqual([
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'hash-invalid',
          params: { serial: 'PF3ABCDE', reason: 'checksum-mismatch' },
        },
      ],
      ['PF3ABCDF'],
    ]);
  });

  it('rejects a hash with a stray character as hash-invalid naming the character and its position', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${corrupt.insertText(HASH_A, 100, '!')}`]));
    expect(result.rejections[0]?.params).toEqual({
      serial: 'PF3ABCDE',
      reason: 'not-base64',
      position: 100,
      character: '!',
    });
  });

  it('rejects a truncated hash as hash-invalid with the reason the decoder gives', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${corrupt.truncate(HASH_A, 600)}`]));
    expect([result.rejections[0]?.code, result.rejections[0]?.params.reason]).toEqual([
      'hash-invalid',
      'truncated',
    ]);
  });

  it('rejects a placeholder in the serial column as serial-placeholder', () => {
    const result = read(
      csvBytes([SCRIPT_HEADER, `To be filled by O.E.M.,,${HASH_A}`, `PF3ABCDF,,${HASH_B}`]),
    );
    expect([result.rejections, serials(result)]).toEqual([
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'serial-placeholder',
          params: { serial: 'To be filled by O.E.M.' },
        },
      ],
      ['PF3ABCDF'],
    ]);
  });

  it('keeps a real digit serial whose leading zeros Excel stripped into a placeholder-like 12345678', () => {
    // Found with the field corpus: `0012345678` saved by Excel reads `12345678`, which firmware also ships.
    const hash = buildHash({ serial: '0012345678' });
    const result = read(csvBytes([SCRIPT_HEADER, `12345678,,${hash}`]));
    expect([result.rejections, serials(result), result.warnings.map((w) => w.code)]).toEqual([
      [],
      ['0012345678'],
      ['serial-repaired'],
    ]);
  });

  it('rejects a placeholder serial inside the hash as serial-placeholder even when the column is empty', () => {
    const placeholder = buildHash({ serial: 'Default string' });
    const result = read(csvBytes([SCRIPT_HEADER, `,,${placeholder}`, `PF3ABCDF,,${HASH_B}`]));
    expect([result.rejections, serials(result)]).toEqual([
      [{ file: 'devices.csv', line: 2, code: 'serial-placeholder', params: { serial: 'Default string' } }],
      ['PF3ABCDF'],
    ]);
  });

  it('rejects a hash whose serial is a repeated character as serial-placeholder', () => {
    const placeholder = buildHash({ serial: '00000000' });
    const result = read(csvBytes([SCRIPT_HEADER, `00000000,,${placeholder}`]));
    expect(codes(result)).toEqual(['serial-placeholder@2']);
  });

  it('rejects a hash pasted into another device’s row as serial-mismatch, naming both serials', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ZZZZZ,,${HASH_A}`, `PF3ABCDF,,${HASH_B}`]));
    expect([result.rejections, serials(result)]).toEqual([
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'serial-mismatch',
          params: { serial: 'PF3ZZZZZ', hashSerial: 'PF3ABCDE' },
        },
      ],
      ['PF3ABCDF'],
    ]);
  });

  it('rejects a row with an empty serial column and a hash without a serial as serial-missing', () => {
    const noSerial = buildHash({ serial: undefined });
    const result = read(csvBytes([SCRIPT_HEADER, `,,${noSerial}`, `PF3ABCDF,,${HASH_B}`]));
    expect([result.rejections, serials(result)]).toEqual([
      [{ file: 'devices.csv', line: 2, code: 'serial-missing', params: {} }],
      ['PF3ABCDF'],
    ]);
  });

  it('rejects a hash without a serial as hash-invalid (no-serial) even when the column has one', () => {
    const noSerial = buildHash({ serial: undefined });
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${noSerial}`]));
    expect(result.rejections).toEqual([
      {
        file: 'devices.csv',
        line: 2,
        code: 'hash-invalid',
        params: { serial: 'PF3ABCDE', reason: 'no-serial' },
      },
    ]);
  });

  it('rejects a hash without a manufacturer as hash-invalid (no-manufacturer)', () => {
    const noMaker = buildHash({ manufacturer: undefined });
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${noMaker}`]));
    expect(result.rejections).toEqual([
      {
        file: 'devices.csv',
        line: 2,
        code: 'hash-invalid',
        params: { serial: 'PF3ABCDE', reason: 'no-manufacturer' },
      },
    ]);
  });

  it('refuses a headerless Manufacturer,Model,Serial file as a corporate identifier list, once, at line 0', () => {
    const result = read(
      csvBytes(['Microsoft Corporation,Surface Laptop 5,0F33ABC123456', 'LENOVO,20XW0026JP,PF3ABCDE']),
    );
    expect([result.rejections, result.devices, result.warnings]).toEqual([
      [{ file: 'devices.csv', line: 0, code: 'corporate-identifier-list', params: {} }],
      [],
      [],
    ]);
  });

  it('refuses a file with an unknown header as not-a-hash-csv, quoting the header', () => {
    const result = read(csvBytes(['Name,Email,Department,Phone', 'Taro,taro@contoso.com,Sales,123']));
    expect(result.rejections).toEqual([
      {
        file: 'devices.csv',
        line: 0,
        code: 'not-a-hash-csv',
        params: { reason: 'unknown-header', header: 'Name,Email,Department,Phone' },
      },
    ]);
  });

  it('refuses an .xlsx workbook as not-a-hash-csv (xlsx)', () => {
    const xlsx = concatBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(200).fill(0x41));
    expect(read(xlsx).rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'not-a-hash-csv', params: { reason: 'xlsx' } },
    ]);
  });

  it('refuses an .xls workbook as not-a-hash-csv (xls)', () => {
    const xls = concatBytes(
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      new Uint8Array(200),
    );
    expect(read(xls).rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'not-a-hash-csv', params: { reason: 'xls' } },
    ]);
  });

  it.each([1, 2, 3])('recognises an .xlsx workbook delivered in %i-byte chunks', (size) => {
    const xlsx = concatBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(200).fill(0x41));
    expect(readHashCsv(xlsx, size).rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'not-a-hash-csv', params: { reason: 'xlsx' } },
    ]);
  });

  it('refuses random binary data as not-a-hash-csv (binary), not as a corporate identifier list', () => {
    // Bytes a deterministic generator gives, with two commas in the first line, as random data has.
    const bytes = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    bytes.set([0x41, 0x2c, 0x01, 0x2c, 0x42, 0x0a], 0);
    expect(read(bytes).rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'not-a-hash-csv', params: { reason: 'binary' } },
    ]);
  });

  it('refuses a file whose first line is longer than 1 Mi characters as csv-line-too-long, once', () => {
    const bytes = new Uint8Array((1 << 20) + 10).fill(0x41);
    expect(read(bytes).rejections).toEqual([
      {
        file: 'devices.csv',
        line: 0,
        code: 'csv-line-too-long',
        params: { at: 1, limit: 1 << 20, scope: 'file' },
      },
    ]);
  });

  it('rejects a data row longer than 1 Mi characters as csv-line-too-long and reads the rows after it', () => {
    const long = `PF3ABCDF,,${'A'.repeat((1 << 20) + 1)}`;
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, long, `PF3ABCDG,,${HASH_C}`]));
    expect([result.rejections, serials(result), linesOf(result)]).toEqual([
      [{ file: 'devices.csv', line: 3, code: 'csv-line-too-long', params: { at: 3, limit: 1 << 20 } }],
      ['PF3ABCDE', 'PF3ABCDG'],
      [2, 4],
    ]);
  });

  it('refuses a file with only a #TYPE line as not-a-hash-csv (no-header)', () => {
    const result = read(csvBytes(['#TYPE System.Management.Automation.PSCustomObject']));
    expect(result.rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'not-a-hash-csv', params: { reason: 'no-header' } },
    ]);
  });

  it('refuses an empty file as file-empty', () => {
    expect(read(new Uint8Array(0)).rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'file-empty', params: {} },
    ]);
  });

  it('refuses a file with only a byte-order mark as file-empty', () => {
    expect(read(Uint8Array.from([0xff, 0xfe])).rejections.map((r) => r.code)).toEqual(['file-empty']);
  });

  it('refuses a file of blank and comma-only lines as file-empty', () => {
    expect(read(csvBytes(['', ',,', ' ', ',,,'])).rejections.map((r) => r.code)).toEqual(['file-empty']);
  });

  it('rejects a row whose quote never closes as csv-unterminated-quote at the line where it opens', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A}`, `"PF3ABCDF,,${HASH_B}`]));
    expect([result.rejections, serials(result)]).toEqual([
      [{ file: 'devices.csv', line: 3, code: 'csv-unterminated-quote', params: {} }],
      ['PF3ABCDE'],
    ]);
  });

  it('does not call a file empty when its header line opens a quote that never closes', () => {
    const result = read(csvBytes([`"${SCRIPT_HEADER}`, `PF3ABCDE,,${HASH_A}`]));
    expect(result.rejections.map((r) => r.code)).not.toContain('file-empty');
  });
});

describe('HashCsvReader warnings', () => {
  it('repairs a serial Excel turned into scientific notation with the hash’s serial', () => {
    const hash = buildHash({ serial: '123456789012' });
    const result = read(csvBytes([SCRIPT_HEADER, `1.23457E+11,,${hash}`]));
    expect([serials(result), result.warnings]).toEqual([
      ['123456789012'],
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'serial-repaired',
          params: { from: '1.23457E+11', serial: '123456789012', how: 'scientific-notation' },
        },
      ],
    ]);
  });

  it('repairs a serial whose leading zeros Excel removed with the hash’s serial', () => {
    const hash = buildHash({ serial: '0012345679' });
    const result = read(csvBytes([SCRIPT_HEADER, `12345679,,${hash}`]));
    expect([serials(result), result.warnings]).toEqual([
      ['0012345679'],
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'serial-repaired',
          params: { from: '12345679', serial: '0012345679', how: 'leading-zeros' },
        },
      ],
    ]);
  });

  it('repairs a serial whose letter case changed with the hash’s serial', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `pf3abcde,,${HASH_A}`]));
    expect([serials(result), result.warnings.map((w) => w.params)]).toEqual([
      ['PF3ABCDE'],
      [{ from: 'pf3abcde', serial: 'PF3ABCDE', how: 'case' }],
    ]);
  });

  it('takes the serial from the hash when the serial column is empty, and says so', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `,,${HASH_A}`]));
    expect([serials(result), result.warnings]).toEqual([
      ['PF3ABCDE'],
      [{ file: 'devices.csv', line: 2, code: 'serial-from-hash', params: { serial: 'PF3ABCDE' } }],
    ]);
  });

  it('accepts a hash that lost its base64 padding and warns hash-repadded', () => {
    const padded = buildHash({ serial: 'PF3ABCDE', bufferLength: 3001 });
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${corrupt.dropPadding(padded)}`]));
    expect([serials(result), result.warnings]).toEqual([
      ['PF3ABCDE'],
      [{ file: 'devices.csv', line: 2, code: 'hash-repadded', params: { serial: 'PF3ABCDE' } }],
    ]);
  });

  it('takes the manufacturer from the hash when the partner column differs, and says so', () => {
    const result = read(csvBytes([PARTNER_HEADER, `PF3ABCDE,,${HASH_A},Lenovo,20XW0026JP`]));
    expect([result.devices[0]?.manufacturer, result.warnings]).toEqual([
      'LENOVO',
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'manufacturer-from-hash',
          params: { serial: 'PF3ABCDE', from: 'Lenovo', to: 'LENOVO' },
        },
      ],
    ]);
  });

  it('takes the model from the hash when the partner column differs, and says so', () => {
    const result = read(csvBytes([PARTNER_HEADER, `PF3ABCDE,,${HASH_A},LENOVO,ThinkPad X1 Carbon`]));
    expect([result.devices[0]?.model, result.warnings]).toEqual([
      '20XW0026JP',
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'model-from-hash',
          params: { serial: 'PF3ABCDE', from: 'ThinkPad X1 Carbon', to: '20XW0026JP' },
        },
      ],
    ]);
  });

  it('takes the model from the CSV when the hash has no model record', () => {
    const noModel = buildHash({ model: undefined });
    const result = read(csvBytes([PARTNER_HEADER, `PF3ABCDE,,${noModel},LENOVO,20XW0026JP`]));
    expect([result.devices[0]?.model, result.warnings]).toEqual(['20XW0026JP', []]);
  });

  it('repairs a product ID Excel turned into scientific notation from the hash', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,3.3054E+12,${HASH_A}`]));
    expect([result.devices[0]?.productId, result.warnings]).toEqual([
      '3305404496774',
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'product-id-repaired',
          params: { serial: 'PF3ABCDE', from: '3.3054E+12', to: '3305404496774' },
        },
      ],
    ]);
  });

  it('repairs a product ID whose leading zeros Excel removed from the hash', () => {
    const hash = buildHash({ productKeyId: '0012345' });
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,12345,${hash}`]));
    expect([result.devices[0]?.productId, result.warnings.map((w) => [w.code, w.params])]).toEqual([
      '0012345',
      [['product-id-repaired', { serial: 'PF3ABCDE', from: '12345', to: '0012345' }]],
    ]);
  });

  it('keeps a product ID of digits as written', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,3305404496774,${HASH_A}`]));
    expect([result.devices[0]?.productId, result.warnings]).toEqual(['3305404496774', []]);
  });

  it('drops a product ID that is not digits and says so', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,N/A,${HASH_A}`]));
    expect([result.devices[0]?.productId, result.warnings]).toEqual([
      '',
      [
        {
          file: 'devices.csv',
          line: 2,
          code: 'product-id-dropped',
          params: { serial: 'PF3ABCDE', value: 'N/A' },
        },
      ],
    ]);
  });

  it('names the columns it ignores once, at the header line', () => {
    const result = read(csvBytes([`${SCRIPT_HEADER},Notes,Asset Tag`, `PF3ABCDE,,${HASH_A},spare,A-001`]));
    expect([serials(result), result.warnings]).toEqual([
      ['PF3ABCDE'],
      [{ file: 'devices.csv', line: 1, code: 'columns-ignored', params: { columns: 'Notes, Asset Tag' } }],
    ]);
  });

  it('warns about a serial with a dot, which has failed whole Intune uploads', () => {
    const hash = buildHash({ serial: 'PF3.ABCDE' });
    const result = read(csvBytes([SCRIPT_HEADER, `PF3.ABCDE,,${hash}`]));
    expect(result.warnings).toEqual([
      {
        file: 'devices.csv',
        line: 2,
        code: 'serial-risky-characters',
        params: { serial: 'PF3.ABCDE', characters: '.' },
      },
    ]);
  });

  it('warns about a row with characters no encoding could decode', () => {
    const bytes = concatBytes(
      encodeAs('utf-8', csv([TAG_HEADER]) + `PF3ABCDE,,${HASH_A},Tag`),
      Uint8Array.from([0xff]),
      encodeAs('utf-8', csv(['', `PF3ABCDF,,${HASH_B},Tag`])),
    );
    expect(codes(read(bytes))).toEqual(['text-undecodable@2']);
  });
});

describe.skipIf(!realSampleExists)(
  realSampleExists
    ? 'HashCsvReader on the real HP EliteBook 840 G8 sample'
    : `HashCsvReader on the real HP EliteBook 840 G8 sample (skipped: ${realSamplePath} is absent; it is public third-party data kept outside the repository)`,
  () => {
    const bytes = realSampleExists ? new Uint8Array(readFileSync(realSamplePath)) : new Uint8Array(0);

    it('reads one device, 5CG1457YL8, at line 2', () => {
      const result = read(bytes);
      expect(result.devices.map((d) => [d.serial, d.source.line])).toEqual([['5CG1457YL8', 2]]);
    });

    it('reads it without rejections or warnings', () => {
      const result = read(bytes);
      expect([result.rejections, result.warnings]).toEqual([[], []]);
    });

    it('takes HP and HP EliteBook 840 G8 Notebook PC from the hash, and no product ID', () => {
      const device = read(bytes).devices[0];
      expect([device?.manufacturer, device?.model, device?.productId]).toEqual([
        'HP',
        'HP EliteBook 840 G8 Notebook PC',
        '',
      ]);
    });

    it('reads it identically whole and in 7-byte chunks', () => {
      expect(plainRead(readHashCsvChunks(chunksOf(bytes, 7)))).toEqual(plainRead(read(bytes)));
    });
  },
);

describe('HashCsvReader on damage that spans rows', () => {
  it('rejects the row with a stray quote and still merges every row after it', () => {
    const result = read(
      csvBytes([TAG_HEADER, `PF3ABCDE,,${HASH_A},"Sales`, `PF3ABCDF,,${HASH_B},`, `PF3ABCDG,,${HASH_C},`]),
    );
    expect(result.rejections.map((r) => `${r.code}@${r.line}`)).toEqual(['csv-unterminated-quote@2']);
    expect(serials(result)).toEqual(['PF3ABCDF', 'PF3ABCDG']);
  });

  it('rejects a row with more values than the header has columns, as a split value', () => {
    const result = read(
      csvBytes([TAG_HEADER, `PF3ABCDE,,${HASH_A},Sales,Tokyo`, `PF3ABCDF,,${HASH_B},Sales`]),
    );
    expect(result.rejections).toEqual([
      { file: 'devices.csv', line: 2, code: 'csv-extra-fields', params: { count: 5, columns: 4 } },
    ]);
    expect(serials(result)).toEqual(['PF3ABCDF']);
  });

  it('accepts the empty trailing cells Excel adds beyond the header', () => {
    const result = read(csvBytes([SCRIPT_HEADER, `PF3ABCDE,,${HASH_A},,,`]));
    expect(result.rejections).toEqual([]);
    expect(serials(result)).toEqual(['PF3ABCDE']);
  });

  it('recognises a corporate identifier list saved with a header line', () => {
    const result = read(csvBytes(['Manufacturer,Model,Serial Number', 'LENOVO,20XW0026JP,PF3ABCDE']));
    expect(result.rejections).toEqual([
      { file: 'devices.csv', line: 0, code: 'corporate-identifier-list', params: {} },
    ]);
  });
});
