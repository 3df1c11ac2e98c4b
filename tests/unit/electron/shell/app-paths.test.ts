import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../../electron/shell/app-paths';

describe('appPaths', () => {
  const project = path.resolve('/project');
  const unpackaged = appPaths({
    mainDir: path.join(project, 'dist', 'electron'),
    isPackaged: false,
    resourcesPath: path.join(project, 'node_modules', 'electron', 'dist', 'resources'),
    appPath: project,
  });

  it('finds the preload beside main and the renderer beside that', () => {
    expect(unpackaged.preload).toBe(path.join(project, 'dist', 'electron', 'preload.cjs'));
    expect(unpackaged.rendererIndex).toBe(path.join(project, 'dist', 'renderer', 'index.html'));
  });

  it('gives the renderer as the file: URL the window will show', () => {
    expect(new URL(unpackaged.rendererUrl).protocol).toBe('file:');
    expect(unpackaged.rendererUrl.endsWith('/dist/renderer/index.html')).toBe(true);
  });

  it('uses the source tree collection script when unpackaged', () => {
    expect(unpackaged.collectScript).toBe(path.join(project, 'electron', 'collection', 'collect-hash.ps1'));
  });

  it('uses the extra resource when packaged', () => {
    const resources = path.resolve('/apps/Autopilot Harvester/resources');
    const packaged = appPaths({
      mainDir: path.join(resources, 'app.asar', 'dist', 'electron'),
      isPackaged: true,
      resourcesPath: resources,
      appPath: path.join(resources, 'app.asar'),
    });
    expect(packaged.collectScript).toBe(path.join(resources, 'collect-hash.ps1'));
    expect(packaged.rendererIndex).toBe(path.join(resources, 'app.asar', 'dist', 'renderer', 'index.html'));
    expect(packaged.rendererUrl).toContain('/Autopilot%20Harvester/resources/app.asar/dist/renderer/');
  });
});
