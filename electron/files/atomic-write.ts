/**
 * Writing a file so that a reader sees either the old file or the complete new one, never half of it:
 * a pulled USB stick or a full disk leaves the earlier file intact.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/** The few file operations an atomic write needs; tests inject failing ones (ENOSPC, EIO, rename). */
export interface AtomicFs {
  open(file: string, flags: string): Promise<nodeFs.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export type WriteFailureKind =
  'no-space' | 'read-only' | 'not-found' | 'not-a-folder' | 'permission' | 'io' | 'unknown';

/** A failed write, with what it was writing and a kind the caller can explain. */
export class WriteError extends Error {
  constructor(
    readonly kind: WriteFailureKind,
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`Cannot write ${file}: ${code ?? String(cause)}`, { cause });
    this.name = 'WriteError';
  }
}

export function writeFailureKind(code: string | undefined): WriteFailureKind {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no-space';
    case 'EROFS':
      return 'read-only';
    case 'ENOENT':
      return 'not-found';
    // A file stands where a folder should be (or the reverse).
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'not-a-folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return 'io';
    default:
      return 'unknown';
  }
}

/** Temp file beside the target (same volume, so rename is atomic), flushed to disk, then renamed over it. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Iterable<string>,
  fs: AtomicFs = nodeFs,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else await writeBatched(handle, data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    const code = errorCode(error);
    throw new WriteError(writeFailureKind(code), file, code, error);
  }
  await syncDirectory(dir);
}

/**
 * Writes text pieces in batches of about 256 KiB, so a large file is never built as one string.
 * Pieces are UTF-8 encoded (identical to ASCII for the importer CSVs).
 */
async function writeBatched(handle: nodeFs.FileHandle, pieces: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH) {
      await writeFully(handle, Buffer.from(batch.join(''), 'utf8'));
      batch = [];
      size = 0;
    }
  }
  if (size > 0) await writeFully(handle, Buffer.from(batch.join(''), 'utf8'));
}

/**
 * One write call may write less than asked (typically as a disk fills up); loop until all is written, so a
 * short write can never be synced and renamed into place as if it were the whole file.
 */
async function writeFully(handle: nodeFs.FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('The disk accepted no more data'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

const BATCH = 256 * 1024;

/** Makes the rename itself durable on POSIX; Windows cannot open directories this way and needs no help. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await nodeFs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
