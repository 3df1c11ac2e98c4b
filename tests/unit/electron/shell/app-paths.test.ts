import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../../electron/shell/app-paths';

describe('appPaths', () => {
  const project = path.resolve('/project');
  const unpackaged = appPaths({
    mainDir: path.join(project, 'dist', 'electron'),
    isPackaged: false,
    resourcesPath: path.join(project, 'node_modules', 'electron', 'dist', 'resources'),
  });

  it('finds the preload beside main and the renderer build beside that', () => {
    expect(unpackaged.preload).toBe(path.join(project, 'dist', 'electron', 'preload.cjs'));
    expect(unpackaged.rendererDir).toBe(path.join(project, 'dist', 'renderer'));
  });

  it("finds the checkout's collection script from main's own folder when unpackaged", () => {
    // `electron dist/electron/main.js` makes app.getAppPath() dist/electron; main's folder is what is certain.
    expect(unpackaged.collectScript).toBe(path.join(project, 'electron', 'collection', 'collect-hash.ps1'));
  });

  it('uses the extra resource next to app.asar when packaged', () => {
    const resources = path.resolve('/apps/Autopilot Harvester/resources');
    const packaged = appPaths({
      mainDir: path.join(resources, 'app.asar', 'dist', 'electron'),
      isPackaged: true,
      resourcesPath: resources,
    });
    expect(packaged.collectScript).toBe(path.join(resources, 'collect-hash.ps1'));
    expect(packaged.rendererDir).toBe(path.join(resources, 'app.asar', 'dist', 'renderer'));
  });
});
