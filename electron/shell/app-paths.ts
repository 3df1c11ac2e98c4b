/**
 * Where the app's files are, in the source checkout and in the installed or portable app. The build puts
 * main and the preload side by side in `dist/electron/` and the renderer in `dist/renderer/`; the collection
 * script travels as an extra resource next to `app.asar` (build/electron-builder.json).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPathInputs {
  /** The folder of the running main bundle (`dist/electron`). */
  readonly mainDir: string;
  /** Electron's `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** Electron's `process.resourcesPath` (the folder holding `app.asar` and the extra resources). */
  readonly resourcesPath: string;
  /** Electron's `app.getAppPath()` (the project root when run unpackaged). */
  readonly appPath: string;
}

export interface AppPaths {
  readonly preload: string;
  readonly rendererIndex: string;
  /** `rendererIndex` as the `file:` URL the window shows; navigation and IPC checks compare against it. */
  readonly rendererUrl: string;
  readonly collectScript: string;
}

export const PRELOAD_FILE = 'preload.cjs';
export const COLLECT_SCRIPT_RESOURCE = 'collect-hash.ps1';

export function appPaths(inputs: AppPathInputs): AppPaths {
  const rendererIndex = path.resolve(inputs.mainDir, '..', 'renderer', 'index.html');
  return {
    preload: path.join(inputs.mainDir, PRELOAD_FILE),
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
    collectScript: inputs.isPackaged
      ? path.join(inputs.resourcesPath, COLLECT_SCRIPT_RESOURCE)
      : path.join(inputs.appPath, 'electron', 'collection', COLLECT_SCRIPT_RESOURCE),
  };
}
