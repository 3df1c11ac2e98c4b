import { describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../../electron/platform/sha256';
import {
  DEVICES_PER_FILE,
  csvFileNames,
  planCsvFiles,
  renderCsv,
  unwritableValue,
} from '../../../../shared/csv/csv-writer';
import type { CsvFormat } from '../../../../shared/csv/csv-writer';
import { decodeHardwareHash } from '../../../../shared/hardware-hash';
import type { DecodedHardwareHash } from '../../../../shared/hardware-hash';
import { DeviceMerger } from '../../../../shared/merge';
import type { MergedDevice } from '../../../../shared/merge';
import { buildHash } from '../../../support/hash-builder';
import type { HashSpec } from '../../../support/hash-builder';
import { readHashCsv } from '../../../support/read-hash-csv';
import { encodeAs } from '../../../support/text-bytes';

const PARTNER_HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model';
const INTUNE_HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag';
const INTUNE_USER_HEADER = `${INTUNE_HEADER},Assigned User`;
const FORMATS: readonly CsvFormat[] = ['partner-center', 'intune'];

function decodeOk(text: string): DecodedHardwareHash {
  const result = decodeHardwareHash(text, nodeSha256);
  if (!result.ok) throw new Error(`expected a sound hash, got ${JSON.stringify(result.failure)}`);
  return result.hash;
}

interface DeviceOptions extends Partial<Omit<MergedDevice, 'hash'>> {
  /** The hash's device; its serial defaults to `serial`. */
  readonly spec?: HashSpec;
}

/** A merged device whose serial, manufacturer and model come from a built hash, as the merger gives them. */
function device(options: DeviceOptions = {}): MergedDevice {
  const { spec, ...fields } = options;
  const hash = decodeOk(buildHash({ serial: fields.serial ?? 'PF3ABCDE', ...spec }));
  return {
    serial: hash.serial ?? '',
    manufacturer: hash.manufacturer ?? '',
    model: hash.model ?? '',
    productId: '',
    groupTag: 'Microsoft365Managed_Autopilot',
    assignedUser: '',
    hash,
    sources: [{ file: 'devices.csv', line: 2 }],
    ...fields,
  };
}

/** `count` devices sharing one hash (the writer never re-reads serials from it), serials SN0001... */
function manyDevices(count: number): MergedDevice[] {
  const base = device();
  return Array.from({ length: count }, (_, i) => ({ ...base, serial: `SN${String(i).padStart(4, '0')}` }));
}

function lines(text: string): string[] {
  return text.split('\r\n').slice(0, -1);
}

function cells(text: string, row: number): string[] {
  return (lines(text)[row] ?? '').split(',');
}

describe('renderCsv', () => {
  it('writes the exact case-sensitive Partner Center header', () => {
    expect(lines(renderCsv([device()], 'partner-center'))[0]).toBe(PARTNER_HEADER);
  });

  it('writes the exact Intune header without Assigned User when no device has one', () => {
    expect(lines(renderCsv([device()], 'intune'))[0]).toBe(INTUNE_HEADER);
  });

  it('adds the Assigned User column to the Intune header when some device has one', () => {
    const text = renderCsv(
      [device(), device({ serial: 'PF3ABCDF', assignedUser: 'user@contoso.com' })],
      'intune',
    );
    expect(lines(text)[0]).toBe(INTUNE_USER_HEADER);
  });

  it('leaves the Assigned User cell empty for devices without one', () => {
    const text = renderCsv(
      [device(), device({ serial: 'PF3ABCDF', assignedUser: 'user@contoso.com' })],
      'intune',
    );
    expect([cells(text, 1)[4], cells(text, 2)[4]]).toEqual(['', 'user@contoso.com']);
  });

  it('never writes Assigned User in the Partner Center format', () => {
    const text = renderCsv([device({ assignedUser: 'user@contoso.com' })], 'partner-center');
    expect([lines(text)[0], text.includes('user@contoso.com')]).toEqual([PARTNER_HEADER, false]);
  });

  it.each(FORMATS)('ends every %s line with CRLF, the last one included', (format) => {
    const text = renderCsv([device(), device({ serial: 'PF3ABCDF' })], format);
    expect([
      text.endsWith('\r\n'),
      text.replace(/\r\n/g, '').includes('\n'),
      text.includes('\r\n\r\n'),
    ]).toEqual([true, false, false]);
  });

  it.each(FORMATS)('writes a header and one line per device in %s', (format) => {
    expect(lines(renderCsv([device(), device({ serial: 'PF3ABCDF' })], format))).toHaveLength(3);
  });

  it.each(FORMATS)('writes only printable ASCII and no quotes in %s', (format) => {
    const text = renderCsv(
      [device({ productId: '3305404496774', groupTag: 'Microsoft365Managed_Kiosk' })],
      format,
    );
    expect(/^[\x20-\x7e\r\n]*$/.test(text) && !text.includes('"')).toBe(true);
  });

  it('writes a Partner Center row as serial, product ID and hash, manufacturer and model left empty', () => {
    // Get-WindowsAutoPilotInfo -Partner: `$make = ""; $model = ""` whenever the hash is present.
    const hash = buildHash({ serial: 'PF3ABCDE' });
    const text = renderCsv([device({ productId: '3305404496774' })], 'partner-center');
    expect(lines(text)[1]).toBe(`PF3ABCDE,3305404496774,${hash},,`);
  });

  it('writes a Panasonic device, whose SMBIOS maker holds a comma, into the Partner Center CSV', () => {
    const panasonic = device({
      serial: '3KTSA12345',
      spec: { manufacturer: 'Panasonic Connect Co., Ltd.', model: 'CFSV2-1' },
    });
    const plan = planCsvFiles([panasonic], 'partner-center');
    const text = renderCsv(plan.files.flat(), 'partner-center');
    expect([plan.refused, cells(text, 1).slice(3), text.includes('Panasonic')]).toEqual([
      [],
      ['', ''],
      false,
    ]);
  });

  it('writes an Intune row as serial, product ID, hash, group tag', () => {
    const hash = buildHash({ serial: 'PF3ABCDE' });
    const text = renderCsv([device({ groupTag: 'Microsoft365Managed_Kiosk' })], 'intune');
    expect(cells(text, 1)).toEqual(['PF3ABCDE', '', hash, 'Microsoft365Managed_Kiosk']);
  });

  it.each(FORMATS)('writes the hash text exactly as it was read in %s, padding and all', (format) => {
    const hash = buildHash({ serial: 'PF3ABCDE', bufferLength: 3001 });
    expect(cells(renderCsv([device({ spec: { bufferLength: 3001 } })], format), 1)[2]).toBe(hash);
  });

  it.each(FORMATS)('writes back the exact hash text of a CSV read and merged, in %s', (format) => {
    const hashes = [buildHash({ serial: 'PF3ABCDE' }), buildHash({ serial: '0012345', nonce: 7 })];
    const input = encodeAs(
      'utf-16le-bom',
      `Device Serial Number,Windows Product ID,Hardware Hash\r\nPF3ABCDE,,${hashes[0]}\r\n0012345,,${hashes[1]}\r\n`,
    );
    const merger = new DeviceMerger(nodeSha256);
    for (const row of readHashCsv(input).devices) merger.add(row);
    const { devices } = merger.finish({
      kind: 'rows',
      fallback: 'Microsoft365Managed_Autopilot',
      allowCustom: false,
    });
    const text = renderCsv(devices, format);
    expect([cells(text, 1)[2], cells(text, 2)[2]]).toEqual(hashes);
  });

  it.each(FORMATS)('keeps the leading zeros of a digit serial in %s', (format) => {
    expect(cells(renderCsv([device({ serial: '0012345' })], format), 1)[0]).toBe('0012345');
  });

  it.each(FORMATS)('writes devices in the order given in %s', (format) => {
    const text = renderCsv(
      [device({ serial: 'B2' }), device({ serial: 'A1' }), device({ serial: 'C3' })],
      format,
    );
    expect(
      lines(text)
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['B2', 'A1', 'C3']);
  });

  it('writes only a header for no devices', () => {
    expect(renderCsv([], 'intune')).toBe(`${INTUNE_HEADER}\r\n`);
  });

  it('refuses to render a device the format cannot carry instead of escaping it', () => {
    expect(() => renderCsv([device({ groupTag: 'Sales, Tokyo' })], 'intune')).toThrow();
  });
});

describe('unwritableValue', () => {
  it.each(FORMATS)('accepts an ordinary device in %s', (format) => {
    expect(unwritableValue(device({ productId: '3305404496774' }), format)).toBeUndefined();
  });

  it.each([
    ['a comma', { manufacturer: 'NEC Personal Computers, Ltd.' }],
    ['a quote', { manufacturer: 'LENOVO "Inc"' }],
    ['non-ASCII characters', { model: 'ノートPC' }],
  ])('accepts %s in the manufacturer or model beside a hash in Partner Center (not written)', (_, fields) => {
    expect(unwritableValue(device(fields), 'partner-center')).toBeUndefined();
  });

  it('accepts a non-ASCII model for Intune, which has no model column', () => {
    expect(unwritableValue(device({ model: 'ノートPC' }), 'intune')).toBeUndefined();
  });

  it('refuses a non-ASCII Intune group tag', () => {
    expect(unwritableValue(device({ groupTag: 'テスト' }), 'intune')?.field).toBe('groupTag');
  });

  it('accepts a non-ASCII group tag for Partner Center, which has no group tag column', () => {
    expect(unwritableValue(device({ groupTag: 'テスト' }), 'partner-center')).toBeUndefined();
  });

  it('refuses a line break in an Intune assigned user', () => {
    expect(unwritableValue(device({ assignedUser: 'user@contoso.com\n' }), 'intune')).toEqual({
      field: 'assignedUser',
      value: 'user@contoso.com\n',
      reason: 'line-break',
    });
  });

  it('refuses a tab in a serial as a control character', () => {
    expect(unwritableValue(device({ serial: 'PF3\tABC' }), 'partner-center')?.reason).toBe('control');
  });

  it('refuses a dot in an Intune serial, which fails the whole upload', () => {
    expect(unwritableValue(device({ serial: 'PF3.ABCDE' }), 'intune')).toEqual({
      field: 'serial',
      value: 'PF3.ABCDE',
      reason: 'intune-serial-dot',
    });
  });

  it('accepts a dot in a Partner Center serial', () => {
    expect(unwritableValue(device({ serial: 'PF3.ABCDE' }), 'partner-center')).toBeUndefined();
  });

  it.each([..."';$(=|"])('refuses a serial with %s in either format, naming the character', (ch) => {
    const serial = `PF3${ch}ABCDE`;
    expect(FORMATS.map((format) => unwritableValue(device({ serial }), format))).toEqual(
      FORMATS.map(() => ({ field: 'serial', value: serial, reason: 'serial-character', character: ch })),
    );
  });

  it.each(['=', '+', '-', '@'])('refuses an Intune group tag starting with %s as a formula', (ch) => {
    const groupTag = `${ch}HYPERLINK(A1)`.replace(/[()]/g, '');
    expect(unwritableValue(device({ groupTag }), 'intune')).toEqual({
      field: 'groupTag',
      value: groupTag,
      reason: 'formula-start',
      character: ch,
    });
  });

  it('refuses a serial starting with "-" as a formula rather than as a serial character', () => {
    expect(unwritableValue(device({ serial: '-PF3ABCDE' }), 'partner-center')?.reason).toBe('formula-start');
  });

  it('accepts "-" inside a group tag', () => {
    expect(
      unwritableValue(device({ groupTag: 'Microsoft365Managed_Kiosk-Shared' }), 'intune'),
    ).toBeUndefined();
  });
});

describe('planCsvFiles', () => {
  it('puts 1,000 Partner Center devices in one file', () => {
    expect(planCsvFiles(manyDevices(1000), 'partner-center').files.map((f) => f.length)).toEqual([1000]);
  });

  it('splits 1,001 Partner Center devices into files of 1,000 and 1', () => {
    expect(planCsvFiles(manyDevices(1001), 'partner-center').files.map((f) => f.length)).toEqual([1000, 1]);
  });

  it('splits 1,001 Intune devices into files of 500, 500 and 1', () => {
    expect(planCsvFiles(manyDevices(1001), 'intune').files.map((f) => f.length)).toEqual([500, 500, 1]);
  });

  it('puts 500 Intune devices in one file', () => {
    expect(planCsvFiles(manyDevices(500), 'intune').files.map((f) => f.length)).toEqual([500]);
  });

  it('uses each importer’s documented limit', () => {
    expect(DEVICES_PER_FILE).toEqual({ 'partner-center': 1000, intune: 500 });
  });

  it('keeps every device, in order, across the files', () => {
    const devices = manyDevices(1201);
    expect(planCsvFiles(devices, 'intune').files.flat()).toEqual(devices);
  });

  it('plans no files for no devices', () => {
    expect(planCsvFiles([], 'intune')).toEqual({ files: [], refused: [] });
  });

  it('refuses a device with a comma as value-not-writable, at its first source, and writes the others', () => {
    const bad = device({
      serial: 'PF3ABCDF',
      groupTag: 'Sales, Tokyo',
      sources: [{ file: 'b.csv', line: 7 }],
    });
    const plan = planCsvFiles([device(), bad, device({ serial: 'PF3ABCDG' })], 'intune');
    expect([plan.files.map((f) => f.map((d) => d.serial)), plan.refused]).toEqual([
      [['PF3ABCDE', 'PF3ABCDG']],
      [
        {
          file: 'b.csv',
          line: 7,
          code: 'value-not-writable',
          params: {
            serial: 'PF3ABCDF',
            format: 'intune',
            field: 'groupTag',
            value: 'Sales, Tokyo',
            reason: 'separator',
            character: undefined,
          },
        },
      ],
    ]);
  });

  it('refuses a device with a quote in its group tag from Intune only', () => {
    const bad = device({ serial: 'PF3ABCDF', groupTag: 'Tag"1' });
    expect([
      planCsvFiles([device(), bad], 'intune').refused.map((r) => r.params.field),
      planCsvFiles([device(), bad], 'partner-center').refused,
    ]).toEqual([['groupTag'], []]);
  });

  it('refuses a device whose serial has a quote when the export is planned, and writes the others', () => {
    const bad = device({ serial: "PF3'ABCDF" });
    const plan = planCsvFiles([device(), bad], 'partner-center');
    expect([plan.files.flat().map((d) => d.serial), plan.refused.map((r) => r.params)]).toEqual([
      ['PF3ABCDE'],
      [
        {
          serial: "PF3'ABCDF",
          format: 'partner-center',
          field: 'serial',
          value: "PF3'ABCDF",
          reason: 'serial-character',
          character: "'",
        },
      ],
    ]);
  });

  it('refuses a device with a dot in its serial from Intune but not from Partner Center', () => {
    const dotted = device({ serial: 'PF3.ABCDE' });
    expect([
      planCsvFiles([dotted], 'intune').refused.map((r) => r.params.reason),
      planCsvFiles([dotted], 'partner-center').files.flat(),
    ]).toEqual([['intune-serial-dot'], [dotted]]);
  });

  it('fills files to the limit with writable devices only', () => {
    const devices = [...manyDevices(500), device({ serial: 'BAD.1' })];
    expect(planCsvFiles(devices, 'intune').files.map((f) => f.length)).toEqual([500]);
  });
});

describe('csvFileNames', () => {
  it('names a single file without a part number', () => {
    expect(csvFileNames('intune', 1, '20261124-213005')).toEqual(['autopilot-intune-20261124-213005.csv']);
  });

  it('numbers split files part N of M', () => {
    expect(csvFileNames('partner-center', 3, '20261124-213005')).toEqual([
      'autopilot-partner-center-20261124-213005-part-1-of-3.csv',
      'autopilot-partner-center-20261124-213005-part-2-of-3.csv',
      'autopilot-partner-center-20261124-213005-part-3-of-3.csv',
    ]);
  });

  it('gives one name per planned file', () => {
    const plan = planCsvFiles(manyDevices(1001), 'intune');
    expect(csvFileNames('intune', plan.files.length, '20261124-213005')).toHaveLength(3);
  });
});
