#!/usr/bin/env node
// Bundles the Electron main process and the preload for packaging (`npm run dist:win` runs this after the
// renderer build, before electron-builder):
//   dist/electron/main.js      ES module; `electron`, Node's modules and package.json dependencies stay
//                              external (electron-builder ships the production dependencies in app.asar).
//   dist/electron/preload.cjs  one CommonJS file with everything inlined: a sandboxed preload may load
//                              nothing but `electron`.
// main finds the renderer build at `../renderer` from its own folder and serves it as app://harvester/.
// `--out-dir DIR` writes elsewhere (a test bundles into a scratch folder under node_modules/.cache, where
// the external packages still resolve).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = outDirArgument() ?? path.join(root, 'dist', 'electron');

/** The folder after `--out-dir`; a flag without one is refused, since the folder is emptied first. */
function outDirArgument() {
  const at = process.argv.indexOf('--out-dir');
  if (at === -1) return undefined;
  const dir = process.argv[at + 1];
  if (dir === undefined || dir === '' || dir.startsWith('--')) {
    console.error('bundle-electron: --out-dir needs a folder');
    process.exit(2);
  }
  return path.resolve(dir);
}
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** True for imports that stay imports in the main bundle. */
function isExternalForMain(id) {
  return (
    id === 'electron' ||
    nodeBuiltins.includes(id) ||
    dependencies.some((name) => id === name || id.startsWith(`${name}/`))
  );
}

/**
 * @param {string} entry
 * @param {'es' | 'cjs'} format
 * @param {string} fileName
 * @param {(id: string) => boolean} external
 * @param {boolean} emptyOutDir
 */
async function bundle(entry, format, fileName, external, emptyOutDir) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // Vite leaves node_modules imports of an SSR bundle external by default; `external` alone decides here.
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir,
      minify: false,
      sourcemap: false,
      target: 'node22',
      rollupOptions: {
        input: path.join(root, entry),
        external,
        output: { format, entryFileNames: fileName },
      },
    },
  });
}

await bundle('electron/main.ts', 'es', 'main.js', isExternalForMain, true);
await bundle('electron/preload.ts', 'cjs', 'preload.cjs', (id) => id === 'electron', false);
console.log(`Bundled main and preload into ${path.relative(root, outDir)}`);
