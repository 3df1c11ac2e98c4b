/**
 * Telling whether the process a `ledger.lock` names is still the one that took it. A PID alone is not
 * enough: after a reboot (or on a busy system) the number is given to another process, and a lock whose
 * PID "is alive" would block the ledger until someone deleted it by hand.
 *
 * - Linux: `/proc/sys/kernel/random/boot_id` is a random UUID generated at each boot, and field 22 of
 *   `/proc/PID/stat` (`starttime`) is when the process started, in clock ticks since boot (proc(5),
 *   https://man7.org/linux/man-pages/man5/proc.5.html). Boot id plus start time names one process exactly.
 * - Elsewhere (Windows, macOS): Node has no call for another process's start time, and the app must not run
 *   PowerShell for it (collection is the only PowerShell use). What it can read is the boot time,
 *   `Date.now() - os.uptime()` (GetTickCount64 on Windows, per libuv's `uv_uptime`): a lock from an earlier
 *   boot is stale whatever its PID. Fallback, assumed and documented: a PID reused within the same boot
 *   still counts as held, and the locked message says which process and where the lock file is.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { errorCode } from '../files/atomic-write';

/** What a lock records about the process that took it, beside its PID and host name. */
export interface ProcessMarks {
  /** Linux boot id. */
  readonly bootId?: string;
  /** ISO 8601, to the second: when this computer started, from its uptime. */
  readonly bootedAt?: string;
  /** Linux: the process's start time in clock ticks since boot (`/proc/PID/stat` field 22). */
  readonly startTicks?: string;
}

/** The system facts a lock check reads; tests give their own. */
export interface ProcessSystem {
  hostname(): string;
  /** Whether a process with this PID runs (it may be another process than the one meant). */
  isAlive(pid: number): boolean;
  /** The marks of process `pid` now, as far as this system can tell (empty when it cannot). */
  marks(pid: number): ProcessMarks;
}

/**
 * Boot times read from uptime wobble by a second or two (and by clock corrections): two within this much
 * are the same boot. A reboot takes longer than this.
 */
export const BOOT_TOLERANCE_MS = 90_000;

/** `kill(pid, 0)` sends nothing; it fails with ESRCH when no such process exists (EPERM: exists, not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export const nodeProcessSystem: ProcessSystem = {
  hostname: () => os.hostname(),
  isAlive: isProcessAlive,
  marks(pid) {
    const bootedAt = new Date(Math.round((Date.now() - os.uptime() * 1000) / 1000) * 1000).toISOString();
    if (process.platform !== 'linux') return { bootedAt };
    const bootId = readText('/proc/sys/kernel/random/boot_id');
    const startTicks = linuxStartTicks(pid);
    return {
      bootedAt,
      ...(bootId !== undefined ? { bootId } : {}),
      ...(startTicks !== undefined ? { startTicks } : {}),
    };
  },
};

/**
 * Whether the process named by a lock (`recorded`, from the lock) is certainly not the one running now
 * under that PID (`current`): another boot, or another start time. Marks the lock lacks (older versions,
 * another system) prove nothing.
 */
export function isOtherProcess(recorded: ProcessMarks, current: ProcessMarks): boolean {
  if (recorded.bootId !== undefined && current.bootId !== undefined) {
    if (recorded.bootId !== current.bootId) return true;
    if (recorded.startTicks !== undefined && current.startTicks !== undefined) {
      return recorded.startTicks !== current.startTicks;
    }
    return false;
  }
  if (recorded.bootedAt !== undefined && current.bootedAt !== undefined) {
    const a = Date.parse(recorded.bootedAt);
    const b = Date.parse(current.bootedAt);
    if (Number.isFinite(a) && Number.isFinite(b)) return Math.abs(a - b) > BOOT_TOLERANCE_MS;
  }
  return false;
}

/** Field 22 of `/proc/PID/stat`; the command name (field 2) is in parentheses and may hold spaces. */
function linuxStartTicks(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the parenthesis comes field 3 (state): field 22 is at index 19.
  const ticks = fields[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
