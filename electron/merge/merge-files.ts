/**
 * The merge service: reads hash CSVs from disk as streams, merges their devices, and writes the CSV files
 * for an importer. Shared by the CLI now and by the app's import screen later.
 */
import type { FileHandle } from 'node:fs/promises';
import { access, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DeviceRow } from '../../shared/device';
import type { Rejection, Warning } from '../../shared/diagnostics';
import type { MergeOutcome, TagPolicy } from '../../shared/merge';
import { DeviceMerger } from '../../shared/merge';
import type { CsvFormat } from '../../shared/csv/csv-writer';
import { csvFileNames, csvLines, fileStamp, planCsvFiles } from '../../shared/csv/csv-writer';
import type { HashCsvSink } from '../../shared/csv/hash-csv-reader';
import { HashCsvReader } from '../../shared/csv/hash-csv-reader';
import type { WriteFailureKind } from '../files/atomic-write';
import { WriteError, errorCode, writeFailureKind, writeFileAtomic } from '../files/atomic-write';
import { nodeHashPlatform, nodeSha256 } from '../platform/sha256';

/** 1 MiB reads keep the number of trips to the disk (and their waits) low. */
const READ_CHUNK = 1 << 20;
/**
 * Parsed 64 KiB at a time: each piece's text stays below V8's large-object size, so it is freed by cheap
 * young-generation collections (peak memory for 100,000 devices: ~215 MB instead of ~270).
 */
const PARSE_CHUNK = 1 << 16;

export interface WrittenFile {
  readonly path: string;
  readonly devices: number;
}

export interface MergeReport extends MergeOutcome {
  readonly files: readonly WrittenFile[];
  /** Set when writing the output stopped; files listed in `files` were written completely. */
  readonly writeFailure?: {
    readonly file: string;
    readonly kind: WriteFailureKind;
    readonly code: string | undefined;
  };
}

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
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    unreadable(error);
    return;
  }
  try {
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
    }
    reader.end();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export interface MergeFilesOptions {
  readonly files: readonly string[];
  readonly tagPolicy: TagPolicy;
  /** Write importer CSVs of this format into `outDir` when given. */
  readonly output?: { readonly format: CsvFormat; readonly outDir: string; readonly now?: Date };
}

export async function mergeFiles(options: MergeFilesOptions): Promise<MergeReport> {
  const merger = new DeviceMerger(nodeSha256);
  const rejected: Rejection[] = [];
  const readWarnings: Warning[] = [];
  const sink: HashCsvSink = {
    device: (row: DeviceRow) => void merger.add(row),
    rejected: (r) => void rejected.push(r),
    warning: (w) => void readWarnings.push(w),
  };
  for (const file of options.files) await readHashCsvFile(file, sink);
  const outcome = merger.finish(options.tagPolicy);
  const warnings = [...readWarnings, ...outcome.warnings];
  rejected.push(...outcome.rejected);
  let devices = outcome.devices;
  const files: WrittenFile[] = [];
  let writeFailure: MergeReport['writeFailure'];
  if (options.output) {
    const { format, outDir } = options.output;
    const plan = planCsvFiles(outcome.devices, format);
    rejected.push(...plan.refused);
    // With output, the devices reported are the ones the files carry: a refused device is not "merged".
    devices = plan.files.flat();
    try {
      if (plan.files.length > 0) {
        await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
          throw new WriteError(writeFailureKind(errorCode(error)), outDir, errorCode(error), error);
        });
        const stamp = fileStamp(options.output.now ?? new Date());
        const names = await claimNames(outDir, format, plan.files.length, stamp).catch((error: unknown) => {
          throw new WriteError(writeFailureKind(errorCode(error)), outDir, errorCode(error), error);
        });
        try {
          for (let i = 0; i < plan.files.length; i++) {
            const devices = plan.files[i]!;
            const target = path.join(outDir, names[i]!);
            await writeFileAtomic(target, csvLines(devices, format));
            files.push({ path: target, devices: devices.length });
          }
        } finally {
          await releaseNames(outDir, names);
        }
      }
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      writeFailure = { file: error.file, kind: error.kind, code: error.code };
    }
  }
  return {
    devices,
    duplicates: outcome.duplicates,
    conflicts: outcome.conflicts,
    rejected,
    warnings,
    files,
    ...(writeFailure ? { writeFailure } : {}),
  };
}

/**
 * Claims names that no earlier or concurrent export uses. Checking first and writing later would let two
 * exports started in the same second write the same file; so each name is claimed by creating a hidden
 * `.NAME.claim` file with `wx` (which fails when it exists), and only then checked for an existing file.
 * The real name never exists until its complete content is renamed into place.
 */
async function claimNames(dir: string, format: CsvFormat, count: number, stamp: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const names = csvFileNames(format, count, attempt === 1 ? stamp : `${stamp}-${attempt}`);
    const claimed: string[] = [];
    let taken = false;
    try {
      for (const name of names) {
        if (!(await claim(dir, name))) {
          taken = true;
          break;
        }
        claimed.push(name);
      }
    } catch (error) {
      await releaseNames(dir, claimed);
      throw error;
    }
    if (!taken) return names;
    await releaseNames(dir, claimed);
  }
}

/** True when `name` is now ours: its claim file was created here and no file of that name exists. */
async function claim(dir: string, name: string): Promise<boolean> {
  try {
    await (await open(claimFile(dir, name), 'wx')).close();
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await access(path.join(dir, name));
  } catch {
    return true;
  }
  await unlink(claimFile(dir, name)).catch(() => undefined);
  return false;
}

function claimFile(dir: string, name: string): string {
  return path.join(dir, `.${name}.claim`);
}

async function releaseNames(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => unlink(claimFile(dir, name)).catch(() => undefined)));
}
