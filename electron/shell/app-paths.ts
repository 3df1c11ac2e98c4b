/**
 * Where the app's files are, in the source checkout and in the installed or portable app. The build puts
 * main and the preload side by side in `dist/electron/` and the renderer in `dist/renderer/`; the collection
 * script travels as an extra resource next to `app.asar` (build/electron-builder.json).
 */
import path from 'node:path';

export interface AppPathInputs {
  /** The folder of the running main bundle (`dist/electron`). */
  readonly mainDir: string;
  /** Electron's `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** Electron's `process.resourcesPath` (the folder holding `app.asar` and the extra resources). */
  readonly resourcesPath: string;
}

export interface AppPaths {
  readonly preload: string;
  /** The built renderer, served as `app://harvester/` (see app-protocol.ts). */
  readonly rendererDir: string;
  readonly collectScript: string;
}

export const PRELOAD_FILE = 'preload.cjs';
export const COLLECT_SCRIPT_RESOURCE = 'collect-hash.ps1';

/**
 * Everything is found from the main bundle's own folder, never from `app.getAppPath()`: run from the checkout
 * as `electron dist/electron/main.js`, that is `dist/electron`, not the project root.
 */
export function appPaths(inputs: AppPathInputs): AppPaths {
  return {
    preload: path.join(inputs.mainDir, PRELOAD_FILE),
    rendererDir: path.resolve(inputs.mainDir, '..', 'renderer'),
    collectScript: inputs.isPackaged
      ? path.join(inputs.resourcesPath, COLLECT_SCRIPT_RESOURCE)
      : path.resolve(inputs.mainDir, '..', '..', 'electron', 'collection', COLLECT_SCRIPT_RESOURCE),
  };
}
