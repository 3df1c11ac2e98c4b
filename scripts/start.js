#!/usr/bin/env node
// `npm start`: installs what is missing, builds, and starts the app.
//
// With Electron's binary: builds the renderer and bundles main and the preload, then opens the desktop
// window. Without it (it could not be downloaded, as on this project's CI machines): says so, builds the
// renderer, and runs `harvester ui`, which serves the same app to the web browser on 127.0.0.1, prints its
// address and opens the browser. Arguments after `npm start --` go to `harvester ui` (e.g. `--no-open`).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.js';
import { ensureDependencies } from './ensure-deps.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {{ readonly command: string, readonly args: readonly string[] }} Step
 * @typedef {{ readonly kind: 'electron' | 'browser', readonly notice: string | undefined,
 *   readonly steps: readonly Step[] }} StartPlan
 */

/**
 * What `npm start` runs, in order, stopping at the first step that fails. Pure, so a test can check both
 * paths without Electron and without starting anything.
 * @param {{ ok: true, executable: string } | { ok: false, why: string }} electron what electronBinary() found
 * @param {{ projectRoot?: string, node?: string, uiArgs?: readonly string[] }} [options]
 * @returns {StartPlan}
 */
export function startPlan(electron, options = {}) {
  const projectRoot = options.projectRoot ?? root;
  const node = options.node ?? process.execPath;
  // Vite's own entry, run by this Node: no shell and no npx, so it behaves the same on Windows.
  const buildRenderer = {
    command: node,
    args: [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
  };
  if (electron.ok) {
    return {
      kind: 'electron',
      notice: undefined,
      steps: [
        buildRenderer,
        { command: node, args: [path.join(projectRoot, 'build', 'bundle-electron.js')] },
        { command: electron.executable, args: [path.join(projectRoot, 'dist', 'electron', 'main.js')] },
      ],
    };
  }
  return {
    kind: 'browser',
    notice:
      `The desktop window cannot open here: ${electron.why}.\n` +
      'The same app opens in your web browser instead (served from this computer only).',
    steps: [
      buildRenderer,
      {
        command: node,
        args: [path.join(projectRoot, 'bin', 'harvester.js'), 'ui', ...(options.uiArgs ?? [])],
      },
    ],
  };
}

/**
 * Runs one step with the terminal's stdio. Ctrl+C reaches the child from the terminal itself, so this
 * process ignores it and waits for the child to stop cleanly (the app closes its ledger first); a SIGTERM
 * sent to this process alone is passed on.
 * @param {Step} step
 * @returns {Promise<number>}
 */
function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.command, [...step.args], { cwd: root, stdio: 'inherit' });
    const ignore = () => undefined;
    const forward = () => child.kill('SIGTERM');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    const done = (/** @type {number} */ code) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.once('error', (error) => {
      console.error(`Could not start ${step.command}: ${error.message}`);
      done(1);
    });
    // A child ended by a signal exits as a shell reports it: 128 + the signal's number.
    child.once('exit', (code, signal) =>
      done(code ?? 128 + (signal === null ? 0 : constants.signals[signal])),
    );
  });
}

async function main() {
  if (!ensureDependencies()) {
    console.error('Could not install the dependencies; see the npm output above.');
    return 1;
  }
  const plan = startPlan(electronBinary(), { uiArgs: process.argv.slice(2) });
  if (plan.notice !== undefined) console.log(`${plan.notice}\n`);
  for (const step of plan.steps) {
    const code = await run(step);
    if (code !== 0) return code;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
