import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { PlatformAccelerators, Sha256 } from '../../shared/hardware-hash';

/** Node's native SHA-256: several times faster than a pure implementation on the hot merge path. */
export const nodeSha256: Sha256 = (data) => createHash('sha256').update(data).digest();

/**
 * Node's native base64 decoder, used only when it provably read the text as standard base64 (the bytes
 * are valid until the next call):
 * Buffer skips characters it does not know and accepts the URL-safe alphabet, so anything it would have
 * read leniently is left to the strict decoder, which names the problem.
 */
export function nodeDecodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || text.includes('-') || text.includes('_')) return undefined;
  const expected = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (scratch.length < expected) scratch = Buffer.allocUnsafe(Math.max(expected, scratch.length * 2));
  // One byte fewer than three per four characters means a character was skipped.
  const written = scratch.write(text, 0, 'base64');
  // A plain Uint8Array view, not a Buffer: V8 copies from Buffer (a subclass) through a slow generic path.
  return written === expected ? new Uint8Array(scratch.buffer, scratch.byteOffset, written) : undefined;
}

/**
 * Decoding into one reused buffer allocates nothing per hash. The result is valid until the next call:
 * the decoder copies what it keeps before that.
 */
let scratch = Buffer.allocUnsafe(4096);

/** ASCII bytes as a string in one native copy, about fifteen times faster than a UTF-8 TextDecoder. */
export function nodeDecodeAscii(bytes: Uint8Array): string | undefined {
  if (!isAscii(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export const nodeHashPlatform: PlatformAccelerators = {
  sha256: nodeSha256,
  decodeBase64: nodeDecodeBase64,
  decodeAscii: nodeDecodeAscii,
};
