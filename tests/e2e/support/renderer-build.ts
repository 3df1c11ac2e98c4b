/**
 * The renderer the end-to-end tests load, built from the working tree for this run: never a stale
 * dist/renderer left by an earlier build.
 *
 * The build goes to a folder named after a digest of everything it is made from (renderer/, shared/, the vite
 * config and the lock file), so the test files of one run, which vitest starts in several worker processes,
 * share one build, and any change to a source gives a new folder. A lock (an exclusive mkdir) lets one worker
 * build while the others wait; the build is written beside its final name and renamed into place, so a reader
 * never sees half of it. `vite build` runs as a child process: inside the test worker NODE_ENV is `test`,
 * which would give React's development build.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);

const SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const CACHE = path.join(os.tmpdir(), 'harvester-e2e-renderer');
/** A lock older than this was left by a killed worker. */
const STALE_LOCK_MS = 60_000;

/** A digest of the build's inputs (paths and contents). */
export function rendererSourceDigest(): string {
  const digest = createHash('sha256');
  const add = (relative: string) => {
    const full = path.join(REPO_ROOT, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) add(path.join(relative, entry));
      return;
    }
    digest.update(relative.split(path.sep).join('/')).update('\0').update(readFileSync(full)).update('\0');
  };
  SOURCES.forEach(add);
  return digest.digest('hex').slice(0, 20);
}

let built: Promise<string> | undefined;

/** The folder of a renderer built from the current sources (index.html + assets/); built at most once. */
export function builtRenderer(): Promise<string> {
  return (built ??= buildOnce());
}

async function buildOnce(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const digest = rendererSourceDigest();
  const target = path.join(CACHE, digest);
  const lock = `${target}.lock`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (existsSync(path.join(target, 'index.html'))) return target;
    if (tryLock(lock)) break;
    if (Date.now() > deadline) throw new Error(`renderer build: waited 2 minutes for ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    if (existsSync(path.join(target, 'index.html'))) return target;
    const staging = `${target}.build-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_ENV;
    delete env.VITEST;
    delete env.VITEST_MODE;
    await run(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        staging,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: REPO_ROOT, env, timeout: 120_000 },
    ).catch((error: unknown) => {
      const output = (error as { stderr?: string }).stderr ?? String(error);
      // eslint-disable-next-line no-control-regex
      throw new Error(`vite build of the renderer failed:\n${output.replace(/\x1b\[[0-9;]*m/g, '')}`);
    });
    if (!existsSync(path.join(staging, 'index.html'))) throw new Error('renderer build wrote no index.html');
    renameSync(staging, target);
    removeOtherBuilds(digest);
    return target;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile.
    }
    return false;
  }
}

/** Builds of older sources (an hour old or more: a concurrent run may still be using a recent one). */
function removeOtherBuilds(keep: string): void {
  for (const entry of readdirSync(CACHE)) {
    if (entry.startsWith(keep)) continue;
    const full = path.join(CACHE, entry);
    try {
      if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run removed it.
    }
  }
}
