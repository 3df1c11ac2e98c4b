import { describe, expect, it } from 'vitest';
import { nodeHashPlatform } from '../../../../electron/platform/sha256';
import { HashCsvReader } from '../../../../shared/csv/hash-csv-reader';
import type { HashCsvSink } from '../../../../shared/csv/hash-csv-reader';
import type { DeviceRow } from '../../../../shared/device';
import type { DiagnosticGate, DiagnosticKind } from '../../../../shared/diagnostic-limit';
import { DiagnosticLimit } from '../../../../shared/diagnostic-limit';
import type { Rejection, Warning } from '../../../../shared/diagnostics';
import { buildHash } from '../../../support/hash-builder';
import { chunksOf } from '../../../support/text-bytes';

const HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash';

/** Every kind of row the reader rejects or warns about, between good ones, `rounds` times over. */
function mixedFile(rounds: number): Uint8Array {
  const lines = [HEADER];
  for (let i = 0; i < rounds; i++) {
    const serial = `PF3G${String(i).padStart(4, '0')}`;
    const hash = buildHash({ serial, nonce: i });
    lines.push(
      `${serial},,${hash}`, // good
      `,,${hash}`, // good, serial from the hash (warning)
      `${serial},12ab,${hash}`, // good, product ID dropped (warning)
      `BAD${i},,`, // hash-missing
      `BAD${i},,x`, // hash-invalid
      `BAD${i},,${hash},extra`, // csv-extra-fields
      `OTHER${i},,${hash}`, // serial-mismatch
      `,,${buildHash({ serial: 'Default string', nonce: i })}`, // serial-placeholder
      `${'L'.repeat(9000)},,x`, // csv-line-too-long (the limit is set low below)
    );
  }
  // An unterminated quote, then a row as wide as the header (hash-invalid) read on its own.
  lines.push(`"open,,x`, `${HEADER.replace(/[^,]/g, 'y')}`);
  return new TextEncoder().encode(lines.map((l) => l + '\r\n').join(''));
}

interface Read {
  devices: DeviceRow[];
  rejected: Rejection[];
  warnings: Warning[];
  rows: number;
  omitted: DiagnosticLimit['omitted'];
  calls: number;
}

/**
 * Reads `bytes` keeping at most `cap` diagnostics of each kind, with the limit as the reader's gate or
 * (`gated` false) only filtering what the reader hands over, as sinks did before the gate.
 */
function read(bytes: Uint8Array, cap: number, gated: boolean, chunk = 1 << 16): Read {
  const limit = new DiagnosticLimit(cap);
  const out: Read = { devices: [], rejected: [], warnings: [], rows: 0, omitted: [], calls: 0 };
  const sink: HashCsvSink = {
    device: (row) => void out.devices.push(row),
    rejected: (r) => {
      out.calls++;
      if (limit.keepRejection(r)) out.rejected.push(r);
    },
    warning: (w) => {
      out.calls++;
      if (limit.keepWarning(w)) out.warnings.push(w);
    },
    ...(gated ? { gate: limit } : {}),
  };
  const reader = new HashCsvReader('mixed.csv', nodeHashPlatform, sink);
  // A line limit above a hash row (4-5 KB) and below 1 MiB, so over-long lines are cheap to make.
  (reader as unknown as { records: { maxLine: number } }).records.maxLine = 8192;
  for (const piece of chunksOf(bytes, chunk)) reader.push(piece);
  reader.end();
  out.rows = reader.rows;
  out.omitted = limit.omitted;
  return out;
}

const summary = (r: Read) => ({
  devices: r.devices.map((d) => `${d.serial}@${d.source.line}`),
  rejected: r.rejected,
  warnings: r.warnings,
  rows: r.rows,
  omitted: r.omitted,
});

describe('HashCsvReader with a diagnostic gate', () => {
  const bytes = mixedFile(12);

  it('keeps the same diagnostics, devices, rows and omitted counts as filtering after the reader', () => {
    for (const cap of [0, 1, 5, 40, 1000]) {
      expect(summary(read(bytes, cap, true)), `cap ${cap}`).toEqual(summary(read(bytes, cap, false)));
    }
  });

  it('gives the same result however the file is chunked', () => {
    const small = mixedFile(2);
    const whole = summary(read(small, 7, true, small.length));
    for (const size of [1, 7, 333, 4096])
      expect(summary(read(small, 7, true, size)), `${size}`).toEqual(whole);
  });

  it('does not hand over the diagnostics past the cap, only counts them', () => {
    const gated = read(bytes, 3, true);
    const filtered = read(bytes, 3, false);
    expect(gated.calls).toBe(6);
    // 6 rejections and 2 warnings a round, the unterminated quote and the row read after it.
    expect(filtered.calls).toBe(12 * 8 + 2);
    expect(gated.omitted).toEqual([
      {
        file: 'mixed.csv',
        rejected: filtered.omitted[0]!.rejected,
        warnings: filtered.omitted[0]!.warnings,
      },
    ]);
    expect(gated.omitted[0]!.rejected).toBe(12 * 6 + 2 - 3);
    expect(gated.omitted[0]!.warnings).toBe(12 * 2 - 3);
  });

  it('still reports a whole-file refusal when the gate keeps nothing', () => {
    const refused: Rejection[] = [];
    const omitted: DiagnosticKind[] = [];
    const never: DiagnosticGate = { wouldKeep: () => false, omit: (_file, kind) => void omitted.push(kind) };
    const reader = new HashCsvReader('notes.csv', nodeHashPlatform, {
      device: () => undefined,
      rejected: (r) => void refused.push(r),
      warning: () => undefined,
      gate: never,
    });
    reader.push(new TextEncoder().encode('hello,world\r\n1,2\r\n'));
    reader.end();
    expect(refused.map((r) => [r.code, r.line])).toEqual([['not-a-hash-csv', 0]]);
    expect(omitted).toEqual([]);
  });

  it('asks the gate about the file it reads', () => {
    const asked = new Set<string>();
    const reader = new HashCsvReader('named.csv', nodeHashPlatform, {
      device: () => undefined,
      rejected: () => undefined,
      warning: () => undefined,
      gate: {
        wouldKeep: (file) => {
          asked.add(file);
          return true;
        },
        omit: () => undefined,
      },
    });
    reader.push(new TextEncoder().encode(`${HEADER}\r\nBAD,,x\r\n`));
    reader.end();
    expect([...asked]).toEqual(['named.csv']);
  });
});
