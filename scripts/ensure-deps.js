#!/usr/bin/env node
// Installs the project's dependencies when they are missing or out of date, so that `npm start` and
// `npm test` each work as one command on a fresh checkout. Plain Node, no dependencies: it runs before any.
//
// Electron's binary is downloaded by its own install step. Where it cannot be (no access to its download
// host, as on locked-down CI machines), the install is retried without it and we say so: the CLI and the
// tests work without the binary; only the desktop window needs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages the lockfile requires that are absent or at another version (optional ones are skipped).
 * @returns {string[]}
 */
export function missingPackages(projectRoot = root) {
  const lockFile = path.join(projectRoot, 'package-lock.json');
  if (!existsSync(lockFile)) return ['package-lock.json'];
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const missing = [];
  for (const [where, info] of Object.entries(lock.packages ?? {})) {
    if (!where.startsWith('node_modules/') || info.optional || info.devOptional || info.link || info.inBundle)
      continue;
    const manifest = path.join(projectRoot, where, 'package.json');
    if (!existsSync(manifest)) {
      missing.push(where);
      continue;
    }
    try {
      if (JSON.parse(readFileSync(manifest, 'utf8')).version !== info.version) missing.push(where);
    } catch {
      missing.push(where);
    }
  }
  return missing;
}

/**
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function npm(args, env) {
  // npm_execpath is set when we run under npm; otherwise find npm on PATH (npm.cmd on Windows).
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, ...args], { cwd: root, stdio: 'inherit', env })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
        cwd: root,
        stdio: 'inherit',
        env,
        shell: process.platform === 'win32',
      });
  return result.status === 0;
}

export function ensureDependencies() {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  console.error(`Installing dependencies (${missing.length} missing or outdated)...`);
  const args = existsSync(path.join(root, 'package-lock.json'))
    ? ['ci', '--no-audit', '--no-fund']
    : ['install', '--no-audit', '--no-fund'];
  if (npm(args, process.env)) return true;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  console.error(
    '\nThe install failed, most likely because the Electron binary could not be downloaded here.\n' +
      'Retrying without it: the command line and the tests work without Electron;\n' +
      'only the desktop window needs it (install on a machine that can reach the Electron download to get it).\n',
  );
  return npm(args, { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(ensureDependencies() ? 0 : 1);
}
