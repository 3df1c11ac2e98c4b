import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeDecodeAscii, nodeDecodeBase64, nodeSha256 } from '../../../../electron/platform/sha256';
import { decodeBase64 } from '../../../../shared/base64';
import { buildHash } from '../../../support/hash-builder';

describe('nodeSha256', () => {
  it('gives the SHA-256 digest of the bytes', () => {
    const data = new TextEncoder().encode('OA');
    expect(Buffer.from(nodeSha256(data)).toString('hex')).toBe(
      createHash('sha256').update(data).digest('hex'),
    );
  });
});

describe('nodeDecodeBase64', () => {
  it('decodes a hash to the same bytes as the strict decoder', () => {
    const hash = buildHash({});
    const strict = decodeBase64(hash);
    expect(strict.ok).toBe(true);
    expect([...nodeDecodeBase64(hash)!]).toEqual(strict.ok ? [...strict.bytes] : []);
  });

  it('returns a plain Uint8Array, not a Buffer', () => {
    expect(Object.getPrototypeOf(nodeDecodeBase64('T0E=')!)).toBe(Uint8Array.prototype);
  });

  it.each([
    ['a space inside', 'T0EB AgMA'],
    ['a line break inside', 'T0EB\nAgMA'],
    ['a character outside base64', 'T0EB!gMA'],
    ['URL-safe characters', 'T0EB-_MA'],
    ['missing padding', 'T0EBAg'],
    ['padding in the middle', 'T0=BAgMA'],
  ])('leaves text with %s to the strict decoder', (_name, text) => {
    expect(nodeDecodeBase64(text)).toBeUndefined();
  });
});

describe('nodeDecodeAscii', () => {
  it('returns the text of ASCII bytes', () => {
    expect(nodeDecodeAscii(new TextEncoder().encode('Device Serial Number\r\n'))).toBe(
      'Device Serial Number\r\n',
    );
  });

  it('declines bytes that are not all ASCII', () => {
    expect(nodeDecodeAscii(new TextEncoder().encode('株式会社'))).toBeUndefined();
  });
});
