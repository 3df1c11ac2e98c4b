#!/usr/bin/env node
// `npm start`: installs what is missing, then starts the app.
//
// The desktop app needs the Electron binary. Where it is absent (it could not be downloaded, as on this
// project's CI machines), this says so and shows what works without it instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.js';
import { ensureDependencies } from './ensure-deps.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main() {
  if (!ensureDependencies()) {
    console.error('Could not install the dependencies; see the npm output above.');
    return 1;
  }
  const electron = electronBinary();
  // The desktop window needs the React UI (renderer/index.html), which arrives with the desktop-app work.
  const ui = path.join(root, 'renderer', 'index.html');
  if (electron.ok && existsSync(ui)) {
    const build = spawnSync(process.execPath, [path.join(root, 'build', 'bundle-electron.js')], {
      stdio: 'inherit',
    });
    if (build.status !== 0) return build.status ?? 1;
    return (
      spawnSync(electron.executable, [path.join(root, 'dist', 'electron', 'main.js')], { stdio: 'inherit' })
        .status ?? 1
    );
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
