import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../shared/base64';

function nodeBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

describe('decodeBase64', () => {
  it('decodes padded text to the same bytes as Node', () => {
    const text = 'T0EBAgP/7+A=';
    expect(decodeBase64(text)).toEqual({ ok: true, bytes: nodeBytes(text), repadded: false });
  });

  it('decodes text with two padding characters to the same bytes as Node', () => {
    const text = Buffer.from('hash!').toString('base64');
    expect(text.endsWith('=')).toBe(true);
    expect(decodeBase64(text)).toEqual({ ok: true, bytes: nodeBytes(text), repadded: false });
  });

  it('decodes every alphabet character to the same bytes as Node', () => {
    const text = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const result = decodeBase64(text);
    expect(result).toEqual({ ok: true, bytes: nodeBytes(text), repadded: false });
  });

  it('adds one missing padding character and says so', () => {
    expect(decodeBase64('T0EBAgP/7+A')).toEqual({
      ok: true,
      bytes: nodeBytes('T0EBAgP/7+A='),
      repadded: true,
    });
  });

  it('adds two missing padding characters and says so', () => {
    expect(decodeBase64('T0EBAgP/7w')).toEqual({
      ok: true,
      bytes: nodeBytes('T0EBAgP/7w=='),
      repadded: true,
    });
  });

  it('does not report repadding when the text needs no padding', () => {
    const result = decodeBase64('T0EB');
    expect(result.ok && result.repadded).toBe(false);
  });

  it('rejects empty text as empty', () => {
    expect(decodeBase64('')).toEqual({ ok: false, failure: { kind: 'empty' } });
  });

  it('reports an equals sign in the middle with its position', () => {
    expect(decodeBase64('T0EB=gP/')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 4, character: '=' },
    });
  });

  it('reports an equals sign inside a padded last group with its position', () => {
    expect(decodeBase64('T0EBA=A=')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 5, character: '=' },
    });
  });

  it('reports a space inside the text with its position', () => {
    expect(decodeBase64('T0EB AP/')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 4, character: ' ' },
    });
  });

  it('reports a line break inside the text with its position', () => {
    expect(decodeBase64('T0EB\r\nAgP/')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 4, character: '\r' },
    });
  });

  it('reports surrounding whitespace as a bad character because trimming is the caller’s job', () => {
    expect(decodeBase64(' T0EB  ')).toMatchObject({
      ok: false,
      failure: { kind: 'bad-character', position: 0 },
    });
  });

  it('reports a full-width letter with its position', () => {
    expect(decodeBase64('T0EBＡgP/')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 4, character: 'Ａ' },
    });
  });

  it('reports a non-ASCII letter in the unpadded last group with its position', () => {
    expect(decodeBase64('T0EBAé')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 5, character: 'é' },
    });
  });

  it('reports URL-safe base64 characters as bad characters', () => {
    expect(decodeBase64('T0EB-_P/')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 4, character: '-' },
    });
  });

  it('reports the first of several bad characters', () => {
    expect(decodeBase64('T0EBAgP/A!B?')).toMatchObject({
      ok: false,
      failure: { position: 9, character: '!' },
    });
  });

  it('rejects a length that leaves one character over as a bad length', () => {
    expect(decodeBase64('T0EBA')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 5 } });
  });

  it('rejects a single character as a bad length', () => {
    expect(decodeBase64('T')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 1 } });
  });

  it('rejects padding after a complete group as a bad length', () => {
    expect(decodeBase64('T0EB==')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 6 } });
  });

  it('rejects two padding characters after three data characters as a bad length', () => {
    expect(decodeBase64('T0E==')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 5 } });
  });

  it('rejects one padding character after two data characters as a bad length', () => {
    expect(decodeBase64('T0=')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 3 } });
  });

  it('rejects padding alone as a bad length', () => {
    expect(decodeBase64('==')).toEqual({ ok: false, failure: { kind: 'bad-length', length: 2 } });
  });

  it('rejects three padding characters as a bad character at the first one that is not padding', () => {
    expect(decodeBase64('T===')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 1, character: '=' },
    });
  });

  it('reports a space that makes the length wrong as a bad character at its position, not a bad length', () => {
    // One stray character in a 4,000-character hash makes 4,001: the character is the cause worth naming.
    expect(decodeBase64('T0EBAgP/ T0EB')).toEqual({
      ok: false,
      failure: { kind: 'bad-character', position: 8, character: ' ' },
    });
  });
});

describe('encodeBase64', () => {
  it('encodes no bytes as empty text', () => {
    expect(encodeBase64(new Uint8Array(0))).toBe('');
  });

  it('encodes one byte with two padding characters', () => {
    expect(encodeBase64(Uint8Array.of(0x4f))).toBe('Tw==');
  });

  it('encodes two bytes with one padding character', () => {
    expect(encodeBase64(Uint8Array.of(0x4f, 0x41))).toBe('T0E=');
  });

  it('encodes a buffer larger than its internal chunk like Node does', () => {
    const bytes = Uint8Array.from({ length: 3 * 4096 * 2 + 2 }, (_, i) => (i * 131) & 0xff);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('base64 properties', () => {
  // fast-check keeps lengths small by default; mix in lengths up to a whole hash and beyond.
  const anyBytes = (minLength: number, maxLength: number) =>
    fc.oneof(
      fc.uint8Array({ minLength, maxLength: 12 }),
      fc.uint8Array({ minLength, maxLength, size: 'max' }),
    );
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'binary', maxLength: 200, size: 'max' }),
    fc.string({
      unit: fc.constantFrom(...'ABCXYZabcxyz0189+/= \r\nＡé-_'.split('')),
      maxLength: 200,
      size: 'max',
    }),
  );

  it('decodes what it encodes, for any bytes', () => {
    fc.assert(
      fc.property(anyBytes(0, 3100), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(
          bytes.length === 0
            ? { ok: false, failure: { kind: 'empty' } }
            : { ok: true, bytes, repadded: false },
        );
      }),
    );
  });

  it('encodes any bytes exactly as Node does', () => {
    fc.assert(
      fc.property(anyBytes(0, 3100), (bytes) => {
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('decodes Node’s encoding of any non-empty bytes to those bytes', () => {
    fc.assert(
      fc.property(anyBytes(1, 3100), (bytes) => {
        const result = decodeBase64(Buffer.from(bytes).toString('base64'));
        expect(result.ok && result.bytes).toEqual(bytes);
      }),
    );
  });

  it('decodes any unpadded encoding to the same bytes and reports repadding exactly when padding was cut', () => {
    fc.assert(
      fc.property(anyBytes(1, 300), (bytes) => {
        const full = Buffer.from(bytes).toString('base64');
        const cut = full.replace(/=+$/, '');
        expect(decodeBase64(cut)).toEqual({ ok: true, bytes, repadded: cut !== full });
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = decodeBase64(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('reports a bad character at a position that holds exactly that character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = decodeBase64(text);
        if (!result.ok && result.failure.kind === 'bad-character') {
          expect(text.charAt(result.failure.position)).toBe(result.failure.character);
        }
      }),
    );
  });
});
