/** The real file system with failures injected where a full disk or a pulled stick would fail. */
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { LedgerFs } from '../../../../electron/ledger/ledger';

/** An error as Node's fs raises it: message, `code`, `syscall`, `path`. */
export function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated failure, ${syscall} '${file}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

/** What fails, for files whose path ends with `target` (all files when it is undefined). Mutable. */
export interface Faults {
  target?: string;
  open?: string;
  /** Writes half the data, then fails. */
  write?: string;
  sync?: string;
  truncate?: string;
  rename?: string;
  mkdir?: string;
}

export interface FaultyFs extends LedgerFs {
  readonly faults: Faults;
  /** `sync` calls that succeeded, by file. */
  readonly syncs: string[];
}

export function faultyFs(faults: Faults = {}): FaultyFs {
  const hits = (file: string) => faults.target === undefined || file.endsWith(faults.target);
  const syncs: string[] = [];
  return {
    faults,
    syncs,
    async open(file, flags) {
      if (faults.open && hits(file)) throw fsError(faults.open, 'open', file);
      return failing(await fs.open(file, flags), file, faults, hits(file), syncs);
    },
    async rename(from, to) {
      if (faults.rename && hits(to)) throw fsError(faults.rename, 'rename', from);
      await fs.rename(from, to);
    },
    async unlink(file) {
      await fs.unlink(file);
    },
    async mkdir(dir, options) {
      if (faults.mkdir && hits(dir)) throw fsError(faults.mkdir, 'mkdir', dir);
      return fs.mkdir(dir, options);
    },
  };
}

function failing(
  handle: FileHandle,
  file: string,
  faults: Faults,
  hit: boolean,
  syncs: string[],
): FileHandle {
  const overrides: Partial<Record<keyof FileHandle, unknown>> = {
    async write(data: Uint8Array, offset: number, length: number, position: number) {
      if (!hit || !faults.write) return handle.write(data, offset, length, position);
      await handle.write(data, offset, Math.floor(length / 2), position);
      throw fsError(faults.write, 'write', file);
    },
    async sync() {
      if (hit && faults.sync) throw fsError(faults.sync, 'fsync', file);
      await handle.sync();
      syncs.push(file);
    },
    async truncate(length: number) {
      if (hit && faults.truncate) throw fsError(faults.truncate, 'ftruncate', file);
      return handle.truncate(length);
    },
  };
  return new Proxy(handle, {
    get(real, property) {
      if (typeof property === 'string' && property in overrides)
        return overrides[property as keyof FileHandle];
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}
