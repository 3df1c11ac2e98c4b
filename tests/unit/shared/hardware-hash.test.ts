import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../electron/platform/sha256';
import { encodeBase64 } from '../../../shared/base64';
import {
  decodeHardwareHash,
  fullHashBytes,
  hardwareFingerprint,
  registrationBlocker,
} from '../../../shared/hardware-hash';
import type { DecodedHardwareHash, HashDecodeResult, HashInventory } from '../../../shared/hardware-hash';
import {
  DEFAULT_SPEC,
  buildHash,
  buildHashBytes,
  cString,
  corrupt,
  flipBits,
  inventoryLengthOf,
  utf16Value,
} from '../../support/hash-builder';
import type { HashSpec } from '../../support/hash-builder';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const realSamplePath = path.resolve(repoRoot, '../shared/fixtures/real/hp-elitebook-840-g8.csv');
const realSampleExists = existsSync(realSamplePath);

function decode(text: string): HashDecodeResult {
  return decodeHardwareHash(text, nodeSha256);
}

/** Decodes a hash the test expects to be sound, failing with the reason when it is not. */
function decodeOk(text: string): DecodedHardwareHash {
  const result = decode(text);
  if (!result.ok) throw new Error(`expected a sound hash, got ${JSON.stringify(result.failure)}`);
  return result.hash;
}

function inventoryOf(spec: HashSpec): HashInventory {
  return decodeOk(buildHash(spec)).inventory;
}

/** The hash column of the sample: UTF-16LE with BOM, CRLF, header on line 1, hash in column 3 of line 2. */
function readRealSampleSync(): { serial: string; hash: string } {
  const text = readFileSync(realSamplePath)
    .toString('utf16le')
    .replace(/^\uFEFF/, '');
  const columns = (text.split(/\r?\n/)[1] ?? '').split(',');
  return { serial: columns[0] ?? '', hash: columns[2] ?? '' };
}

describe.skipIf(!realSampleExists)(
  realSampleExists
    ? 'the real HP EliteBook 840 G8 sample'
    : `the real HP EliteBook 840 G8 sample (skipped: ${realSamplePath} is absent; it is public third-party data kept outside the repository)`,
  () => {
    const sample = realSampleExists ? readRealSampleSync() : { serial: '', hash: '' };

    it('is a 4,000-character hash text starting with T0', () => {
      expect(sample.hash).toHaveLength(4000);
      expect(sample.hash.startsWith('T0')).toBe(true);
    });

    it('decodes and verifies its checksum', () => {
      expect(decode(sample.hash).ok).toBe(true);
    });

    it('decodes to a 3,000-byte buffer with an inventory length of 1,159', () => {
      const hash = decodeOk(sample.hash);
      expect(hash.byteLength).toBe(3000);
      expect(hash.inventoryLength).toBe(1159);
    });

    it('carries a CS record at L holding the SHA-256 of bytes [0, L)', () => {
      const hash = decodeOk(sample.hash);
      const L = hash.inventoryLength;
      expect(Array.from(hash.bytes.subarray(L, L + 4))).toEqual([0x43, 0x53, 0x24, 0x00]);
      expect(hash.bytes.subarray(L + 4, L + 36)).toEqual(
        new Uint8Array(nodeSha256(hash.bytes.subarray(0, L))),
      );
    });

    it('names the serial of the CSV column, 5CG1457YL8', () => {
      expect(decodeOk(sample.hash).inventory.serial).toBe('5CG1457YL8');
      expect(sample.serial).toBe('5CG1457YL8');
    });

    it('names the manufacturer HP', () => {
      expect(decodeOk(sample.hash).inventory.manufacturer).toBe('HP');
    });

    it('names the model HP EliteBook 840 G8 Notebook PC', () => {
      expect(decodeOk(sample.hash).inventory.model).toBe('HP EliteBook 840 G8 Notebook PC');
    });

    it('names the SKU 479G1UC#ABA', () => {
      expect(decodeOk(sample.hash).inventory.sku).toBe('479G1UC#ABA');
    });

    it('names the product key ID 3305404496774', () => {
      expect(decodeOk(sample.hash).inventory.productKeyId).toBe('3305404496774');
    });

    it('keeps the undocumented record types 27, 35 and 37 in its records', () => {
      const types = decodeOk(sample.hash).records.map((r) => r.type);
      expect(types).toEqual(expect.arrayContaining([27, 35, 37]));
    });

    it('has no registration blocker', () => {
      expect(registrationBlocker(decodeOk(sample.hash))).toBeUndefined();
    });

    it('re-encodes from its full bytes to the exact original text', () => {
      expect(encodeBase64(fullHashBytes(decodeOk(sample.hash)))).toBe(sample.hash);
    });
  },
);

describe('the hash builder', () => {
  it('writes a 4,000-character text starting with T0 like Windows', () => {
    const hash = buildHash({});
    expect(hash).toHaveLength(4000);
    expect(hash.startsWith('T0')).toBe(true);
  });

  it('writes a hash that decodes and verifies', () => {
    expect(decode(buildHash({})).ok).toBe(true);
  });

  it('gives the default device’s values to fields a spec leaves out', () => {
    const inventory = inventoryOf({});
    expect([inventory.serial, inventory.manufacturer, inventory.model]).toEqual([
      DEFAULT_SPEC.serial,
      DEFAULT_SPEC.manufacturer,
      DEFAULT_SPEC.model,
    ]);
  });
});

describe('decodeHardwareHash reads every field of a built hash', () => {
  it.each([
    ['serial', 'serial', 'SN-0001'],
    ['manufacturer', 'manufacturer', 'Dell Inc.'],
    ['model', 'model', 'Latitude 5440'],
    ['SKU', 'sku', '0C0B'],
    ['family', 'family', 'Latitude'],
    ['product key ID', 'productKeyId', '3305404496775'],
    ['TPM version', 'tpmVersion', 'TPM-Version:2.0 -Level:0-Revision:1.59'],
  ] as const)('reads the %s as written', (_name, key, value) => {
    expect(inventoryOf({ [key]: value })[key]).toBe(value);
  });

  it('reads UTF-8 text such as a maker name with accents and CJK', () => {
    expect(inventoryOf({ manufacturer: 'Société Générale 株式会社' }).manufacturer).toBe(
      'Société Générale 株式会社',
    );
  });

  it('trims spaces around a text field', () => {
    expect(inventoryOf({ serial: '  PF3ABCDE  ' }).serial).toBe('PF3ABCDE');
  });

  it('reads a text field holding only spaces as absent', () => {
    expect(inventoryOf({ model: '   ' }).model).toBeUndefined();
  });

  it('reads a text field left out of the hash as absent', () => {
    expect(inventoryOf({ sku: undefined }).sku).toBeUndefined();
  });

  it('reads the SMBIOS UUID back as the GUID text it was written from', () => {
    expect(inventoryOf({ uuid: '8E9E73E6-EF91-4EF4-AA74-130C5E4B0DC4' }).smbiosUuid).toBe(
      '8E9E73E6-EF91-4EF4-AA74-130C5E4B0DC4',
    );
  });

  it('reads the SMBIOS UUID in upper case whatever case it was written in', () => {
    expect(inventoryOf({ uuid: '8e9e73e6-ef91-4ef4-aa74-130c5e4b0dc4' }).smbiosUuid).toBe(
      '8E9E73E6-EF91-4EF4-AA74-130C5E4B0DC4',
    );
  });

  it('reads each network adapter MAC as upper-case colon-separated hex, in order', () => {
    const adapters = inventoryOf({ macs: ['aa:bb:cc:dd:ee:0f', '00-11-22-33-44-55'] }).networkAdapters;
    expect(adapters.map((a) => a.mac)).toEqual(['AA:BB:CC:DD:EE:0F', '00:11:22:33:44:55']);
  });

  it('reads the medium byte of each network adapter', () => {
    const adapters = inventoryOf({ macs: ['AA:BB:CC:DD:EE:0F', '00:11:22:33:44:55'] }).networkAdapters;
    expect(adapters.map((a) => a.medium)).toEqual([0x0a, 0x09]);
  });

  it('reads a hash without network adapters as having none', () => {
    expect(inventoryOf({ macs: [] }).networkAdapters).toEqual([]);
  });

  it('reads every disk serial, in order', () => {
    expect(inventoryOf({ diskSerials: ['S5GXNX0R123456', 'WD-WX12A3456789'] }).diskSerials).toEqual([
      'S5GXNX0R123456',
      'WD-WX12A3456789',
    ]);
  });

  it('lists a disk serial found in both the type-7 and the type-28 record once', () => {
    const inventory = inventoryOf({
      diskSerials: ['S5GXNX0R123456'],
      extraRecords: [{ type: 28, value: cString('S5GXNX0R123456') }],
    });
    expect(inventory.diskSerials).toEqual(['S5GXNX0R123456']);
  });

  it('reads the TPM endorsement key as the base64 of its bytes', () => {
    const tpmEk = Uint8Array.from({ length: 260 }, (_, i) => (i * 7) & 0xff);
    expect(inventoryOf({ tpmEk }).tpmEndorsementKey).toBe(Buffer.from(tpmEk).toString('base64'));
  });

  it('reads the OS build as major.minor.build.revision', () => {
    expect(inventoryOf({ osBuild: [10, 0, 26200, 7840] }).osBuild).toBe('10.0.26200.7840');
  });

  it('reads the tool build as major.minor.build.revision', () => {
    expect(inventoryOf({ toolBuild: [10, 0, 22621, 1] }).toolBuild).toBe('10.0.22621.1');
  });

  it('keeps unknown record types in its records and still verifies', () => {
    const hash = decodeOk(
      buildHash({
        extraRecords: [
          { type: 27, value: Uint8Array.of(0x1f, 0, 0x11, 0) },
          { type: 99, value: new Uint8Array(0) },
        ],
      }),
    );
    expect(hash.records.map((r) => r.type)).toEqual(expect.arrayContaining([27, 99]));
  });

  it('keeps a UTF-16LE type-30 record in its records', () => {
    const hash = decodeOk(
      buildHash({ extraRecords: [{ type: 30, value: utf16Value('Intel(R) Iris(R) Xe') }] }),
    );
    const record = hash.records.find((r) => r.type === 30);
    expect(record?.length).toBe(4 + ('Intel(R) Iris(R) Xe'.length + 1) * 2);
  });

  it('lists records with the offset and stored length of each, starting after the 4-byte header', () => {
    const hash = decodeOk(buildHash({}));
    let offset = 4;
    for (const record of hash.records) {
      expect(record.offset).toBe(offset);
      expect(hash.bytes[offset]).toBe(record.type);
      expect(hash.bytes[offset + 2]! | (hash.bytes[offset + 3]! << 8)).toBe(record.length);
      offset += record.length;
    }
    expect(offset).toBe(hash.inventoryLength);
  });

  it('reads the inventory length L from bytes 2 and 3', () => {
    const bytes = buildHashBytes({});
    expect(decodeOk(buildHash({})).inventoryLength).toBe(inventoryLengthOf(bytes));
  });
});

describe('decodeHardwareHash names each way a hash can be broken', () => {
  const valid = buildHash({});
  const L = inventoryLengthOf(buildHashBytes({}));

  it('reports empty text as empty', () => {
    expect(decode('')).toEqual({ ok: false, failure: { kind: 'empty' } });
  });

  it('reports text of only whitespace as empty', () => {
    expect(decode(' \t\r\n ')).toEqual({ ok: false, failure: { kind: 'empty' } });
  });

  it('reports a character outside base64 as not-base64 with its position and character', () => {
    const text = valid.slice(0, 100) + '!' + valid.slice(101);
    expect(decode(text)).toEqual({
      ok: false,
      failure: { kind: 'not-base64', position: 100, character: '!' },
    });
  });

  it('reports a line break inside the text as not-base64 at its position', () => {
    const text = corrupt.insertText(valid, 76, '\r\n');
    expect(decode(text)).toEqual({
      ok: false,
      failure: { kind: 'not-base64', position: 76, character: '\r' },
    });
  });

  it('reports text one character too long for base64 as a bad base64 length', () => {
    expect(decode(valid + 'A')).toEqual({ ok: false, failure: { kind: 'bad-base64-length', length: 4001 } });
  });

  it('reports fewer than four bytes as too short', () => {
    expect(decode(corrupt.truncate(valid, 3))).toEqual({
      ok: false,
      failure: { kind: 'too-short', byteLength: 3 },
    });
  });

  it('reports bytes that do not start with OA as a bad magic', () => {
    expect(decode(corrupt.badMagic(valid))).toEqual({ ok: false, failure: { kind: 'bad-magic' } });
  });

  it('reports an inventory length below the header size as a bad inventory length', () => {
    expect(decode(corrupt.badInventoryLength(valid))).toEqual({
      ok: false,
      failure: { kind: 'bad-inventory-length', inventoryLength: 2, byteLength: 3000 },
    });
  });

  it('reports a record shorter than its own header as a bad record length at its offset', () => {
    expect(decode(corrupt.badRecordLength(valid))).toEqual({
      ok: false,
      failure: { kind: 'bad-record-length', offset: 4, recordType: 1, recordLength: 2 },
    });
  });

  it('reports a record running past the inventory as a bad record length at its offset', () => {
    expect(decode(corrupt.recordPastInventory(valid))).toEqual({
      ok: false,
      failure: { kind: 'bad-record-length', offset: 4, recordType: 1, recordLength: L },
    });
  });

  it('reports bytes ending before the checksum record does as truncated, with the length needed', () => {
    expect(decode(corrupt.truncate(valid, L + 35))).toEqual({
      ok: false,
      failure: { kind: 'truncated', byteLength: L + 35, needed: L + 36 },
    });
  });

  it('reports a hash without a CS record at L as missing its checksum', () => {
    expect(decode(corrupt.removeChecksum(valid))).toEqual({
      ok: false,
      failure: { kind: 'missing-checksum', offset: L },
    });
  });

  it('reports a changed checksum byte as a checksum mismatch', () => {
    expect(decode(corrupt.flipChecksumByte(valid))).toEqual({
      ok: false,
      failure: { kind: 'checksum-mismatch' },
    });
  });

  it('reports a changed inventory byte as a checksum mismatch', () => {
    expect(decode(corrupt.flipInventoryByte(valid))).toEqual({
      ok: false,
      failure: { kind: 'checksum-mismatch' },
    });
  });

  it('decodes a hash that is sound apart from a non-zero byte in the padding', () => {
    expect(decode(corrupt.dirtyPadding(valid)).ok).toBe(true);
  });
});

describe('registrationBlocker', () => {
  it('finds nothing wrong with a hash that has a serial and a manufacturer', () => {
    expect(registrationBlocker(decodeOk(buildHash({})))).toBeUndefined();
  });

  it('reports no-serial for a sound hash without a serial record', () => {
    expect(registrationBlocker(decodeOk(buildHash({ serial: undefined })))).toEqual({ kind: 'no-serial' });
  });

  it('reports no-serial for a sound hash whose serial is blank', () => {
    expect(registrationBlocker(decodeOk(buildHash({ serial: ' ' })))).toEqual({ kind: 'no-serial' });
  });

  it('reports no-manufacturer for a sound hash without a manufacturer record', () => {
    expect(registrationBlocker(decodeOk(buildHash({ manufacturer: undefined })))).toEqual({
      kind: 'no-manufacturer',
    });
  });

  it('reports no-serial first when both serial and manufacturer are missing', () => {
    const hash = decodeOk(buildHash({ serial: undefined, manufacturer: undefined }));
    expect(registrationBlocker(hash)).toEqual({ kind: 'no-serial' });
  });
});

describe('decodeHardwareHash on text that was damaged harmlessly', () => {
  it('verifies a hash whose two padding characters were lost and says it was repadded', () => {
    const padded = buildHash({ bufferLength: 3001 });
    expect(padded.endsWith('==')).toBe(true);
    const hash = decodeOk(corrupt.dropPadding(padded));
    expect(hash.repadded).toBe(true);
  });

  it('verifies a hash whose one padding character was lost and says it was repadded', () => {
    const padded = buildHash({ bufferLength: 3002 });
    expect(padded.endsWith('=') && !padded.endsWith('==')).toBe(true);
    expect(decodeOk(corrupt.dropPadding(padded)).repadded).toBe(true);
  });

  it('does not report repadding for a hash that kept its padding', () => {
    expect(decodeOk(buildHash({ bufferLength: 3001 })).repadded).toBe(false);
  });

  it('ignores whitespace and line breaks around the text', () => {
    const text = buildHash({});
    expect(contentOf(decodeOk(` \t${text}\r\n`))).toEqual(contentOf(decodeOk(text)));
  });

  it('ignores a byte-order mark left in front of the text by a CSV reader', () => {
    const text = buildHash({});
    expect(contentOf(decodeOk(`\uFEFF${text}`))).toEqual(contentOf(decodeOk(text)));
  });
});

/** What a decoded hash says, without where its bytes happen to be stored. */
function contentOf(hash: DecodedHardwareHash) {
  return {
    bytes: [...hash.bytes],
    byteLength: hash.byteLength,
    inventoryLength: hash.inventoryLength,
    repadded: hash.repadded,
    inventory: hash.inventory,
    records: hash.records,
  };
}

describe('the bytes of a decoded hash', () => {
  it('leave out the zero padding after the checksum record', () => {
    const original = buildHashBytes({});
    const L = inventoryLengthOf(original);
    expect(decodeOk(buildHash({})).bytes).toEqual(original.subarray(0, L + 36));
  });

  it('keep the full buffer length in byteLength', () => {
    expect(decodeOk(buildHash({ bufferLength: 4096 })).byteLength).toBe(4096);
  });

  it('are restored with their padding by fullHashBytes', () => {
    expect(fullHashBytes(decodeOk(buildHash({})))).toEqual(buildHashBytes({}));
  });

  it('re-encode through fullHashBytes to the exact original text', () => {
    const text = buildHash({ nonce: 7 });
    expect(encodeBase64(fullHashBytes(decodeOk(text)))).toBe(text);
  });

  it('re-encode through fullHashBytes to the exact original text when the padding holds a non-zero byte', () => {
    const text = corrupt.dirtyPadding(buildHash({}));
    expect(encodeBase64(fullHashBytes(decodeOk(text)))).toBe(text);
  });

  it('re-encode through fullHashBytes with the padding characters a repadded hash had lost', () => {
    const padded = buildHash({ bufferLength: 3001 });
    expect(encodeBase64(fullHashBytes(decodeOk(corrupt.dropPadding(padded))))).toBe(padded);
  });
});

describe('hardwareFingerprint', () => {
  function fingerprint(spec: HashSpec): string {
    return hardwareFingerprint(decodeOk(buildHash(spec)), nodeSha256);
  }

  it('is 64 lower-case hex characters', () => {
    expect(fingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is equal for two hashes of the same hardware whose texts differ only by the tool/OS record', () => {
    expect(buildHash({ nonce: 1 })).not.toBe(buildHash({ nonce: 2 }));
    expect(fingerprint({ nonce: 1 })).toBe(fingerprint({ nonce: 2 }));
  });

  it('is equal for the same hardware after a Windows update changed the OS build', () => {
    expect(fingerprint({ osBuild: [10, 0, 26100, 1] })).toBe(fingerprint({ osBuild: [10, 0, 26200, 7840] }));
  });

  it('differs when one MAC address differs', () => {
    expect(fingerprint({ macs: ['00:11:22:33:44:55'] })).not.toBe(
      fingerprint({ macs: ['00:11:22:33:44:56'] }),
    );
  });

  it('differs when a disk serial differs', () => {
    expect(fingerprint({ diskSerials: ['DISK-A'] })).not.toBe(fingerprint({ diskSerials: ['DISK-B'] }));
  });

  it('differs when the serial differs', () => {
    expect(fingerprint({ serial: 'PF3ABCDE' })).not.toBe(fingerprint({ serial: 'PF3ABCDF' }));
  });
});

describe('decodeHardwareHash properties', () => {
  /** Text arbitrary enough to hit every path: any code point, or base64 letters mixed with the usual damage. */
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'binary', maxLength: 5000, size: 'max' }),
    fc.string({ unit: fc.constantFrom(...'T0FBAQ+/=Ａé \r\n'.split('')), maxLength: 200, size: 'max' }),
  );
  const validText = buildHash({});
  /** A valid hash text with a run of characters replaced, inserted or removed somewhere. */
  const damagedHash = fc
    .tuple(
      fc.integer({ min: 0, max: validText.length }),
      fc.integer({ min: 0, max: 8 }),
      fc.string({ unit: fc.constantFrom(...'AZaz09+/= \r\nＡ'.split('')), maxLength: 8 }),
    )
    .map(([at, removed, inserted]) => validText.slice(0, at) + inserted + validText.slice(at + removed));

  it('never throws on any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof decode(text).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on a valid hash text with characters replaced, inserted or removed', () => {
    fc.assert(
      fc.property(damagedHash, (text) => {
        expect(typeof decode(text).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on the base64 of any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array(), fc.uint8Array({ maxLength: 3100, size: 'max' })), (bytes) => {
        expect(typeof decode(Buffer.from(bytes).toString('base64')).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on any bytes that start with OA and a plausible inventory length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.uint8Array({ maxLength: 800, size: 'max' }),
        (L, rest) => {
          const bytes = Uint8Array.of(0x4f, 0x41, L & 0xff, L >> 8, ...rest);
          expect(typeof decode(Buffer.from(bytes).toString('base64')).ok).toBe('boolean');
        },
      ),
    );
  });

  it('rejects any single changed byte before the end of the checksum and accepts one in the padding', () => {
    const original = buildHashBytes({});
    const end = inventoryLengthOf(original) + 36;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: original.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (index, mask) => {
          const bytes = original.slice();
          flipBits(bytes, index, mask);
          const result = decode(Buffer.from(bytes).toString('base64'));
          expect(result.ok).toBe(index >= end);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads back the trimmed text of any field strings it was built from', () => {
    const field = fc.option(
      fc.string({ unit: 'binary', maxLength: 40, size: 'max' }).map((s) => s.replace(/\0/g, '')),
      { nil: undefined },
    );
    const expected = (s: string | undefined): string | undefined => s?.trim() || undefined;
    fc.assert(
      fc.property(
        fc.record({
          serial: field,
          manufacturer: field,
          model: field,
          sku: field,
          family: field,
          productKeyId: field,
          tpmVersion: field,
        }),
        (spec) => {
          const inventory = inventoryOf(spec);
          expect({
            serial: inventory.serial,
            manufacturer: inventory.manufacturer,
            model: inventory.model,
            sku: inventory.sku,
            family: inventory.family,
            productKeyId: inventory.productKeyId,
            tpmVersion: inventory.tpmVersion,
          }).toEqual({
            serial: expected(spec.serial),
            manufacturer: expected(spec.manufacturer),
            model: expected(spec.model),
            sku: expected(spec.sku),
            family: expected(spec.family),
            productKeyId: expected(spec.productKeyId),
            tpmVersion: expected(spec.tpmVersion),
          });
        },
      ),
    );
  });

  it('reads back any UUID, MAC addresses and disk serials it was built from', () => {
    const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
    const guidText = fc
      .uint8Array({ minLength: 16, maxLength: 16 })
      .map((b) => hex(b).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'));
    const macText = fc
      .uint8Array({ minLength: 6, maxLength: 6 })
      .map((b) => hex(b).replace(/(..)(?!$)/g, '$1:'));
    const diskSerial = fc.stringMatching(/^[A-Z0-9_.-]{1,30}$/);
    fc.assert(
      fc.property(
        guidText,
        fc.array(macText, { maxLength: 4 }),
        fc.uniqueArray(diskSerial, { maxLength: 4 }),
        (uuid, macs, diskSerials) => {
          const inventory = inventoryOf({ uuid, macs, diskSerials });
          expect(inventory.smbiosUuid).toBe(uuid);
          expect(inventory.networkAdapters.map((a) => a.mac)).toEqual(macs);
          expect(inventory.diskSerials).toEqual(diskSerials);
        },
      ),
    );
  });
});
