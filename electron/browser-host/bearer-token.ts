/**
 * The browser host's per-start secret: generated fresh each start, carried to the page in the URL fragment
 * (never sent to the server by the browser) and sent back on every API call as a bearer token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: safe in a URL fragment and in a header without escaping. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A caller-chosen token must be as safe in the URL and header as a generated one, and not guessable. */
export function isAcceptableToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,512}$/.test(token);
}

/**
 * Compares in constant time. Both sides are hashed first so the comparison takes the same time whatever
 * the lengths (timingSafeEqual itself throws on unequal lengths, and an early length check would leak it).
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other shape. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1];
}
