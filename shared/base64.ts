/**
 * Strict standard base64 (RFC 4648 §4) that works the same in Node and the browser.
 *
 * Node's Buffer decoder silently skips characters it does not know, which would let a damaged hash through;
 * this one stops at the first bad character and says where it is.
 */

export type Base64Failure =
  | { readonly kind: 'empty' }
  | { readonly kind: 'bad-character'; readonly position: number; readonly character: string }
  | { readonly kind: 'bad-length'; readonly length: number };

export type Base64Result =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      /** Padding was missing and has been added (a pasted hash often loses its `=`). */
      readonly repadded: boolean;
    }
  | { readonly ok: false; readonly failure: Base64Failure };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INVALID = 255;
const DECODE = new Uint8Array(128).fill(INVALID);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? DECODE[code]! : INVALID;
}

/** Position of the first character that is neither base64 nor allowed padding, or -1. */
function firstBadCharacter(text: string, end: number): number {
  for (let i = 0; i < end; i++) if (valueAt(text, i) === INVALID) return i;
  return -1;
}

/**
 * Decodes base64 text. Surrounding whitespace is the caller's business (trim first); whitespace inside is an
 * error, because a hash never contains any and its presence means the text was damaged on the way.
 */
export function decodeBase64(text: string): Base64Result {
  let end = text.length;
  if (end === 0) return { ok: false, failure: { kind: 'empty' } };
  let padding = 0;
  while (end > 0 && padding < 2 && text.charCodeAt(end - 1) === 61 /* = */) {
    end--;
    padding++;
  }
  const remainder = end % 4;
  if ((padding > 0 && (end + padding) % 4 !== 0) || remainder === 1) {
    // A stray character often makes the length wrong too: name the character, which the user can find.
    const at = firstBadCharacter(text, end);
    if (at >= 0) return { ok: false, failure: badCharacter(text, at) };
    return { ok: false, failure: { kind: 'bad-length', length: text.length } };
  }
  const repadded = padding === 0 && remainder !== 0;

  const fullGroups = (end - remainder) >> 2;
  const byteLength = fullGroups * 3 + (remainder === 0 ? 0 : remainder - 1);
  const bytes = new Uint8Array(byteLength);
  let out = 0;
  let i = 0;
  const groupsEnd = fullGroups * 4;
  while (i < groupsEnd) {
    const a = valueAt(text, i);
    const b = valueAt(text, i + 1);
    const c = valueAt(text, i + 2);
    const d = valueAt(text, i + 3);
    // Every valid value is below 64, so the OR reaches 255 only when one of them is INVALID.
    if ((a | b | c | d) === INVALID) {
      const at = firstBadCharacter(text, end);
      return { ok: false, failure: badCharacter(text, at < 0 ? i : at) };
    }
    bytes[out++] = (a << 2) | (b >> 4);
    bytes[out++] = ((b & 15) << 4) | (c >> 2);
    bytes[out++] = ((c & 3) << 6) | d;
    i += 4;
  }
  if (remainder > 0) {
    const a = valueAt(text, i);
    const b = valueAt(text, i + 1);
    const c = remainder === 3 ? valueAt(text, i + 2) : 0;
    if (a === INVALID || b === INVALID || c === INVALID) {
      return { ok: false, failure: badCharacter(text, firstBadCharacter(text, end)) };
    }
    bytes[out++] = (a << 2) | (b >> 4);
    if (remainder === 3) bytes[out] = ((b & 15) << 4) | (c >> 2);
  }
  return { ok: true, bytes, repadded };
}

function badCharacter(text: string, position: number): Base64Failure {
  return { kind: 'bad-character', position, character: text.charAt(position) };
}

const ASCII = new TextDecoder('utf-8');
const ENCODE = new Uint8Array(64);
for (let i = 0; i < 64; i++) ENCODE[i] = ALPHABET.charCodeAt(i);

/** Reused output buffer: encoding allocates only the resulting string. */
let encodeScratch = new Uint8Array(4096);

/**
 * Standard base64 with padding: exactly what Windows writes for a hash. `length` may exceed the bytes
 * given: the missing tail counts as zeros (a hash's padding, which is not kept in memory).
 */
export function encodeBase64(bytes: Uint8Array, length = bytes.length): string {
  // Character codes into a byte array, turned into a string by one native call: string concatenation per
  // character made writing 100,000 hashes take longer than reading them.
  const n = length;
  const size = Math.ceil(n / 3) * 4;
  if (encodeScratch.length < size) encodeScratch = new Uint8Array(Math.max(size, encodeScratch.length * 2));
  const out = encodeScratch;
  const have = Math.min(bytes.length, n);
  const at = (i: number): number => (i < have ? bytes[i]! : 0);
  let o = 0;
  let i = 0;
  const fast = have - (have % 3);
  for (; i < fast; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  for (; i + 2 < n; i += 3) {
    const v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (i < n) {
    const v = (at(i) << 16) | (i + 1 < n ? at(i + 1) << 8 : 0);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? ENCODE[(v >> 6) & 63]! : 61;
    out[o++] = 61; /* = */
  }
  return ASCII.decode(out.subarray(0, o));
}
