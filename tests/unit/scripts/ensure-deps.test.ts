import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPackages } from '../../../scripts/ensure-deps.js';
import { electronBinary } from '../../../scripts/electron-binary.js';
import { useTempDir } from '../../support/temp-dir';

function project(root: string, packages: Record<string, object>): void {
  writeFileSync(
    path.join(root, 'package-lock.json'),
    JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...packages } }),
  );
}

function install(root: string, name: string, version: string): void {
  mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
}

describe('missingPackages', () => {
  const temp = useTempDir();

  it('finds nothing missing when every locked package is installed at its version', () => {
    project(temp.path(), { 'node_modules/zod': { version: '4.0.0' } });
    install(temp.path(), 'zod', '4.0.0');
    expect(missingPackages(temp.path())).toEqual([]);
  });

  it('lists packages that are absent or at another version', () => {
    project(temp.path(), {
      'node_modules/zod': { version: '4.0.0' },
      'node_modules/commander': { version: '14.0.0' },
    });
    install(temp.path(), 'zod', '3.0.0');
    expect(missingPackages(temp.path())).toEqual(['node_modules/zod', 'node_modules/commander']);
  });

  it('ignores optional packages, which exist only on some platforms', () => {
    project(temp.path(), { 'node_modules/@esbuild/win32-x64': { version: '1.0.0', optional: true } });
    expect(missingPackages(temp.path())).toEqual([]);
  });

  it('asks for an install when there is no lockfile', () => {
    expect(missingPackages(temp.path())).toEqual(['package-lock.json']);
  });
});

describe('electronBinary', () => {
  const temp = useTempDir();

  it('says the package is missing when Electron is not installed', () => {
    expect(electronBinary(temp.path())).toEqual({ ok: false, why: 'the electron package is not installed' });
  });

  it('says the binary was not downloaded when only the package is there', () => {
    install(temp.path(), 'electron', '41.0.0');
    const result = electronBinary(temp.path());
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.why).toContain('binary was not downloaded');
  });

  it('finds the executable named by path.txt', () => {
    install(temp.path(), 'electron', '41.0.0');
    const dir = path.join(temp.path(), 'node_modules', 'electron');
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(electronBinary(temp.path())).toEqual({ ok: true, executable: path.join(dir, 'dist', 'electron') });
  });
});
