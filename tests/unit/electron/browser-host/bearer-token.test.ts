import * as crypto from 'node:crypto';
import type * as NodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  bearerToken,
  generateToken,
  isAcceptableToken,
  tokensEqual,
} from '../../../../electron/browser-host/bearer-token';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe('tokensEqual', () => {
  it('accepts the same token', () => {
    expect(tokensEqual('A'.repeat(43), 'A'.repeat(43))).toBe(true);
  });

  it('refuses a token that differs in its last character', () => {
    expect(tokensEqual(`${'A'.repeat(42)}B`, 'A'.repeat(43))).toBe(false);
  });

  it('refuses a token of another length without throwing', () => {
    expect(tokensEqual('A', 'A'.repeat(43))).toBe(false);
    expect(tokensEqual('', 'A'.repeat(43))).toBe(false);
  });

  it('decides through crypto.timingSafeEqual on equal-length digests', () => {
    const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
    timingSafeEqual.mockClear();
    tokensEqual('short', 'a much longer expected token');
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0] ?? [];
    expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer authorization header', () => {
    expect(bearerToken('Bearer abc_DEF-123')).toBe('abc_DEF-123');
  });

  it('reads the scheme case-insensitively', () => {
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it('finds no token in another scheme, an empty header or no header', () => {
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('generateToken', () => {
  it('makes 32 random bytes as 43 base64url characters, different each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(generateToken()).not.toBe(a);
  });
});

describe('isAcceptableToken', () => {
  it('accepts a generated token', () => {
    expect(isAcceptableToken(generateToken())).toBe(true);
  });

  it('refuses a short token or one with characters that need escaping in a URL', () => {
    expect(isAcceptableToken('abc')).toBe(false);
    expect(isAcceptableToken('abcdefghijklmnop&q=1')).toBe(false);
  });
});
