// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILES, MAX_IMPORT_TOTAL_BASE64 } from '../../../../../shared/api/harvester-api';
import {
  BASE64_CHUNK_BYTES,
  MAX_IMPORT_TOTAL_BYTES,
  base64Length,
  bytesToBase64,
  importFileName,
  importLimitProblem,
  readBlobBytes,
} from '../../../../../renderer/screens/import/file-reading';
import { encodeShiftJis } from '../../../../support/shift-jis';
import { utf16leBomBytes } from '../../../../support/text-bytes';

const nodeBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Bytes that look like nothing in particular, the same on every run. */
function noise(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('bytesToBase64', () => {
  it('encodes ASCII text as standard base64 with padding', () => {
    expect(bytesToBase64(new TextEncoder().encode('Serial,Hash\r\n'))).toBe('U2VyaWFsLEhhc2gNCg==');
  });

  it('passes Shift-JIS bytes through untouched', () => {
    const bytes = encodeShiftJis('Device Serial Number,Group Tag\r\n5CG1,東京営業部\r\n');
    expect(bytesToBase64(bytes)).toBe(nodeBase64(bytes));
  });

  it('passes UTF-16 with its byte order mark through untouched', () => {
    const bytes = utf16leBomBytes('Device Serial Number\r\nテスト\r\n');
    expect(bytesToBase64(bytes).startsWith('//5E')).toBe(true);
    expect(bytesToBase64(bytes)).toBe(nodeBase64(bytes));
  });

  it('encodes every byte value, the high half included', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(nodeBase64(all));
  });

  it.each([1, 2, 3])('joins chunks correctly when the input is %i byte(s) past a chunk boundary', (extra) => {
    const bytes = noise(BASE64_CHUNK_BYTES + extra);
    expect(bytesToBase64(bytes)).toBe(nodeBase64(bytes));
  });

  it('encodes a file of several megabytes without overflowing the stack', () => {
    const bytes = noise(5 * 1024 * 1024 + 1);
    expect(bytesToBase64(bytes)).toBe(nodeBase64(bytes));
  });

  it('gives an empty string for an empty file', () => {
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
});

describe('base64Length', () => {
  it.each([0, 1, 2, 3, 4, 100, BASE64_CHUNK_BYTES + 1])('predicts the base64 length of %i bytes', (n) => {
    expect(base64Length(n)).toBe(bytesToBase64(noise(n)).length);
  });
});

describe('readBlobBytes', () => {
  it('reads a chosen file byte for byte', async () => {
    const bytes = encodeShiftJis('テスト,ﾃｽ\r\n');
    const file = new File([Uint8Array.from(bytes)], 'sjis.csv');
    expect(Array.from(await readBlobBytes(file))).toEqual(Array.from(bytes));
  });

  it('falls back to FileReader where a Blob has no arrayBuffer()', async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x0d, 0x00]);
    const file = new File([bytes], 'old.csv');
    Object.defineProperty(file, 'arrayBuffer', { value: undefined });
    expect(Array.from(await readBlobBytes(file))).toEqual(Array.from(bytes));
  });
});

describe('importLimitProblem', () => {
  const files = (count: number, size = 1000) =>
    Array.from({ length: count }, (_, i) => ({ name: `batch-${i + 1}.csv`, size }));

  it(`accepts ${MAX_IMPORT_FILES} files`, () => {
    expect(importLimitProblem(files(MAX_IMPORT_FILES))).toBeNull();
  });

  it('refuses one file more than a check takes, saying how many there are and may be', () => {
    expect(importLimitProblem(files(MAX_IMPORT_FILES + 1))).toEqual({
      kind: 'too-many-files',
      count: MAX_IMPORT_FILES + 1,
      max: MAX_IMPORT_FILES,
    });
  });

  it('accepts files whose base64 comes to exactly the limit', () => {
    expect(importLimitProblem([{ name: 'a.csv', size: MAX_IMPORT_TOTAL_BYTES }])).toBeNull();
    expect(base64Length(MAX_IMPORT_TOTAL_BYTES)).toBeLessThanOrEqual(MAX_IMPORT_TOTAL_BASE64);
  });

  it('refuses files that together are over the base64 limit', () => {
    const half = Math.ceil(MAX_IMPORT_TOTAL_BYTES / 2) + 3;
    expect(
      importLimitProblem([
        { name: 'a.csv', size: half },
        { name: 'b.csv', size: half },
      ]),
    ).toEqual({
      kind: 'too-large',
      bytes: 2 * half,
      maxBytes: MAX_IMPORT_TOTAL_BYTES,
    });
  });

  it('names a single file that is over the limit on its own', () => {
    expect(
      importLimitProblem([
        { name: 'small.csv', size: 10 },
        { name: 'whole-site.csv', size: MAX_IMPORT_TOTAL_BYTES + 3 },
      ]),
    ).toMatchObject({ kind: 'file-too-large', name: 'whole-site.csv' });
  });
});

describe('importFileName', () => {
  it('keeps an ordinary Japanese file name as it is', () => {
    expect(importFileName('東京営業部_ハッシュ.csv')).toBe('東京営業部_ハッシュ.csv');
  });

  it('replaces control characters the contract refuses', () => {
    expect(importFileName('a\tb\u0000.csv')).toBe('a b .csv');
  });

  it('shortens a name longer than 260 characters without splitting a character', () => {
    const name = `${'a'.repeat(259)}😀.csv`;
    const sent = importFileName(name);
    expect(sent.length).toBeLessThanOrEqual(260);
    expect(sent).toBe('a'.repeat(259));
  });
});
