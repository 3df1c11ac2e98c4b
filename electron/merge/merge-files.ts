/**
 * The merge service: reads hash CSVs from disk as streams, merges their devices, and writes the CSV files
 * for an importer. Shared by the CLI now and by the app's import screen later.
 */
import type { DeviceRow } from '../../shared/device';
import type { OmittedDiagnostics } from '../../shared/diagnostic-limit';
import { DiagnosticLimit } from '../../shared/diagnostic-limit';
import type { Rejection, Warning } from '../../shared/diagnostics';
import type { MergeOutcome, TagPolicy } from '../../shared/merge';
import { DeviceMerger, tagPolicyForFormat } from '../../shared/merge';
import type { CsvFormat } from '../../shared/csv/csv-writer';
import type { HashCsvSink } from '../../shared/csv/hash-csv-reader';
import type { ImporterWriteFailure, WrittenFile } from '../export/importer-files';
import { writeImporterCsvs } from '../export/importer-files';
import { nodeSha256 } from '../platform/sha256';
import { readHashCsvFile } from './read-hash-csv-file';

export type { WrittenFile } from '../export/importer-files';
export { readHashCsvFile } from './read-hash-csv-file';

export interface MergeReport extends MergeOutcome {
  readonly files: readonly WrittenFile[];
  /** Set when writing the output stopped; files listed in `files` were written completely and verified. */
  readonly writeFailure?: ImporterWriteFailure;
  /**
   * Per file, the rejections and warnings counted but not listed: only the first `DIAGNOSTICS_PER_FILE`
   * of each are kept, so a file of millions of bad rows stays bounded in memory and output.
   */
  readonly omitted: readonly OmittedDiagnostics[];
}

export interface MergeFilesOptions {
  readonly files: readonly string[];
  readonly tagPolicy: TagPolicy;
  /** Write importer CSVs of this format into `outDir` when given. */
  readonly output?: { readonly format: CsvFormat; readonly outDir: string; readonly now?: Date };
}

export async function mergeFiles(options: MergeFilesOptions): Promise<MergeReport> {
  const merger = new DeviceMerger(nodeSha256);
  const limit = new DiagnosticLimit();
  const rejected: Rejection[] = [];
  const warnings: Warning[] = [];
  const reject = (r: Rejection) => void (limit.keepRejection(r) && rejected.push(r));
  const sink: HashCsvSink = {
    device: (row: DeviceRow) => void merger.add(row),
    rejected: reject,
    warning: (w) => void (limit.keepWarning(w) && warnings.push(w)),
    // Rows past the cap are counted by the limit without their diagnostics being built.
    gate: limit,
  };
  for (const file of options.files) await readHashCsvFile(file, sink);
  const outcome = merger.finish(
    options.output ? tagPolicyForFormat(options.output.format, options.tagPolicy) : options.tagPolicy,
  );
  for (const w of outcome.warnings) sink.warning(w);
  for (const r of outcome.rejected) reject(r);
  let devices = outcome.devices;
  let files: readonly WrittenFile[] = [];
  let writeFailure: MergeReport['writeFailure'];
  if (options.output) {
    const written = await writeImporterCsvs(outcome.devices, options.output);
    for (const r of written.refused) reject(r);
    // With output, the devices reported are the ones the files carry: a refused device is not "merged".
    devices = written.devices;
    files = written.files;
    writeFailure = written.failure;
  }
  return {
    devices,
    duplicates: outcome.duplicates,
    conflicts: outcome.conflicts,
    rejected,
    warnings,
    files,
    ...(writeFailure ? { writeFailure } : {}),
    omitted: limit.omitted,
  };
}
