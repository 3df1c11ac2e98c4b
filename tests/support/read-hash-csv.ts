/**
 * Runs `HashCsvReader` over in-memory bytes and collects everything it says, so tests can compare a whole
 * read with a chunked one and assert on devices, rejections and warnings.
 */
import { nodeSha256 } from '../../electron/platform/sha256';
import { encodeBase64 } from '../../shared/base64';
import { HashCsvReader } from '../../shared/csv/hash-csv-reader';
import type { DeviceRow } from '../../shared/device';
import type { Rejection, Warning } from '../../shared/diagnostics';
import { fullHashBytes } from '../../shared/hardware-hash';
import type { HashDecodeResult, HashFailure, HashPlatform } from '../../shared/hardware-hash';
import { chunksOf } from './text-bytes';

export interface HashCsvRead {
  readonly devices: DeviceRow[];
  readonly rejections: Rejection[];
  readonly warnings: Warning[];
  /** What the optional `hash` callback was told, in order. */
  readonly hashes: { readonly line: number; readonly result: HashDecodeResult }[];
  /** The reader's own count of data rows. */
  readonly rows: number;
}

/** Reads `chunks` in order as one file named `file`. */
export function readHashCsvChunks(
  chunks: readonly Uint8Array[],
  file = 'devices.csv',
  platform: HashPlatform = nodeSha256,
): HashCsvRead {
  const devices: DeviceRow[] = [];
  const rejections: Rejection[] = [];
  const warnings: Warning[] = [];
  const hashes: { line: number; result: HashDecodeResult }[] = [];
  const reader = new HashCsvReader(file, platform, {
    device: (row) => devices.push(row),
    rejected: (r) => rejections.push(r),
    warning: (w) => warnings.push(w),
    hash: (line, result) => hashes.push({ line, result }),
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return { devices, rejections, warnings, hashes, rows: reader.rows };
}

/** Reads `bytes` in one chunk, or in chunks of `chunkSize` bytes. */
export function readHashCsv(
  bytes: Uint8Array,
  chunkSize?: number,
  file?: string,
  platform?: HashPlatform,
): HashCsvRead {
  return readHashCsvChunks(chunkSize === undefined ? [bytes] : chunksOf(bytes, chunkSize), file, platform);
}

/** A device row as plain data: the hash as the base64 of its full bytes (decoded hashes cache lazily). */
export interface PlainDevice extends Omit<DeviceRow, 'hash'> {
  readonly hash: string;
}

export function plainDevice(row: DeviceRow): PlainDevice {
  return { ...row, hash: encodeBase64(fullHashBytes(row.hash)) };
}

/**
 * Everything a read said, as plain data that `toEqual` compares by value: two reads of the same file must
 * give equal results whatever the chunking or platform.
 */
export function plainRead(read: HashCsvRead): {
  devices: PlainDevice[];
  rejections: Rejection[];
  warnings: Warning[];
  hashes: { line: number; ok: boolean; hash?: string; failure?: HashFailure }[];
  rows: number;
} {
  return {
    devices: read.devices.map(plainDevice),
    rejections: read.rejections,
    warnings: read.warnings,
    hashes: read.hashes.map(({ line, result }) =>
      result.ok
        ? { line, ok: true, hash: encodeBase64(fullHashBytes(result.hash)) }
        : { line, ok: false, failure: result.failure },
    ),
    rows: read.rows,
  };
}
