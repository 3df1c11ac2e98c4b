// Where the Electron executable is, when the electron package and its downloaded binary are installed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Path of the Electron executable when it is installed, else a sentence saying why not.
 * @returns {{ ok: true, executable: string } | { ok: false, why: string }}
 */
export function electronBinary(projectRoot = root) {
  const dir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(dir)) return { ok: false, why: 'the electron package is not installed' };
  if (!existsSync(pathFile)) {
    return {
      ok: false,
      why: "Electron's binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, or no access to its download)",
    };
  }
  const executable = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? { ok: true, executable } : { ok: false, why: `${executable} is missing` };
}
