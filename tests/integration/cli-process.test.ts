/**
 * The CLI as scripts and technicians run it: real processes through npm, npx and the bin entry, right after
 * the install with no build step (the contract other checks rely on).
 */
import { spawn as spawnChild, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildHash } from '../support/hash-builder';
import { scriptCsv, useTempDir } from '../support/temp-dir';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const realSample = path.resolve(root, '../shared/fixtures/real/hp-elitebook-840-g8.csv');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function spawn(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', HARVESTER_LANG: undefined },
    shell: process.platform === 'win32',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = useTempDir();

describe('the harvester command as a process', () => {
  it('prints only the JSON object on stdout through npm run --silent harvester', () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', buildHash({ serial: 'PF3AAAA1' })]]));
    const result = spawn(npm, ['run', '--silent', 'harvester', '--', 'merge', input, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { devices: { serial: string }[] };
    expect(json.devices.map((d) => d.serial)).toEqual(['PF3AAAA1']);
  });

  it('runs through npx with the exit code of the command', () => {
    expect(spawn(npx, ['harvester', 'tag', 'check', 'Microsoft365Managed_Autopilot']).code).toBe(0);
    const nearMiss = spawn(npx, ['harvester', 'tag', 'check', 'Microsoft365Managed-Autopilot']);
    expect(nearMiss.code).toBe(1);
    expect(nearMiss.stdout).toContain('Microsoft365Managed_Autopilot');
  });

  it('exits 1 without a stack trace when nothing could be merged', () => {
    const result = spawn(process.execPath, [
      path.join(root, 'bin/harvester.js'),
      'merge',
      path.join(temp.path(), 'gone.csv'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('unreadable-file');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a usage error', () => {
    expect(spawn(process.execPath, [path.join(root, 'bin/harvester.js'), 'merge']).code).toBe(2);
  });
});

describe.skipIf(!existsSync(realSample))(
  `the real HP EliteBook 840 G8 sample (skipped when ${realSample} is absent: it is third-party data kept outside the repository)`,
  () => {
    it('inspects as one sound hash with the published facts', () => {
      const result = spawn(process.execPath, [
        path.join(root, 'bin/harvester.js'),
        'inspect',
        realSample,
        '--json',
      ]);
      expect(result.code).toBe(0);
      const [hash] = (JSON.parse(result.stdout) as { hashes: Record<string, unknown>[] }).hashes;
      expect(hash).toMatchObject({
        source: { file: realSample, line: 2 },
        sound: true,
        serial: '5CG1457YL8',
        manufacturer: 'HP',
        model: 'HP EliteBook 840 G8 Notebook PC',
        sku: '479G1UC#ABA',
        productKeyId: '3305404496774',
        byteLength: 3000,
        inventoryLength: 1159,
      });
    });

    it('merges into a Partner Center CSV that carries the same hash text', () => {
      const out = temp.path();
      const result = spawn(process.execPath, [
        path.join(root, 'bin/harvester.js'),
        'merge',
        realSample,
        '--out',
        out,
        '--json',
      ]);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { files: { path: string; devices: number }[] };
      expect(report.files.map((f) => f.devices)).toEqual([1]);
      const source = new TextDecoder('utf-16le')
        .decode(readBytes(realSample))
        .split('\r\n')[1]!
        .split(',')[2]!;
      const written = new TextDecoder().decode(readBytes(report.files[0]!.path)).split('\r\n')[1]!;
      // Manufacturer and model empty beside the hash, as Get-WindowsAutoPilotInfo -Partner writes them.
      expect(written).toBe(`5CG1457YL8,,${source},,`);
    });
  },
);

describe('npm start without the Electron binary', () => {
  it('says why the window cannot open, serves the built app in the browser host and stops cleanly', async () => {
    const child = spawnChild(process.execPath, [path.join(root, 'scripts/start.js'), '--no-open'], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        HARVESTER_LEDGER: path.join(temp.path(), 'start-ledger'),
        LANG: 'en_US.UTF-8',
        HARVESTER_LANG: undefined,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no address printed; stdout so far: ${stdout}`)),
          60_000,
        );
        child.stdout.on('data', () => {
          const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(stdout);
          if (match !== null) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
      });
      expect(stdout).toContain('The desktop window cannot open here');
      const page = await fetch(new URL('/', url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"></div>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});

function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}
