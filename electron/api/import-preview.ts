/**
 * Importing CSVs in two steps: a preview that reads the files and says, per row, what the ledger would do
 * with it (writing nothing), then a confirmation that writes the accepted rows. Previews wait in memory,
 * bounded in number and time, because the technician may walk away from the screen.
 */
import { randomUUID } from 'node:crypto';
import { HashCsvReader } from '../../shared/csv/hash-csv-reader';
import { DiagnosticLimit } from '../../shared/diagnostic-limit';
import type { DeviceRow } from '../../shared/device';
import type { Rejection, SourceRef, Warning } from '../../shared/diagnostics';
import { hardwareFingerprint } from '../../shared/hardware-hash';
import type { DeviceState } from '../../shared/ledger/ledger-events';
import type { Ledger, LedgerAddOutcome } from '../ledger/ledger';
import { deviceIdFor } from '../ledger/ledger';
import { nodeHashPlatform, nodeSha256 } from '../platform/sha256';

/** What reading one file gave: verified rows, rows and files left out, and what was repaired or noticed. */
export interface ReadCsv {
  readonly name: string;
  readonly rows: readonly DeviceRow[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly Warning[];
  /** Rejections and warnings counted but not kept (past the first `DIAGNOSTICS_PER_FILE` of each). */
  readonly omitted: { readonly rejected: number; readonly warnings: number };
}

/**
 * Base64 characters decoded and parsed at a time: 3 KiB of the file. Small, so that a piece is a short
 * wait even before the JIT has warmed up (the first rows run tens of times slower: 12 KiB of tiny bad rows
 * took 0.1 s); a piece costs a few microseconds on top of its parsing.
 */
const PIECE_BASE64 = 4 * 1024;
/**
 * Work between two turns of the event loop: other requests are served at least this often. By time, not
 * bytes: 64 KiB of hashes is a few milliseconds, 64 KiB of tiny bad rows several times that.
 */
const SLICE_MS = 15;

/**
 * Reads a hash CSV sent as base64 (a file dropped on the window), in any encoding the reader knows. The
 * text is decoded piece by piece into one reused buffer as it is parsed (decoding 27 MB at once held the
 * event loop for ~0.1 s and doubled what the file takes in memory). Gives the event loop a turn every
 * `SLICE_MS`, so a file of four million rows never blocks the host, and keeps only the first diagnostics
 * of the file (the rest are counted without being built), so it never holds millions of them.
 *
 * `base64` is standard base64 (the API's schema checks it): padding only at the end, so every piece of a
 * multiple of four characters decodes to exactly its part of the bytes.
 */
export async function readCsvBase64(name: string, base64: string): Promise<ReadCsv> {
  const rows: DeviceRow[] = [];
  const rejected: Rejection[] = [];
  const warnings: Warning[] = [];
  const limit = new DiagnosticLimit();
  const reader = new HashCsvReader(name, nodeHashPlatform, {
    device: (row) => void rows.push(row),
    rejected: (r) => void (limit.keepRejection(r) && rejected.push(r)),
    warning: (w) => void (limit.keepWarning(w) && warnings.push(w)),
    gate: limit,
  });
  // The reader copies what it keeps before push returns, so one buffer serves every piece.
  const piece = Buffer.allocUnsafe((PIECE_BASE64 / 4) * 3);
  let sliceStart = performance.now();
  for (let at = 0; at < base64.length && !reader.refused; at += PIECE_BASE64) {
    const length = piece.write(base64.slice(at, at + PIECE_BASE64), 'base64');
    reader.push(new Uint8Array(piece.buffer, piece.byteOffset, length));
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  reader.end();
  const omitted = limit.omitted[0];
  return {
    name,
    rows,
    rejected,
    warnings,
    omitted: { rejected: omitted?.rejected ?? 0, warnings: omitted?.warnings ?? 0 },
  };
}

/** Lets pending I/O callbacks and requests run (setImmediate runs after them, unlike a resolved promise). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What saving a row would do, judged as `Ledger.addRows` will judge it. */
export type RowJudgement =
  | { readonly kind: 'added'; readonly deviceId: string; readonly restoresDeleted: boolean }
  | { readonly kind: 'duplicate-in-ledger'; readonly deviceId: string }
  | { readonly kind: 'duplicate-in-batch'; readonly deviceId: string; readonly firstSeen: SourceRef }
  | { readonly kind: 'replaced'; readonly deviceId: string; readonly replaces: 'ledger' | 'batch' };

/** The part of the ledger a judgement looks at. */
export interface KnownDevices {
  get(id: string): { readonly fingerprint: string; readonly state: DeviceState } | undefined;
}

/**
 * Judges rows in order against the ledger and the rows before them, with `Ledger.addRows`'s rules: same
 * identity and fingerprint is a duplicate, another fingerprint a replacement, a deleted device that comes
 * again is added back (whatever its hardware).
 */
export function judgeRows(ledger: KnownDevices, rows: readonly DeviceRow[]): RowJudgement[] {
  const pending = new Map<string, { fingerprint: string; source: SourceRef }>();
  return rows.map((row) => {
    const deviceId = deviceIdFor(row);
    const fingerprint = hardwareFingerprint(row.hash, nodeSha256);
    const earlier = pending.get(deviceId);
    if (earlier !== undefined) {
      if (earlier.fingerprint === fingerprint) {
        return { kind: 'duplicate-in-batch', deviceId, firstSeen: earlier.source };
      }
      pending.set(deviceId, { fingerprint, source: row.source });
      return { kind: 'replaced', deviceId, replaces: 'batch' };
    }
    pending.set(deviceId, { fingerprint, source: row.source });
    const known = ledger.get(deviceId);
    if (known === undefined) return { kind: 'added', deviceId, restoresDeleted: false };
    if (known.state === 'deleted') return { kind: 'added', deviceId, restoresDeleted: true };
    return known.fingerprint === fingerprint
      ? { kind: 'duplicate-in-ledger', deviceId }
      : { kind: 'replaced', deviceId, replaces: 'ledger' };
  });
}

/** Rows are made durable in batches, as `ledger add` does: one fsync acknowledges up to this many. */
export const IMPORT_BATCH = 500;

export type SaveRowsResult =
  | { readonly ok: true; readonly outcomes: readonly LedgerAddOutcome[] }
  /** `outcomes`: the batches saved before `error`; those rows are on disk. */
  | { readonly ok: false; readonly outcomes: readonly LedgerAddOutcome[]; readonly error: unknown };

/**
 * Saves imported rows, batch by batch, each row's source its file and line. The CLI's `ledger add` loop
 * (`runLedgerAdd` in electron/cli/commands/ledger.ts) does the same and could call this.
 */
export async function saveImportedRows(ledger: Ledger, rows: readonly DeviceRow[]): Promise<SaveRowsResult> {
  const outcomes: LedgerAddOutcome[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
    try {
      const saved = await ledger.addRows(rows.slice(i, i + IMPORT_BATCH), (row) => ({
        kind: 'imported',
        file: row.source.file,
        line: row.source.line,
      }));
      outcomes.push(...saved);
    } catch (error) {
      return { ok: false, outcomes, error };
    }
  }
  return { ok: true, outcomes };
}

/** How many previews are kept: the technician's latest, and a couple they may return to. */
export const MAX_PREVIEWS = 3;
/** How long a preview waits for its confirmation. */
export const PREVIEW_TTL_MS = 30 * 60 * 1000;

/**
 * Previews waiting for confirmation, each taken at most once. Bounded in number (the oldest goes first)
 * and in time: a preview holds every verified row of its files.
 */
export class PreviewStore {
  private readonly previews = new Map<
    string,
    { readonly rows: readonly DeviceRow[]; readonly expires: number }
  >();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = PREVIEW_TTL_MS,
    private readonly max = MAX_PREVIEWS,
  ) {}

  put(rows: readonly DeviceRow[]): { readonly id: string; readonly expiresAt: Date } {
    this.purge();
    while (this.previews.size >= this.max) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
    const id = randomUUID();
    const expires = this.now().getTime() + this.ttlMs;
    this.previews.set(id, { rows, expires });
    return { id, expiresAt: new Date(expires) };
  }

  /** The rows of a preview that is still there, removing it; `undefined` when unknown, expired or taken. */
  take(id: string): readonly DeviceRow[] | undefined {
    this.purge();
    const preview = this.previews.get(id);
    this.previews.delete(id);
    return preview?.rows;
  }

  get size(): number {
    return this.previews.size;
  }

  clear(): void {
    this.previews.clear();
  }

  private purge(): void {
    const now = this.now().getTime();
    for (const [id, preview] of this.previews) if (preview.expires <= now) this.previews.delete(id);
  }
}
