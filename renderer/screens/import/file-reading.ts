/**
 * Turning chosen files into what `previewImport` takes: their bytes as base64, untouched whatever the
 * encoding (the service tells UTF-8, UTF-16 and Shift-JIS apart), and the limits checked from the files'
 * sizes before a single byte is read, so a too-large choice is explained instead of sent.
 */
import { MAX_IMPORT_FILES, MAX_IMPORT_TOTAL_BASE64 } from '../../../shared/api/harvester-api';

/**
 * Bytes encoded per step: a multiple of 3, so every step's base64 ends without padding and the pieces join
 * into the base64 of the whole; small enough for `String.fromCharCode(...chunk)` to stay far below the
 * engine's argument limit.
 */
export const BASE64_CHUNK_BYTES = 3 * 8192;

/** Standard base64 (with `=` padding) of any bytes, in chunks: a 45 MB file neither overflows the stack nor copies itself whole into one binary string. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += BASE64_CHUNK_BYTES) {
    const chunk = bytes.subarray(at, at + BASE64_CHUNK_BYTES);
    parts.push(btoa(String.fromCharCode(...chunk)));
  }
  return parts.join('');
}

/** How many base64 characters `byteLength` bytes become: what the limits count, known without reading. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}

/** The file bytes one preview may hold (the base64 limit in bytes), for telling the technician. */
export const MAX_IMPORT_TOTAL_BYTES = Math.floor((MAX_IMPORT_TOTAL_BASE64 / 4) * 3);

/** Reads a chosen file's bytes. A seam: tests pass their own, to hold a read or make it fail. */
export type ReadBytes = (file: Blob) => Promise<Uint8Array>;

/** `Blob.arrayBuffer()` where the page has it, else a FileReader. */
export const readBlobBytes: ReadBytes = async (file) => {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
};

/** Why a choice of files cannot go in one preview. */
export type ImportLimitProblem =
  | { readonly kind: 'too-many-files'; readonly count: number; readonly max: number }
  /** One file alone is over the limit: it has to be split. */
  | {
      readonly kind: 'file-too-large';
      readonly name: string;
      readonly bytes: number;
      readonly maxBytes: number;
    }
  /** The files together are over the limit: import them in several rounds. */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly maxBytes: number };

/** The first limit the files break, or `null` when they fit in one preview. */
export function importLimitProblem(
  files: readonly { readonly name: string; readonly size: number }[],
): ImportLimitProblem | null {
  if (files.length > MAX_IMPORT_FILES) {
    return { kind: 'too-many-files', count: files.length, max: MAX_IMPORT_FILES };
  }
  const tooBig = files.find((file) => base64Length(file.size) > MAX_IMPORT_TOTAL_BASE64);
  if (tooBig !== undefined) {
    return {
      kind: 'file-too-large',
      name: tooBig.name,
      bytes: tooBig.size,
      maxBytes: MAX_IMPORT_TOTAL_BYTES,
    };
  }
  const total = files.reduce((sum, file) => sum + base64Length(file.size), 0);
  if (total > MAX_IMPORT_TOTAL_BASE64) {
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    return { kind: 'too-large', bytes, maxBytes: MAX_IMPORT_TOTAL_BYTES };
  }
  return null;
}

/** Longest name the contract takes. */
const MAX_NAME = 260;

/**
 * The name sent with a file: what the technician sees, minus anything the contract refuses (control
 * characters, more than 260 characters, nothing at all), so an odd name never turns into a failed call.
 */
export function importFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (clean.length === 0) return 'file.csv';
  if (clean.length <= MAX_NAME) return clean;
  const cut = clean.slice(0, MAX_NAME);
  // Never leave half of a surrogate pair at the end.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
