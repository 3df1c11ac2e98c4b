import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeHashPlatform, nodeSha256 } from '../../../../electron/platform/sha256';
import { planCsvFiles, renderCsv } from '../../../../shared/csv/csv-writer';
import type { CsvFormat } from '../../../../shared/csv/csv-writer';
import { decodeHardwareHash, fullHashBytes } from '../../../../shared/hardware-hash';
import { KNOWN_GROUP_TAGS } from '../../../../shared/group-tag';
import type { MergedDevice } from '../../../../shared/merge';
import { isPlaceholderSerial } from '../../../../shared/serial';
import { buildHash, buildHashBytes } from '../../../support/hash-builder';
import type { HashSpec } from '../../../support/hash-builder';
import { readHashCsvChunks } from '../../../support/read-hash-csv';
import { encodeAs, splitAt, utf8Bytes } from '../../../support/text-bytes';
import type { WrittenEncoding } from '../../../support/text-bytes';

interface DeviceSpec {
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly productId: string;
  readonly groupTag: string;
  readonly assignedUser: string;
}

const SERIAL = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,14}$/).filter((s) => !isPlaceholderSerial(s));
/** Makers and models as SMBIOS has them: printable ASCII without commas or quotes, no outer spaces. */
const NAME = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .&()/#+_-]{0,30}$/)
  .map((s) => s.trimEnd())
  .filter((s) => s.length > 0);
const PRODUCT_ID = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,20}$/));
const TAG = fc.constantFrom(...KNOWN_GROUP_TAGS.map((t) => t.tag));
const USER = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z][a-z0-9.]{0,10}@contoso\.com$/));

const DEVICE: fc.Arbitrary<DeviceSpec> = fc.record({
  serial: SERIAL,
  manufacturer: NAME,
  model: NAME,
  productId: PRODUCT_ID,
  groupTag: TAG,
  assignedUser: USER,
});

/** Builds each device's hash (its product key ID is the product ID, as on a real device) and merges nothing. */
function mergedDevices(specs: readonly DeviceSpec[]): { devices: MergedDevice[]; hashBytes: Uint8Array[] } {
  const hashBytes: Uint8Array[] = [];
  const devices = specs.map((spec, i): MergedDevice => {
    const hashSpec: HashSpec = {
      serial: spec.serial,
      manufacturer: spec.manufacturer,
      model: spec.model,
      productKeyId: spec.productId.length > 0 ? spec.productId : undefined,
      nonce: i,
    };
    hashBytes.push(buildHashBytes(hashSpec));
    const decoded = decodeHardwareHash(buildHash(hashSpec), nodeSha256);
    if (!decoded.ok) throw new Error(`built hash does not verify: ${decoded.failure.kind}`);
    return { ...spec, hash: decoded.hash, sources: [{ file: 'in.csv', line: i + 2 }] };
  });
  return { devices, hashBytes };
}

const FORMATS: readonly CsvFormat[] = ['partner-center', 'intune'];
const ENCODINGS: readonly WrittenEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le-bom'];

describe('writing a CSV and reading it back', () => {
  it.each(FORMATS)(
    'gives the same serials, makers, models, product IDs and hash bytes in the same order (%s)',
    (format) => {
      fc.assert(
        fc.property(
          fc.array(DEVICE, { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat({ max: 30_000 }), { maxLength: 5 }),
          (specs, cuts) => {
            const { devices, hashBytes } = mergedDevices(specs);
            const plan = planCsvFiles(devices, format);
            expect(plan.refused).toEqual([]);
            const bytes = utf8Bytes(renderCsv(devices, format));
            const read = readHashCsvChunks(splitAt(bytes, cuts), 'out.csv', nodeHashPlatform);
            expect([read.rejections, read.warnings]).toEqual([[], []]);
            expect(read.devices.map((d) => [d.serial, d.manufacturer, d.model, d.productId])).toEqual(
              specs.map((s) => [s.serial, s.manufacturer, s.model, s.productId]),
            );
            expect(read.devices.map((d) => fullHashBytes(d.hash))).toEqual(hashBytes);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('gives back the group tags and assigned users written in the Intune format', () => {
    fc.assert(
      fc.property(fc.array(DEVICE, { minLength: 1, maxLength: 6 }), (specs) => {
        const { devices } = mergedDevices(specs);
        const read = readHashCsvChunks([utf8Bytes(renderCsv(devices, 'intune'))]);
        expect(read.devices.map((d) => [d.groupTag, d.assignedUser])).toEqual(
          specs.map((s) => [s.groupTag, s.assignedUser]),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('puts every row on the physical line after the previous one, starting at line 2', () => {
    fc.assert(
      fc.property(
        fc.array(DEVICE, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...FORMATS),
        (specs, format) => {
          const { devices } = mergedDevices(specs);
          const read = readHashCsvChunks([utf8Bytes(renderCsv(devices, format))]);
          expect(read.devices.map((d) => d.source.line)).toEqual(specs.map((_, i) => i + 2));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('HashCsvReader on arbitrary input', () => {
  it('never throws on arbitrary bytes fed in arbitrary chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
        (bytes, cuts) => {
          expect(() => readHashCsvChunks(splitAt(bytes, cuts))).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary strings in any encoding fed in arbitrary chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom(...ENCODINGS),
        fc.array(fc.nat({ max: 800 }), { maxLength: 6 }),
        (text, encoding, cuts) => {
          expect(() => readHashCsvChunks(splitAt(encodeAs(encoding, text), cuts))).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on CSV-like text mixing headers, quotes, separators and hash fragments', () => {
    const hash = buildHash({});
    const piece = fc.constantFrom(
      'Device Serial Number',
      'Hardware Hash',
      'Group Tag',
      'PF3ABCDE',
      hash,
      hash.slice(0, 100),
      ',',
      ';',
      '\t',
      '"',
      '\r\n',
      '\n',
      '\r',
      '#TYPE x',
      '1.23457E+11',
      '',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.constantFrom(...ENCODINGS),
        fc.array(fc.nat({ max: 20_000 }), { maxLength: 6 }),
        (pieces, encoding, cuts) => {
          const bytes = encodeAs(encoding, pieces.join(''));
          expect(() => readHashCsvChunks(splitAt(bytes, cuts), 'x.csv', nodeHashPlatform)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
