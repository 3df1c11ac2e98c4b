/**
 * Writing importer CSVs for a set of devices: split for the format, each file claimed under a name no other
 * export uses, written atomically, then read back and compared with what was meant, before anyone is told
 * it is done. Shared by `merge --out` and the ledger export.
 */
import { access, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CsvFormat } from '../../shared/csv/csv-writer';
import { csvFileNames, csvLines, fileStamp, planCsvFiles } from '../../shared/csv/csv-writer';
import type { DeviceRow } from '../../shared/device';
import type { Rejection, WarningCode } from '../../shared/diagnostics';
import type { DecodedHardwareHash } from '../../shared/hardware-hash';
import type { MergedDevice } from '../../shared/merge';
import type { WriteFailureKind } from '../files/atomic-write';
import {
  WriteError,
  errorCode,
  syncDirectory,
  writeFailureKind,
  writeFileAtomic,
} from '../files/atomic-write';
import { makeFolder } from '../files/make-folder';
import { readHashCsvFile } from '../merge/read-hash-csv-file';

export interface WrittenFile {
  readonly path: string;
  readonly devices: number;
}

/** Why writing stopped: a file-system failure, or a file that did not read back as written. */
export interface ImporterWriteFailure {
  readonly file: string;
  readonly kind: WriteFailureKind | 'verify-failed';
  readonly code: string | undefined;
}

export interface ImporterWriteResult {
  /** The devices the written files carry, in order. */
  readonly devices: readonly MergedDevice[];
  /** Devices the format cannot carry (value-not-writable). */
  readonly refused: readonly Rejection[];
  /** Files written completely and verified, in order; when `failure` is set, the ones before it. */
  readonly files: readonly WrittenFile[];
  readonly failure: ImporterWriteFailure | undefined;
}

export interface ImporterWriteOptions {
  readonly format: CsvFormat;
  readonly outDir: string;
  readonly now?: Date;
  /** The atomic write; tests pass one that damages the data, as a failing stick would. */
  readonly write?: typeof writeFileAtomic;
}

export async function writeImporterCsvs(
  devices: readonly MergedDevice[],
  options: ImporterWriteOptions,
): Promise<ImporterWriteResult> {
  const { format, outDir } = options;
  const plan = planCsvFiles(devices, format);
  const carried = plan.files.flat();
  const files: WrittenFile[] = [];
  if (plan.files.length === 0) return { devices: carried, refused: plan.refused, files, failure: undefined };
  try {
    await makeFolder(outDir).catch((error: unknown) => {
      throw asWriteError(outDir, error);
    });
    const stamp = fileStamp(options.now ?? new Date());
    // Real time, not `now` (the stamp in the names, which tests fix): litter ages in real time.
    await removeLitter(outDir, new Date());
    const names = await claimNames(outDir, format, plan.files.length, stamp).catch((error: unknown) => {
      throw asWriteError(outDir, error);
    });
    // Every part is written and verified under a hidden staging name first, and only a complete set is
    // renamed to the real names: a set cut short (a full stick, a pulled one, a killed export) never
    // leaves part 1-3 of 5 looking like an export.
    const staged: string[] = [];
    try {
      for (let i = 0; i < plan.files.length; i++) {
        const fileDevices = plan.files[i]!;
        const target = path.join(outDir, names[i]!);
        const staging = stagingFile(outDir, names[i]!);
        staged.push(staging);
        try {
          await (options.write ?? writeFileAtomic)(staging, csvLines(fileDevices, format));
        } catch (error) {
          // Named by the file the technician would see.
          if (error instanceof WriteError) throw new WriteError(error.kind, target, error.code, error);
          throw error;
        }
        if (!(await readsBackAs(staging, fileDevices, format))) {
          // A stick that hands back other bytes than it was given is failing: do not leave that file there.
          return {
            devices: carried,
            refused: plan.refused,
            files,
            failure: { file: target, kind: 'verify-failed', code: undefined },
          };
        }
      }
      await publish(
        staged,
        names.map((name) => path.join(outDir, name)),
      );
      for (let i = 0; i < plan.files.length; i++) {
        files.push({ path: path.join(outDir, names[i]!), devices: plan.files[i]!.length });
      }
      staged.length = 0;
    } finally {
      await Promise.all(staged.map((file) => unlink(file).catch(() => undefined)));
      await releaseNames(outDir, names);
    }
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    return {
      devices: carried,
      refused: plan.refused,
      files,
      failure: { file: error.file, kind: error.kind, code: error.code },
    };
  }
  return { devices: carried, refused: plan.refused, files, failure: undefined };
}

/**
 * Warnings the reader gives about a value itself, which a faithful copy of the file repeats: a file that
 * carries a serial with a dot reads back with `serial-risky-characters` however sound the stick is. Every
 * other warning means the reader had to repair or drop something, so the bytes are not what was written.
 *
 * Counting this warning as damage was why an export with such a serial always failed as "the USB stick may
 * be failing" and lost its file; the serials themselves are now refused when the export is planned
 * (`serial-character` in shared/csv/csv-writer.ts) except the dot, which Partner Center files keep.
 */
const VALUE_WARNINGS: ReadonlySet<WarningCode> = new Set(['serial-risky-characters']);

/**
 * Whether the file parses, with no problem, to exactly these devices in this order: serial, hash, product
 * ID, and (Intune) group tag and assigned user, the values the file carries.
 */
async function readsBackAs(
  file: string,
  expected: readonly MergedDevice[],
  format: CsvFormat,
): Promise<boolean> {
  // Compared as the rows stream in, so verifying a large export holds nothing but a counter.
  let index = 0;
  let same = true;
  await readHashCsvFile(file, {
    device: (row) => {
      const want = expected[index++];
      if (!want || !sameRow(row, want, format)) same = false;
    },
    rejected: () => {
      same = false;
    },
    warning: (warning) => {
      if (!VALUE_WARNINGS.has(warning.code)) same = false;
    },
  });
  return same && index === expected.length;
}

function sameRow(row: DeviceRow, want: MergedDevice, format: CsvFormat): boolean {
  if (row.serial !== want.serial || row.productId !== want.productId || !sameHash(row.hash, want.hash)) {
    return false;
  }
  return format !== 'intune' || (row.groupTag === want.groupTag && row.assignedUser === want.assignedUser);
}

function sameHash(a: DecodedHardwareHash, b: DecodedHardwareHash): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = a.bytes;
  const y = b.bytes;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function asWriteError(file: string, error: unknown): WriteError {
  return new WriteError(writeFailureKind(errorCode(error)), file, errorCode(error), error);
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

/**
 * Renames the verified staged files to their real names. Should a rename fail (the stick pulled between
 * two), the ones already renamed are taken back, so no partial set stays under the real names.
 */
async function publish(staged: readonly string[], targets: readonly string[]): Promise<void> {
  for (let i = 0; i < staged.length; i++) {
    try {
      await rename(staged[i]!, targets[i]!);
    } catch (error) {
      for (let back = 0; back < i; back++) await unlink(targets[back]!).catch(() => undefined);
      const code = errorCode(error);
      throw new WriteError(writeFailureKind(code), targets[i]!, code, error);
    }
  }
  await syncDirectory(path.dirname(targets[0]!));
}

function stagingFile(dir: string, name: string): string {
  return path.join(dir, `.${name}.staged`);
}

/**
 * Hidden files an export leaves only when it was killed: claims (`.NAME.claim`), staged parts
 * (`.NAME.staged`) and the atomic write's temporaries (`.NAME.<12 hex>.tmp`, `..NAME.staged.<12 hex>.tmp`), NAME
 * being one of our export names. Nothing else in the folder is ever touched.
 */
const LITTER =
  /^\.{1,2}autopilot-(?:partner-center|intune)-\d{8}-\d{6}(?:-\d+)?(?:-part-\d+-of-\d+)?\.csv(?:\.staged)?(?:\.claim|\.staged|\.[0-9a-f]{12}\.tmp)$/;

/** Older than this, litter cannot belong to an export still running (a set of files takes seconds). */
export const LITTER_AGE_MS = 60 * 60 * 1000;

/** Removes litter of killed exports (see `LITTER`) older than `LITTER_AGE_MS`; best effort. */
async function removeLitter(dir: string, now: Date): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!LITTER.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now.getTime() - (await stat(file)).mtime.getTime() > LITTER_AGE_MS) await unlink(file);
    } catch {
      // Gone already, or not ours to remove: the export goes on.
    }
  }
}

function claimFile(dir: string, name: string): string {
  return path.join(dir, `.${name}.claim`);
}

async function releaseNames(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => unlink(claimFile(dir, name)).catch(() => undefined)));
}
