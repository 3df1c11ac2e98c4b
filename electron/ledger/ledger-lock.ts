/**
 * `ledger.lock`: one process at a time writes a ledger, so two app windows (or the app and the CLI) can
 * never interleave half lines or compact under each other. Created with `wx` (fails if it exists), holding
 * who took it; a lock whose process is gone from this computer is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { errorCode } from '../files/atomic-write';
import type { LedgerFs } from './journal';

/** Who holds a lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601: when the lock was taken. */
  readonly since: string;
  /** Random, so a process releases only its own lock, never one taken over after it. */
  readonly token: string;
}

export type LockResult =
  | { readonly kind: 'acquired'; readonly holder: LockHolder; readonly recoveredStale: boolean }
  /** `holder` is undefined when the lock file cannot be read as one (being written right now, or damaged). */
  | { readonly kind: 'held'; readonly holder: LockHolder | undefined };

export const LOCK_FILE = 'ledger.lock';

/** A lock file with no readable holder (a crash between creating and writing it) is stale after this. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

/** Takes the lock in `dir`, taking over a stale one; says who holds it otherwise. */
export async function acquireLock(fs: LedgerFs, dir: string, now: () => Date): Promise<LockResult> {
  const file = path.join(dir, LOCK_FILE);
  let recoveredStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const holder: LockHolder = {
      pid: process.pid,
      hostname: os.hostname(),
      since: now().toISOString(),
      token: randomBytes(8).toString('hex'),
    };
    if (await createLock(fs, file, holder)) return { kind: 'acquired', holder, recoveredStale };
    const found = await readLock(fs, file);
    if (found === 'gone') continue;
    if (!isStale(found, now)) return { kind: 'held', holder: found.holder };
    if (await removeStale(fs, file, found.text)) recoveredStale = true;
  }
  const last = await readLock(fs, file);
  return { kind: 'held', holder: last === 'gone' ? undefined : last.holder };
}

/** Removes the lock if it is still the one this process took. */
export async function releaseLock(fs: LedgerFs, dir: string, holder: LockHolder): Promise<void> {
  const file = path.join(dir, LOCK_FILE);
  const found = await readLock(fs, file).catch(() => 'gone' as const);
  if (found === 'gone' || found.holder?.token !== holder.token) return;
  await fs.unlink(file).catch(() => undefined);
}

async function createLock(fs: LedgerFs, file: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder));
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close().catch(() => undefined);
  return true;
}

interface FoundLock {
  readonly text: string;
  readonly holder: LockHolder | undefined;
  readonly modified: Date;
}

async function readLock(fs: LedgerFs, file: string): Promise<FoundLock | 'gone'> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const text = await handle.readFile('utf8');
    const modified = (await handle.stat()).mtime;
    return { text, holder: parseHolder(text), modified };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (
      typeof v.pid === 'number' &&
      Number.isSafeInteger(v.pid) &&
      v.pid > 0 &&
      typeof v.hostname === 'string' &&
      typeof v.since === 'string' &&
      typeof v.token === 'string'
    ) {
      return { pid: v.pid, hostname: v.hostname, since: v.since, token: v.token };
    }
  } catch {
    // Not JSON: see isStale.
  }
  return undefined;
}

/**
 * Stale: taken on this computer by a process that no longer runs. A lock from another computer (the stick
 * was moved) cannot be checked and counts as held: the error says which computer, so the technician can
 * close the app there or delete the lock.
 */
function isStale(found: FoundLock, now: () => Date): boolean {
  if (!found.holder) return now().getTime() - found.modified.getTime() > UNREADABLE_LOCK_STALE_MS;
  return found.holder.hostname === os.hostname() && !isProcessAlive(found.holder.pid);
}

/** `kill(pid, 0)` sends nothing; it fails with ESRCH when no such process exists (EPERM: exists, not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Takes a stale lock out of the way by renaming it (only one of two racing processes can), then checks that
 * what it moved is the stale lock it judged and not one another process took meanwhile; if it is not, it
 * puts it back.
 */
async function removeStale(fs: LedgerFs, file: string, staleText: string): Promise<boolean> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch {
    return false;
  }
  const moved = await readLock(fs, aside).catch(() => 'gone' as const);
  if (moved !== 'gone' && moved.text !== staleText) {
    await fs.rename(aside, file).catch(() => undefined);
    return false;
  }
  await fs.unlink(aside).catch(() => undefined);
  return true;
}
