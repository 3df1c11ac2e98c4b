/**
 * `ledger.lock`: one process at a time writes a ledger, so two app windows (or the app and the CLI) can
 * never interleave half lines or compact under each other. Created with `wx` (fails if it exists), holding
 * who took it; a lock whose process is gone from this computer is stale and taken over (see `acquireLock`),
 * and so is one whose PID now belongs to another process (after a reboot: see process-identity.ts).
 * Read-only opens take no lock at all.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { errorCode } from '../files/atomic-write';
import type { LedgerFs } from './journal';
import type { ProcessMarks, ProcessSystem } from './process-identity';
import { isOtherProcess, nodeProcessSystem } from './process-identity';

export { isProcessAlive } from './process-identity';

/** Who holds a lock, as written in the lock file (the marks only where the system gives them). */
export interface LockHolder extends ProcessMarks {
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

/** Guards a stale-lock takeover (see `acquireLock`); only ever held for a few file operations. */
export const TAKEOVER_FILE = 'ledger.lock.takeover';

/** A lock file with no readable holder (a crash between creating and writing it) is stale after this. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

/** A takeover guard older than this was left by a crash (or a process frozen that long) and is cleared. */
const TAKEOVER_STALE_MS = 10_000;

/** Attempts before giving up: waiting for another process's takeover costs a few of them (about 15 ms each). */
const MAX_ATTEMPTS = 100;

/**
 * Takes the lock in `dir`, taking over a stale one; says who holds it otherwise.
 *
 * Taking over is the delicate part: two processes that both judge the same lock stale must not both end up
 * holding the ledger. So a takeover happens only under a second lock, `ledger.lock.takeover` (created with
 * `wx`, so one process at a time), and inside it the lock is read again and removed only if it is still the
 * very file judged stale. Nobody ever renames or removes a lock they have not just re-read as stale under
 * the guard, and nobody puts a moved lock back (that could overwrite a lock a third process took). Last, the
 * new lock is read back and its random token compared: should a guard have been taken over after all (it
 * counts as stale when its process is gone, or after `TAKEOVER_STALE_MS`), the loser sees it lost.
 */
export async function acquireLock(
  fs: LedgerFs,
  dir: string,
  now: () => Date,
  system: ProcessSystem = nodeProcessSystem,
): Promise<LockResult> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const holder = newHolder(now, system);
    if ((await createLock(fs, file, holder)) && (await owns(fs, file, holder))) {
      return { kind: 'acquired', holder, recoveredStale: false };
    }
    const found = await readLock(fs, file);
    if (found === 'gone') continue;
    if (!isStale(found, now, system)) return { kind: 'held', holder: found.holder };
    const takeover = await takeOver(fs, dir, found.text, now, system);
    if (takeover === 'busy') {
      await pause();
    } else if (takeover !== 'lost' && (await owns(fs, file, takeover))) {
      return { kind: 'acquired', holder: takeover, recoveredStale: true };
    }
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
      const mark = (key: keyof ProcessMarks) =>
        typeof v[key] === 'string' && (v[key] as string).length <= 100 ? { [key]: v[key] as string } : {};
      return {
        pid: v.pid,
        hostname: v.hostname,
        since: v.since,
        token: v.token,
        ...mark('bootId'),
        ...mark('bootedAt'),
        ...mark('startTicks'),
      };
    }
  } catch {
    // Not JSON: see isStale.
  }
  return undefined;
}

/**
 * Stale: taken on this computer by a process that no longer runs, or whose PID now belongs to another
 * process (another boot, another start time: see `isOtherProcess`). A lock from another computer (the
 * stick was moved) cannot be checked and counts as held: the error says which computer, so the technician
 * can close the app there or delete the lock.
 */
function isStale(found: FoundLock, now: () => Date, system: ProcessSystem): boolean {
  if (!found.holder) return now().getTime() - found.modified.getTime() > UNREADABLE_LOCK_STALE_MS;
  return isHolderGone(found.holder, system);
}

function isHolderGone(holder: LockHolder, system: ProcessSystem): boolean {
  if (holder.hostname !== system.hostname()) return false;
  if (!system.isAlive(holder.pid)) return true;
  return isOtherProcess(holder, system.marks(holder.pid));
}

/**
 * Under the takeover guard: removes the lock if it is still the stale one judged (`staleText`, which holds a
 * random token, so no other lock reads the same), then creates this process's own. `busy`: another process
 * is taking over right now (a stale guard is cleared for the next attempt). `lost`: someone else took it.
 */
async function takeOver(
  fs: LedgerFs,
  dir: string,
  staleText: string,
  now: () => Date,
  system: ProcessSystem,
): Promise<LockHolder | 'busy' | 'lost'> {
  const file = path.join(dir, LOCK_FILE);
  const guardFile = path.join(dir, TAKEOVER_FILE);
  const guard = newHolder(now, system);
  if (!(await createLock(fs, guardFile, guard))) {
    const other = await readLock(fs, guardFile);
    if (other !== 'gone' && isGuardStale(other, now, system)) {
      await removeIfUnchanged(fs, guardFile, other.text);
    }
    return 'busy';
  }
  try {
    if (!(await owns(fs, guardFile, guard))) return 'busy';
    const current = await readLock(fs, file);
    if (current !== 'gone') {
      if (current.text !== staleText || !isStale(current, now, system)) return 'lost';
      await fs.unlink(file).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
    const holder = newHolder(now, system);
    return (await createLock(fs, file, holder)) ? holder : 'lost';
  } finally {
    await removeIfUnchanged(fs, guardFile, undefined, guard.token);
  }
}

/** Whether the lock file holds `holder` (by its random token). */
async function owns(fs: LedgerFs, file: string, holder: LockHolder): Promise<boolean> {
  const found = await readLock(fs, file);
  return found !== 'gone' && found.holder?.token === holder.token;
}

/**
 * Removes `file` if it still reads `text` (or holds `token`). Re-read just before, so the window in which
 * another process could replace it is a few microseconds, and that process would have to have judged a
 * takeover guard stale (its holder gone, or frozen for `TAKEOVER_STALE_MS`) at that very moment.
 */
async function removeIfUnchanged(
  fs: LedgerFs,
  file: string,
  text: string | undefined,
  token?: string,
): Promise<void> {
  const found = await readLock(fs, file).catch(() => 'gone' as const);
  if (found === 'gone') return;
  if (text !== undefined ? found.text !== text : found.holder?.token !== token) return;
  await fs.unlink(file).catch(() => undefined);
}

/** A takeover guard is held for a few file operations: stale when its process is gone, or it is old. */
function isGuardStale(found: FoundLock, now: () => Date, system: ProcessSystem): boolean {
  if (found.holder && isHolderGone(found.holder, system)) return true;
  return now().getTime() - found.modified.getTime() > TAKEOVER_STALE_MS;
}

function newHolder(now: () => Date, system: ProcessSystem): LockHolder {
  return {
    pid: process.pid,
    hostname: system.hostname(),
    since: now().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...system.marks(process.pid),
  };
}

/** A short random wait, so processes racing for a takeover do not retry in step. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
}
