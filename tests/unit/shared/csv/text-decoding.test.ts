import { describe, expect, it } from 'vitest';
import { nodeDecodeAscii } from '../../../../electron/platform/sha256';
import { StreamingTextDecoder, fileSignature } from '../../../../shared/csv/text-decoding';
import type { TextEncodingName } from '../../../../shared/csv/text-decoding';
import { SHIFT_JIS_CODES, encodeShiftJis } from '../../../support/shift-jis';
import { chunksOf, concatBytes, encodeAs, splitAt } from '../../../support/text-bytes';
import type { WrittenEncoding } from '../../../support/text-bytes';

interface Decoded {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly replaced: boolean;
}

type AsciiShortcut = (bytes: Uint8Array) => string | undefined;

function decodeChunks(chunks: readonly Uint8Array[], decodeAscii?: AsciiShortcut): Decoded {
  const decoder = new StreamingTextDecoder(decodeAscii);
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk);
  text += decoder.end();
  return { text, encoding: decoder.encoding, replaced: decoder.replacedCharacters };
}

function decodeWhole(bytes: Uint8Array): Decoded {
  return decodeChunks([bytes]);
}

/** Every way of cutting `bytes` in two, plus one-byte chunks: the cases where a chunk ends mid-character. */
function everySplit(bytes: Uint8Array): Uint8Array[][] {
  const splits: Uint8Array[][] = [];
  for (let i = 0; i <= bytes.length; i++) splits.push(splitAt(bytes, [i]));
  splits.push(chunksOf(bytes, 1));
  splits.push(chunksOf(bytes, 3));
  return splits;
}

/**
 * Decodes every split (with `decodeAscii` when given) and returns those that differ from the whole decoded
 * without it, described for a readable failure.
 */
function splitsThatDiffer(bytes: Uint8Array, decodeAscii?: AsciiShortcut): string[] {
  const whole = decodeWhole(bytes);
  const differing: string[] = [];
  for (const chunks of everySplit(bytes)) {
    const result = decodeChunks(chunks, decodeAscii);
    if (
      result.text !== whole.text ||
      result.encoding !== whole.encoding ||
      result.replaced !== whole.replaced
    ) {
      differing.push(`${chunks.map((c) => c.length).join('+')}: ${JSON.stringify(result)}`);
    }
  }
  return differing;
}

/** A hash CSV with a Japanese group tag, in characters every candidate encoding can carry. */
const JAPANESE_CSV =
  'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag\r\nPF3ABCDE,,T0FBQQ==,東京営業部テスト\r\n';
const ASCII_CSV =
  'Device Serial Number,Windows Product ID,Hardware Hash\r\nPF3ABCDE,3305404496774,T0FBQQ==\r\n';

const ENCODINGS: readonly [WrittenEncoding, TextEncodingName][] = [
  ['utf-8', 'utf-8'],
  ['utf-8-bom', 'utf-8'],
  ['utf-16le-bom', 'utf-16le'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be-bom', 'utf-16be'],
  ['shift_jis', 'shift_jis'],
];

describe('the hand-built Shift_JIS test bytes', () => {
  it.each(Object.entries(SHIFT_JIS_CODES))('decode %s back with Node’s Shift_JIS decoder', (ch, code) => {
    expect(new TextDecoder('shift_jis').decode(Uint8Array.from(code))).toBe(ch);
  });
});

describe('StreamingTextDecoder', () => {
  it.each(ENCODINGS)('decodes a %s file to the same text', (written, _name) => {
    expect(decodeWhole(encodeAs(written, JAPANESE_CSV)).text).toBe(JAPANESE_CSV);
  });

  it.each(ENCODINGS)('reports the encoding of a %s file as %s', (written, name) => {
    expect(decodeWhole(encodeAs(written, JAPANESE_CSV)).encoding).toBe(name);
  });

  it.each(['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom'] as const)(
    'strips the byte-order mark of a %s file',
    (written) => {
      expect(decodeWhole(encodeAs(written, ASCII_CSV)).text.startsWith('Device')).toBe(true);
    },
  );

  it('reads plain ASCII as UTF-8 without replacing anything', () => {
    expect(decodeWhole(encodeAs('utf-8', ASCII_CSV))).toEqual({
      text: ASCII_CSV,
      encoding: 'utf-8',
      replaced: false,
    });
  });

  it('reads an empty file as empty text', () => {
    expect(decodeWhole(new Uint8Array(0)).text).toBe('');
  });

  it('reads a file shorter than a byte-order mark', () => {
    expect(decodeWhole(encodeAs('utf-8', 'a,b')).text).toBe('a,b');
  });

  it('reads a file that is only a UTF-16LE byte-order mark as empty text', () => {
    expect(decodeWhole(Uint8Array.from([0xff, 0xfe])).text).toBe('');
  });

  it.each(ENCODINGS)('gives the same text for a %s file cut at every byte position', (written) => {
    expect(splitsThatDiffer(encodeAs(written, JAPANESE_CSV))).toEqual([]);
  });

  it.each(ENCODINGS)(
    'gives the same text for a %s file cut at every byte position with the native ASCII shortcut',
    (written) => {
      expect(splitsThatDiffer(encodeAs(written, JAPANESE_CSV), nodeDecodeAscii)).toEqual([]);
    },
  );

  it.each(['utf-8', 'utf-8-bom'] as const)(
    'gives the same text for an ASCII %s file cut at every byte position with the native ASCII shortcut',
    (written) => {
      expect(splitsThatDiffer(encodeAs(written, ASCII_CSV), nodeDecodeAscii)).toEqual([]);
    },
  );

  it('gives the same text when a chunk ends inside a UTF-8 byte-order mark', () => {
    const bytes = encodeAs('utf-8-bom', ASCII_CSV);
    expect(decodeChunks(splitAt(bytes, [1, 2])).text).toBe(ASCII_CSV);
  });

  it('gives the same text when chunks end inside a UTF-16 code unit', () => {
    const bytes = encodeAs('utf-16le-bom', JAPANESE_CSV);
    expect(decodeChunks(chunksOf(bytes, 5)).text).toBe(JAPANESE_CSV);
  });

  it('detects a Shift_JIS file even when its first non-ASCII byte arrives in a later chunk', () => {
    const bytes = encodeAs('shift_jis', JAPANESE_CSV);
    const decoded = decodeChunks(chunksOf(bytes, 16));
    expect([decoded.text, decoded.encoding]).toEqual([JAPANESE_CSV, 'shift_jis']);
  });

  it('gives the same text when a chunk ends after a Shift_JIS lead byte that is also a UTF-8 lead byte (熙, 0xEA 0xA4)', () => {
    // 0xEA starts a UTF-8 three-byte sequence and 0xA4 continues it: UTF-8 only fails at the next byte.
    const text = 'Device Serial Number,Group Tag\r\nPF3ABCDE,熙\r\n';
    const bytes = encodeShiftJis(text);
    const lead = bytes.indexOf(0xea);
    expect(decodeChunks(splitAt(bytes, [lead + 1])).text).toBe(text);
  });

  it('reads early half-width katakana that are also valid UTF-8 the same when Shift_JIS shows only in a later chunk', () => {
    // ﾃｽ is 0xC3 0xBD, valid UTF-8 for ý; テ (0x83 0x65) two lines later cannot be UTF-8.
    const text = 'Group Tag\r\nﾃｽ\r\nテスト\r\n';
    const bytes = encodeShiftJis(text);
    const whole = decodeWhole(bytes);
    expect([whole.text, decodeChunks(splitAt(bytes, [bytes.indexOf(0x83)])).text]).toEqual([text, text]);
  });

  it('replaces bytes that no candidate encoding can decode with U+FFFD', () => {
    const bytes = concatBytes(encodeAs('utf-8', 'abc'), Uint8Array.from([0xff]), encodeAs('utf-8', 'def'));
    expect(decodeWhole(bytes).text).toBe('abc\uFFFDdef');
  });

  it('says when it replaced undecodable bytes', () => {
    const bytes = concatBytes(encodeAs('utf-8', 'abc'), Uint8Array.from([0xff]), encodeAs('utf-8', 'def'));
    expect(decodeWhole(bytes).replaced).toBe(true);
  });

  it('keeps the Shift_JIS text around an undecodable byte', () => {
    const bytes = concatBytes(encodeShiftJis('テスト'), Uint8Array.from([0xff]), encodeShiftJis('部'));
    expect(decodeWhole(bytes).text).toBe('テスト\uFFFD部');
  });

  it('gives the same text for every cut of a Shift_JIS file with an undecodable byte', () => {
    const bytes = concatBytes(encodeShiftJis('a,テスト'), Uint8Array.from([0xff]), encodeShiftJis('部\r\n'));
    expect(splitsThatDiffer(bytes)).toEqual([]);
  });

  it('gives the same text for every cut of a UTF-16LE file with a lone surrogate', () => {
    const bytes = concatBytes(
      encodeAs('utf-16le-bom', 'ab'),
      Uint8Array.from([0x00, 0xdc]),
      encodeAs('utf-16le', 'cd'),
    );
    expect(splitsThatDiffer(bytes)).toEqual([]);
  });

  it('does not throw at the end of a UTF-8 file cut off inside a multi-byte character', () => {
    const bytes = concatBytes(encodeAs('utf-8', 'a,b\r\nc,'), Uint8Array.from([0xe3, 0x81]));
    expect(() => decodeWhole(bytes)).not.toThrow();
  });

  it('does not throw at the end of a UTF-16LE file with an odd number of bytes', () => {
    const bytes = concatBytes(encodeAs('utf-16le-bom', 'a,b'), Uint8Array.from([0x63]));
    expect(() => decodeWhole(bytes)).not.toThrow();
  });

  it('marks a file cut off inside a character as having replaced characters', () => {
    const bytes = concatBytes(encodeAs('utf-16le-bom', 'a,b'), Uint8Array.from([0x63]));
    expect(decodeWhole(bytes).replaced).toBe(true);
  });
});

describe('fileSignature', () => {
  it('recognises an .xlsx workbook by its ZIP signature', () => {
    expect(fileSignature(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe('xlsx');
  });

  it('recognises an old .xls workbook by its compound-file signature', () => {
    expect(fileSignature(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
  });

  it('calls CSV text text', () => {
    expect(fileSignature(encodeAs('utf-16le-bom', ASCII_CSV))).toBe('text');
  });

  it('calls fewer bytes than a signature text', () => {
    expect(fileSignature(Uint8Array.from([0x50, 0x4b]))).toBe('text');
  });
});
