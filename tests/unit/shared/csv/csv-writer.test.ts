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

  it('writes a Partner Center row as serial, product ID, hash, manufacturer, model', () => {
    const hash = buildHash({ serial: 'PF3ABCDE' });
    const text = renderCsv([device({ productId: '3305404496774' })], 'partner-center');
    expect(cells(text, 1)).toEqual(['PF3ABCDE', '3305404496774', hash, 'LENOVO', '20XW0026JP']);
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
    expect(() => renderCsv([device({ model: 'ThinkPad, Gen 9' })], 'partner-center')).toThrow();
  });
});

describe('unwritableValue', () => {
  it.each(FORMATS)('accepts an ordinary device in %s', (format) => {
    expect(unwritableValue(device({ productId: '3305404496774' }), format)).toBeUndefined();
  });

  it('refuses a comma in a Partner Center model as a separator', () => {
    expect(unwritableValue(device({ model: 'ThinkPad, Gen 9' }), 'partner-center')).toEqual({
      field: 'model',
      value: 'ThinkPad, Gen 9',
      reason: 'separator',
    });
  });

  it('refuses a quote in a Partner Center manufacturer', () => {
    expect(unwritableValue(device({ manufacturer: 'LENOVO "Inc"' }), 'partner-center')?.reason).toBe('quote');
  });

  it('refuses a non-ASCII Partner Center model', () => {
    expect(unwritableValue(device({ model: 'ノートPC' }), 'partner-center')).toEqual({
      field: 'model',
      value: 'ノートPC',
      reason: 'non-ascii',
    });
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
      model: 'ThinkPad, Gen 9',
      sources: [{ file: 'b.csv', line: 7 }],
    });
    const plan = planCsvFiles([device(), bad, device({ serial: 'PF3ABCDG' })], 'partner-center');
    expect([plan.files.map((f) => f.map((d) => d.serial)), plan.refused]).toEqual([
      [['PF3ABCDE', 'PF3ABCDG']],
      [
        {
          file: 'b.csv',
          line: 7,
          code: 'value-not-writable',
          params: {
            serial: 'PF3ABCDF',
            format: 'partner-center',
            field: 'model',
            value: 'ThinkPad, Gen 9',
            reason: 'separator',
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

  it('refuses a device with a non-ASCII manufacturer from Partner Center and writes the others', () => {
    const bad = device({ serial: 'PF3ABCDF', manufacturer: 'Fujitsü' });
    const plan = planCsvFiles([device(), bad], 'partner-center');
    expect([plan.files.flat().map((d) => d.serial), plan.refused.map((r) => r.params.reason)]).toEqual([
      ['PF3ABCDE'],
      ['non-ascii'],
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
