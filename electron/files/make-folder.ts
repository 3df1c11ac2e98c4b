/**
 * Creating a folder and the folders above it, with the error that says what really went wrong, made
 * durable.
 *
 * `mkdir(dir, { recursive: true })` in Node reports ENOENT when a parent cannot be created on a read-only
 * drive (checked on Linux with a read-only tmpfs: recursive mkdir gives ENOENT, a plain mkdir under the
 * same parent EROFS): it tries the deepest folder first and returns that attempt's error. ENOENT reads as
 * "the USB stick was pulled". So on ENOENT the first missing folder is created on its own under its
 * nearest existing parent, and that attempt's error (EROFS, EACCES, ENOSPC...) is the one reported.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './atomic-write';

/** The `mkdir` a folder is made with; tests inject one that fails as a read-only drive does. */
export interface FolderFs {
  mkdir(dir: string, options?: { readonly recursive?: boolean }): Promise<unknown>;
}

/** Creates `dir` with its parents; throws the file system's error, with its true code (see above). */
export async function makeFolder(dir: string, fs: FolderFs = nodeFs): Promise<void> {
  const target = path.resolve(dir);
  let created: unknown;
  try {
    created = await fs.mkdir(target, { recursive: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    const missing = await firstMissing(target);
    if (missing !== undefined) {
      try {
        await fs.mkdir(missing);
      } catch (probe) {
        if (errorCode(probe) !== 'EEXIST') throw probe;
      }
    }
    throw error;
  }
  // A new folder's entry in its parent is made durable, as a new file's is (POSIX needs the parent fsync'd).
  if (typeof created === 'string') await syncCreatedFolders(path.resolve(created), target);
}

/** The highest folder on the way to `dir` that does not exist, below one that does. */
async function firstMissing(dir: string): Promise<string | undefined> {
  let child = dir;
  for (let parent = path.dirname(child); parent !== child; child = parent, parent = path.dirname(parent)) {
    try {
      await nodeFs.stat(parent);
      return child;
    } catch {
      // Missing too: go up.
    }
  }
  return undefined;
}

/** Fsyncs the parent of each folder created, from `first` (the highest created) down to `target`. */
async function syncCreatedFolders(first: string, target: string): Promise<void> {
  const folders: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    folders.push(path.dirname(at));
    if (at === first || path.dirname(at) === at) break;
  }
  for (const folder of folders) await syncFolder(folder);
}

/** Windows cannot open a folder for fsync and needs none; elsewhere a failure here loses nothing written. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await nodeFs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
