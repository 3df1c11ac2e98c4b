import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPlan } from '../../../scripts/start.js';

const projectRoot = path.resolve('/project');
const node = path.resolve('/usr/bin/node');
const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');

describe('startPlan', () => {
  it('builds the renderer, bundles main and the preload, then starts Electron when its binary is there', () => {
    const electron = path.join(projectRoot, 'node_modules', 'electron', 'dist', 'electron');
    const plan = startPlan({ ok: true, executable: electron }, { projectRoot, node });
    expect(plan.kind).toBe('electron');
    expect(plan.notice).toBeUndefined();
    expect(plan.steps).toEqual([
      { command: node, args: [vite, 'build', '--logLevel', 'warn'] },
      { command: node, args: [path.join(projectRoot, 'build', 'bundle-electron.js')] },
      { command: electron, args: [path.join(projectRoot, 'dist', 'electron', 'main.js')] },
    ]);
  });

  it('says why the window cannot open, then builds the renderer and runs harvester ui without the binary', () => {
    const plan = startPlan(
      { ok: false, why: "Electron's binary was not downloaded" },
      { projectRoot, node, uiArgs: ['--no-open', '--port', '8080'] },
    );
    expect(plan.kind).toBe('browser');
    expect(plan.notice?.split('\n')).toEqual([
      "The desktop window cannot open here: Electron's binary was not downloaded.",
      'The same app opens in your web browser instead (served from this computer only).',
    ]);
    expect(plan.steps).toEqual([
      { command: node, args: [vite, 'build', '--logLevel', 'warn'] },
      {
        command: node,
        args: [path.join(projectRoot, 'bin', 'harvester.js'), 'ui', '--no-open', '--port', '8080'],
      },
    ]);
  });

  it('runs the build with the Node that runs npm start, not a shell', () => {
    const plan = startPlan({ ok: false, why: 'the electron package is not installed' });
    expect(plan.steps.every((step) => step.command === process.execPath)).toBe(true);
  });
});
