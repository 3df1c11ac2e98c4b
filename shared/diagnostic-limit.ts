/**
 * Keeps at most so many diagnostics per file, counting the rest: a file of two million bad rows must not
 * hold two million messages in memory, nor print them. What is kept is the first ones, in file order.
 */
import type { Diagnostic } from './diagnostics';

/** Detailed rejections (and, separately, warnings) kept per file. */
export const DIAGNOSTICS_PER_FILE = 1000;

export type DiagnosticKind = 'rejection' | 'warning';

/**
 * Asked by a reader before it builds a diagnostic: one that would not be kept is only counted, so rows
 * past the cap cost little more than reading them (no message parameters, objects or strings).
 */
export interface DiagnosticGate {
  /** Whether a diagnostic of this kind and file would be kept now (nothing is counted). */
  wouldKeep(file: string, kind: DiagnosticKind): boolean;
  /** Counts a diagnostic that was not built because `wouldKeep` said no. */
  omit(file: string, kind: DiagnosticKind): void;
}

/** How many diagnostics of one file were counted but not kept. */
export interface OmittedDiagnostics {
  readonly file: string;
  readonly rejected: number;
  readonly warnings: number;
}

interface FileCounts {
  rejected: number;
  warnings: number;
  omittedRejected: number;
  omittedWarnings: number;
}

export class DiagnosticLimit implements DiagnosticGate {
  private readonly perFile = new Map<string, FileCounts>();
  /** The last file looked up: a reader asks about the same file row after row. */
  private lastFile: string | undefined;
  private last: FileCounts | undefined;

  constructor(private readonly limit = DIAGNOSTICS_PER_FILE) {}

  /** Whether to keep this rejection (true for the first `limit` of its file). */
  keepRejection(diagnostic: Diagnostic): boolean {
    const counts = this.counts(diagnostic.file);
    if (counts.rejected < this.limit) {
      counts.rejected++;
      return true;
    }
    counts.omittedRejected++;
    return false;
  }

  /** Whether to keep this warning (true for the first `limit` of its file). */
  keepWarning(diagnostic: Diagnostic): boolean {
    const counts = this.counts(diagnostic.file);
    if (counts.warnings < this.limit) {
      counts.warnings++;
      return true;
    }
    counts.omittedWarnings++;
    return false;
  }

  wouldKeep(file: string, kind: DiagnosticKind): boolean {
    const counts = this.counts(file);
    return (kind === 'rejection' ? counts.rejected : counts.warnings) < this.limit;
  }

  omit(file: string, kind: DiagnosticKind): void {
    const counts = this.counts(file);
    if (kind === 'rejection') counts.omittedRejected++;
    else counts.omittedWarnings++;
  }

  /** Files with diagnostics left out, in the order their first diagnostic came. */
  get omitted(): OmittedDiagnostics[] {
    const out: OmittedDiagnostics[] = [];
    for (const [file, c] of this.perFile) {
      if (c.omittedRejected > 0 || c.omittedWarnings > 0) {
        out.push({ file, rejected: c.omittedRejected, warnings: c.omittedWarnings });
      }
    }
    return out;
  }

  private counts(file: string): FileCounts {
    if (file === this.lastFile && this.last !== undefined) return this.last;
    let counts = this.perFile.get(file);
    if (!counts) {
      counts = { rejected: 0, warnings: 0, omittedRejected: 0, omittedWarnings: 0 };
      this.perFile.set(file, counts);
    }
    this.lastFile = file;
    this.last = counts;
    return counts;
  }
}
