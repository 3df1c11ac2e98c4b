/**
 * The ledger's journal file: one record per line, `<json>\t<crc32 of the json, 8 hex>\n`, only ever appended
 * to (compaction writes a new file and renames it into place). A line is trusted only if its checksum holds,
 * so a write cut short by a pulled stick or a killed process costs that line and nothing before it.
 *
 * CRC-32 rather than a cryptographic hash: it catches torn writes and flipped bits, which is its job here,
 * and zlib computes it at several GB/s, where SHA-256 per line made opening 100,000 devices (450 MB) take
 * a second on its own.
 */
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { AtomicFs } from '../files/atomic-write';
import { errorCode, writeFileAtomic } from '../files/atomic-write';
import { readLedgerRecord } from '../../shared/ledger/ledger-events';
import type { JournalRecord } from '../../shared/ledger/ledger-events';

/**
 * The file operations the ledger uses: `node:fs/promises` in the app, a failing one in fault tests
 * (ENOSPC, EIO, a rename that fails). The same shape as `AtomicFs`, plus `mkdir`.
 */
export interface LedgerFs extends AtomicFs {
  mkdir(dir: string, options?: { readonly recursive?: boolean }): Promise<unknown>;
}

export const nodeLedgerFs: LedgerFs = nodeFs;

export type SkipReason = 'torn' | 'checksum' | 'schema';

export interface SkippedLine {
  /** 1-based physical line of the journal. */
  readonly line: number;
  readonly reason: SkipReason;
}

/**
 * A line whose checksum holds but which this version cannot read (a record type from a newer version, or a
 * hand edit). It is not applied, but kept as written, so compaction or a mirror repair never drops it.
 */
export class ForeignLine {
  constructor(
    /** The whole line, checksum and newline included. */
    readonly text: string,
    /** The record id when the line has one, else the line itself: how journals are compared. */
    readonly key: string,
  ) {}
}

export type JournalEntry = JournalRecord | ForeignLine;

export interface JournalContents {
  readonly exists: boolean;
  readonly entries: JournalEntry[];
  readonly skipped: SkippedLine[];
  /** The highest `seq` of any record read (0 when there is none). */
  readonly lastSeq: number;
  /**
   * Where the torn last line starts (the byte after the last complete line), when the journal ends in one:
   * how far the writer cuts the file back before it appends (see `appendToJournal`).
   */
  readonly tornAt: number | undefined;
}

/** How two copies of a journal are compared: by record id. */
export function entryKey(entry: JournalEntry): string {
  return entry instanceof ForeignLine ? entry.key : entry.id;
}

/** One journal line, newline included. */
export function encodeJournalLine(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${json}\t${checksumText(crc32(json))}\n`;
}

function entryText(entry: JournalEntry): string {
  return entry instanceof ForeignLine ? entry.text : encodeJournalLine(entry);
}

/** The lines of `entries`, for compaction and mirror repair. */
export function* journalLines(entries: readonly JournalEntry[], from = 0): Generator<string> {
  for (let i = from; i < entries.length; i++) yield entryText(entries[i]!);
}

function checksumText(crc: number): string {
  return crc.toString(16).padStart(8, '0');
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH_KEY = Buffer.from('"hash":"', 'latin1');
/** Read size. Over 1 MB, so a chunk's latin1 string lives outside the JavaScript heap (see `parse`). */
const CHUNK = 8 << 20;
/** Room before each read for the partial line the previous chunk ended with (a line is about 4.5 KB). */
const CARRY_ROOM = 64 << 10;
/** No record comes near this; a longer "line" is damage, skipped without holding it in memory. */
const MAX_LINE = 16 << 20;

/**
 * Reads a journal. Never throws for what is in the file: a line that fails its checksum is skipped and
 * reported (`torn` when it is the last one: a write that was cut short; `checksum` in the middle), and so is
 * a sound line this version cannot read (`schema`). Throws only when the file cannot be read (the caller
 * names it). A missing file is an empty journal.
 *
 * The next chunk is read while the current one is parsed (the read runs on libuv's thread pool).
 */
export async function readJournal(fs: LedgerFs, file: string): Promise<JournalContents> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return { exists: false, entries: [], skipped: [], lastSeq: 0, tornAt: undefined };
    }
    throw error;
  }
  const reader = new LineReader();
  try {
    let current = Buffer.allocUnsafe(CARRY_ROOM + CHUNK);
    let spare = Buffer.allocUnsafe(CARRY_ROOM + CHUNK);
    let position = 0;
    let carry: Buffer | undefined;
    /** Inside a line too long to be a record: everything up to its newline is dropped. */
    let discarding = false;
    let reading = handle.read(current, CARRY_ROOM, CHUNK, position);
    for (;;) {
      const { bytesRead } = await reading;
      /** The file offset of `buffer[from]` below, so the reader can say where a torn line starts. */
      let base = position;
      position += bytesRead;
      if (bytesRead > 0) reading = handle.read(spare, CARRY_ROOM, CHUNK, position);
      let buffer = current;
      let from = CARRY_ROOM;
      let end = CARRY_ROOM + bytesRead;
      if (discarding) {
        const newline = buffer.indexOf(NEWLINE, from);
        if (newline === -1 || newline >= end) {
          if (bytesRead === 0) break;
          [current, spare] = [spare, current];
          continue;
        }
        discarding = false;
        from = newline + 1;
        base += from - CARRY_ROOM;
      } else if (carry !== undefined && carry.length <= CARRY_ROOM) {
        base -= carry.length;
        from -= carry.length;
        carry.copy(buffer, from);
      } else if (carry !== undefined) {
        base -= carry.length;
        buffer = Buffer.concat([carry, buffer.subarray(from, end)]);
        from = 0;
        end = buffer.length;
      }
      carry = undefined;
      reader.chunk(buffer, from, end, base);
      let start = from;
      for (;;) {
        const newline = buffer.indexOf(NEWLINE, start);
        if (newline === -1 || newline >= end) break;
        reader.line(buffer, start, newline);
        start = newline + 1;
      }
      if (bytesRead === 0) {
        // A last line without its newline is still a whole record if its checksum holds: nothing is lost.
        if (start < end) reader.line(buffer, start, end);
        break;
      }
      if (end - start > MAX_LINE) {
        reader.damagedLine(start);
        discarding = true;
      } else if (start < end) {
        carry = Buffer.from(buffer.subarray(start, end));
      }
      [current, spare] = [spare, current];
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return reader.finish();
}

/** Turns lines into journal entries, keeping count of line numbers and of what it skipped. */
class LineReader {
  private readonly entries: JournalEntry[] = [];
  private readonly skipped: SkippedLine[] = [];
  private lineNumber = 0;
  private lastSeq = 0;
  /** A line that failed its checksum: `torn` if nothing follows it, else `checksum`. */
  private damaged: number | undefined;
  /** The file offset where the `damaged` line starts. */
  private damagedAt = 0;
  /** The current chunk as one latin1 string, made when first needed (see `parse`). */
  private text: string | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private from = 0;
  private end = 0;
  /** The file offset of `buffer[from]`. */
  private base = 0;

  /** Lines until the next call come from `buffer[from, end)`, which starts at file offset `base`. */
  chunk(buffer: Buffer, from: number, end: number, base: number): void {
    this.text = undefined;
    this.buffer = buffer;
    this.from = from;
    this.end = end;
    this.base = base;
  }

  /** A line too long to be a record, starting at `buffer[start]`, dropped as it was read. */
  damagedLine(start: number): void {
    this.lineNumber++;
    this.flushDamaged();
    this.damaged = this.lineNumber;
    this.damagedAt = this.base + (start - this.from);
  }

  line(buffer: Buffer, start: number, end: number): void {
    this.lineNumber++;
    if (end > start && buffer[end - 1] === CR) end--;
    if (end === start) return;
    this.flushDamaged();
    const tab = buffer.lastIndexOf(TAB, end - 1);
    const body = tab > start ? buffer.subarray(start, tab) : undefined;
    if (body === undefined || end - tab - 1 !== 8 || readHex(buffer, tab + 1) !== crc32(body)) {
      this.damaged = this.lineNumber;
      this.damagedAt = this.base + (start - this.from);
      return;
    }
    const value = this.parse(body, start, tab);
    const record = readLedgerRecord(value);
    if (record) {
      this.entries.push(record);
      if (record.seq > this.lastSeq) this.lastSeq = record.seq;
      return;
    }
    this.skipped.push({ line: this.lineNumber, reason: 'schema' });
    const text = `${body.toString('utf8')}\t${buffer.toString('latin1', tab + 1, end)}\n`;
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    this.entries.push(new ForeignLine(text, typeof id === 'string' && id.length > 0 ? id : text));
  }

  finish(): JournalContents {
    const tornAt = this.damaged === undefined ? undefined : this.damagedAt;
    if (this.damaged !== undefined) this.skipped.push({ line: this.damaged, reason: 'torn' });
    this.damaged = undefined;
    return { exists: true, entries: this.entries, skipped: this.skipped, lastSeq: this.lastSeq, tornAt };
  }

  private flushDamaged(): void {
    if (this.damaged !== undefined) this.skipped.push({ line: this.damaged, reason: 'checksum' });
    this.damaged = undefined;
  }

  /**
   * The JSON of a line whose checksum holds, parsed (`undefined` if it is not JSON).
   *
   * Nearly all of a journal is hash text (4 KB of a 4.5 KB line), and opening 100,000 devices must take
   * well under a second. Parsing each line as a string costs two copies of every hash (the line, then the
   * parsed value), and the garbage collector copies the kept one twice more: that was over half the time.
   * Instead the chunk becomes one latin1 string, which Node keeps outside the JavaScript heap (it is over
   * 1 MB); each hash is a slice of it (V8 makes a small view, no copy), and only the rest of the line, the
   * hash left out, goes through JSON.parse. The hash's place is marked with `"\u0000"`, and the hash is set
   * only where the parser put that mark. Anything unusual (non-ASCII text, an escape inside the hash, no
   * hash) is parsed plainly.
   */
  private parse(body: Buffer, start: number, tab: number): unknown {
    if (!isAscii(body)) return parseJson(body.toString('utf8'));
    const text = (this.text ??= this.buffer.toString('latin1', this.from, this.end));
    const at = start - this.from;
    const key = body.indexOf(HASH_KEY);
    if (key !== -1) {
      const from = key + HASH_KEY.length;
      const to = body.indexOf(QUOTE, from);
      const escape = body.indexOf(BACKSLASH, from);
      if (to !== -1 && (escape === -1 || escape > to)) {
        const value = parseJson(`${text.slice(at, at + from)}\\u0000${text.slice(at + to, tab - this.from)}`);
        const event = eventOf(value);
        if (event?.hash === '\u0000') {
          event.hash = text.slice(at + from, at + to);
          return value;
        }
      }
    }
    return parseJson(text.slice(at, tab - this.from));
  }
}

/** The 8 lowercase hex digits at `at` as a number, or -1. */
function readHex(buffer: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const c = buffer[i]!;
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function eventOf(value: unknown): { hash?: unknown } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const event = (value as { event?: unknown }).event;
  return typeof event === 'object' && event !== null ? (event as { hash?: unknown }) : undefined;
}

/** Appends are written in pieces of at most this size; a batch of up to ~900 devices is one write. */
const WRITE_BATCH = 4 << 20;

/**
 * Appends lines and flushes them to disk (one fsync), starting on a fresh line if the file ends in a torn
 * one. Resolves only once the data is durable. On failure it cuts the file back to where it was (best
 * effort: a pulled stick allows nothing) and rethrows, so an unacknowledged batch leaves no half line.
 *
 * `tornAt` (from `readJournal`) first cuts off a torn last line. That line is a write that was cut short
 * and so was never acknowledged to anyone: dropping it loses nothing, where appending after it would leave
 * it in the middle of the file, reported as damage on every open from then on.
 *
 * Writes at an explicit position rather than in append mode: Windows cannot truncate a file opened for
 * appending, and the ledger lock means nobody else writes to the file.
 */
export async function appendToJournal(
  fs: LedgerFs,
  file: string,
  lines: Iterable<string>,
  tornAt?: number,
): Promise<void> {
  let created = false;
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    handle = await fs.open(file, 'wx');
    created = true;
  }
  let size = 0;
  try {
    size = (await handle.stat()).size;
    if (tornAt !== undefined && tornAt < size) {
      await handle.truncate(tornAt);
      size = tornAt;
    }
    let position = size;
    let pending = size > 0 && !(await endsWithNewline(handle, size)) ? '\n' : '';
    for (const line of lines) {
      pending += line;
      if (pending.length >= WRITE_BATCH) {
        position += await writeAt(handle, Buffer.from(pending, 'utf8'), position);
        pending = '';
      }
    }
    if (pending.length > 0) await writeAt(handle, Buffer.from(pending, 'utf8'), position);
    await handle.sync();
  } catch (error) {
    await handle
      .truncate(size)
      .then(() => handle.sync())
      .catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close().catch(() => undefined);
  if (created) await syncDirectory(path.dirname(file));
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  const { bytesRead } = await handle.read(last, 0, 1, size - 1);
  return bytesRead === 1 && last[0] === NEWLINE;
}

/** One write may write less than asked (typically as a disk fills up): loop until all of it is written. */
async function writeAt(handle: FileHandle, data: Buffer, position: number): Promise<number> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, position + offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('The disk accepted no more data'), { code: 'EIO' });
    offset += bytesWritten;
  }
  return offset;
}

/**
 * Replaces a journal with `entries` atomically (temp file beside it, fsync, rename): a reader sees the old
 * journal or the new one, never a mix. Throws `WriteError` naming the journal.
 */
export async function replaceJournal(
  fs: LedgerFs,
  file: string,
  entries: readonly JournalEntry[],
): Promise<void> {
  await writeFileAtomic(file, journalLines(entries), fs);
}

/** Makes a new file's directory entry durable on POSIX; Windows cannot open directories and needs no help. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await nodeFs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
