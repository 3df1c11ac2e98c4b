import { existsSync, mkdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../../../../electron/files/atomic-write';
import { makeFolder } from '../../../../electron/files/make-folder';
import type { FolderFs } from '../../../../electron/files/make-folder';
import { Ledger, LedgerError } from '../../../../electron/ledger/ledger';
import { useTempDir } from '../../../support/temp-dir';
import { faultyFs, fsError } from '../ledger/faulty-fs';

/**
 * A drive mounted read-only under `root`, as Node behaves on one (checked on Linux with
 * `mount -t tmpfs -o ro`): a recursive mkdir of a deeper folder fails with ENOENT, a plain mkdir of a
 * folder whose parent exists with EROFS.
 */
function readOnlyBelow(root: string): FolderFs & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async mkdir(dir, options) {
      calls.push(`${options?.recursive ? 'mkdir -p' : 'mkdir'} ${dir}`);
      if (!dir.startsWith(root + path.sep)) return fs.mkdir(dir, options);
      throw fsError(options?.recursive ? 'ENOENT' : 'EROFS', 'mkdir', dir);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('makeFolder', () => {
  const temp = useTempDir();

  it('creates a folder and its missing parents', async () => {
    const dir = path.join(temp.path(), 'a', 'b', 'c');
    await makeFolder(dir);
    expect(existsSync(dir)).toBe(true);
  });

  it('reports EROFS, not ENOENT, when the nearest existing parent is on a read-only drive', async () => {
    const stick = path.join(temp.path(), 'stick');
    mkdirSync(stick);
    const ro = readOnlyBelow(stick);

    const error = await failure(makeFolder(path.join(stick, 'upload', 'today'), ro));

    expect(errorCode(error)).toBe('EROFS');
    expect(ro.calls).toEqual([
      `mkdir -p ${path.join(stick, 'upload', 'today')}`,
      `mkdir ${path.join(stick, 'upload')}`,
    ]);
  });

  it('keeps ENOENT when the drive itself is gone (no parent but the root exists)', async () => {
    const gone: FolderFs = {
      mkdir: async (dir) => Promise.reject(fsError('ENOENT', 'mkdir', dir)),
    };
    const error = await failure(makeFolder(path.join(temp.path(), 'x', 'y'), gone));
    expect(errorCode(error)).toBe('ENOENT');
  });
});

describe('Ledger.open on a read-only drive', () => {
  const temp = useTempDir();

  it('says the drive is read-only when the new ledger folder cannot be created', async () => {
    const stick = path.join(temp.path(), 'stick');
    mkdirSync(stick);
    const ro = readOnlyBelow(stick);
    const ledgerFs = { ...faultyFs(), mkdir: ro.mkdir };

    const error = await failure(
      Ledger.open({ dir: path.join(stick, 'AutopilotHarvester-ledger'), fs: ledgerFs }),
    );

    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ kind: 'write-failed', code: 'EROFS' });
    expect((error as LedgerError).message).toContain('read-only');
    expect((error as LedgerError).message).not.toContain('removed');
  });
});
