#!/usr/bin/env node
// `npm start`: installs what is missing, then starts the app.
//
// The desktop app needs the Electron binary. Where it is absent (it could not be downloaded, as on this
// project's CI machines), this says so and shows what works without it instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.js';

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

function main() {
  if (!ensureDependencies()) {
    console.error('Could not install the dependencies; see the npm output above.');
    return 1;
  }
  const electron = electronBinary();
  const appEntry = path.join(root, 'electron', 'main.ts');
  if (electron.ok && existsSync(appEntry)) {
    return spawnSync(electron.executable, [root], { stdio: 'inherit' }).status ?? 1;
  }
  const why = electron.ok ? 'the desktop window is not part of this build yet' : electron.why;
  console.log(
    `The desktop app cannot start here: ${why}.\n` +
      'Everything else works without it. This is the command line, `npx harvester`:\n',
  );
  return (
    spawnSync(process.execPath, [path.join(root, 'bin', 'harvester.js'), '--help'], { stdio: 'inherit' })
      .status ?? 1
  );
}

process.exit(main());
