/**
 * The bytes of a CSV as each program technicians use writes it, and ways to cut them into the chunks a file
 * stream delivers, so tests can prove that what is read does not depend on where the chunks end.
 */
import { encodeShiftJis } from './shift-jis';

export type WrittenEncoding =
  'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'shift_jis';

const utf8 = new TextEncoder();

/** UTF-8 without a BOM: PowerShell 7's `Export-Csv`. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** UTF-8 with a BOM: Excel's "CSV UTF-8". */
export function utf8BomBytes(text: string): Uint8Array {
  return concatBytes(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8.encode(text));
}

/** UTF-16LE without a BOM. */
export function utf16leBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** UTF-16LE with a BOM: Windows PowerShell 5.1's `Out-File` and `Export-Csv -Encoding Unicode`. */
export function utf16leBomBytes(text: string): Uint8Array {
  return concatBytes(Uint8Array.from([0xff, 0xfe]), utf16leBytes(text));
}

/** UTF-16BE with a BOM (`-Encoding BigEndianUnicode`). */
export function utf16beBomBytes(text: string): Uint8Array {
  const le = utf16leBytes(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return concatBytes(Uint8Array.from([0xfe, 0xff]), be);
}

export function encodeAs(encoding: WrittenEncoding, text: string): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return utf8Bytes(text);
    case 'utf-8-bom':
      return utf8BomBytes(text);
    case 'utf-16le':
      return utf16leBytes(text);
    case 'utf-16le-bom':
      return utf16leBomBytes(text);
    case 'utf-16be-bom':
      return utf16beBomBytes(text);
    case 'shift_jis':
      return encodeShiftJis(text);
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Consecutive chunks of `size` bytes (the last may be shorter). */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Cuts at the given offsets (any order, duplicates and out-of-range ones allowed: they give empty chunks). */
export function splitAt<T extends { slice(start: number, end?: number): T; readonly length: number }>(
  whole: T,
  cuts: readonly number[],
): T[] {
  const points = [...cuts].map((c) => Math.max(0, Math.min(whole.length, c))).sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const point of points) {
    out.push(whole.slice(from, point));
    from = point;
  }
  out.push(whole.slice(from));
  return out;
}
