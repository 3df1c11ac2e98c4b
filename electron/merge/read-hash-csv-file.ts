/** Reading a hash CSV file from disk into the streaming reader, in bounded memory. */
import type { FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { HashCsvSink } from '../../shared/csv/hash-csv-reader';
import { HashCsvReader } from '../../shared/csv/hash-csv-reader';
import { errorCode } from '../files/atomic-write';
import { nodeHashPlatform } from '../platform/sha256';

/** 1 MiB reads keep the number of trips to the disk (and their waits) low. */
const READ_CHUNK = 1 << 20;
/**
 * Parsed 64 KiB at a time: each piece's text stays below V8's large-object size, so it is freed by cheap
 * young-generation collections (peak memory for 100,000 devices: ~215 MB instead of ~270).
 */
const PARSE_CHUNK = 1 << 16;

/**
 * Streams one CSV file through `sink`. An I/O failure (missing file, a stick pulled mid-read) becomes an
 * `unreadable-file` rejection; rows already read stay valid.
 */
export async function readHashCsvFile(file: string, sink: HashCsvSink): Promise<void> {
  const reader = new HashCsvReader(file, nodeHashPlatform, sink);
  // Only the file system's errors mean "unreadable file"; an error in parsing is a bug and propagates.
  const unreadable = (error: unknown) => {
    const code = errorCode(error);
    sink.rejected({
      file,
      line: 0,
      code: 'unreadable-file',
      params: { reason: code ?? 'error', detail: code ? undefined : String(error) },
    });
  };
  const notRegular = () =>
    sink.rejected({ file, line: 0, code: 'unreadable-file', params: { reason: 'not-a-regular-file' } });
  // Only a regular file is read: a device (`/dev/zero` never ends), a FIFO (opening one without a writer
  // waits forever), a socket or a folder is refused before anything is opened or read.
  try {
    if (!(await stat(file)).isFile()) {
      notRegular();
      return;
    }
  } catch (error) {
    unreadable(error);
    return;
  }
  let handle: FileHandle;
  try {
    // O_NONBLOCK (POSIX only; no effect on a regular file): should the path have become a FIFO since the
    // check, open returns at once instead of waiting for a writer, and the check below refuses it.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    unreadable(error);
    return;
  }
  try {
    if (!(await handle.stat()).isFile()) {
      notRegular();
      return;
    }
    // Two buffers: the next read runs on the thread pool while this chunk is parsed, so the CPU never
    // waits for the disk. The reader copies what it keeps before a buffer is reused.
    let current = Buffer.allocUnsafe(READ_CHUNK);
    let next = Buffer.allocUnsafe(READ_CHUNK);
    let pending = handle.read(current, 0, READ_CHUNK, null);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending);
      } catch (error) {
        unreadable(error);
        return;
      }
      if (bytesRead === 0) break;
      const chunk = current.subarray(0, bytesRead);
      [current, next] = [next, current];
      pending = handle.read(current, 0, READ_CHUNK, null);
      for (let at = 0; at < bytesRead; at += PARSE_CHUNK) reader.push(chunk.subarray(at, at + PARSE_CHUNK));
      // Refused as a whole (not a CSV, a megabyte-long first line): the rest is not read.
      if (reader.refused) {
        await pending.catch(() => undefined);
        return;
      }
    }
    reader.end();
  } finally {
    await handle.close().catch(() => undefined);
  }
}
