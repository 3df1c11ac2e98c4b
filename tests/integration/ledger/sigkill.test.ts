/**
 * The ledger's promise under the worst crash: a process adding devices is killed (SIGKILL, no cleanup) at
 * random moments, again and again on the same ledger. Every device it acknowledged must be there after,
 * and the ledger must open every time without manual repair (a torn last line is skipped and reported).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../electron/ledger/ledger';
import { useTempDir } from '../../support/temp-dir';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const child = path.join(root, 'tests/integration/ledger/ledger-child.ts');
const RUNS = 20;

const temp = useTempDir('harvester-sigkill-');

interface Run {
  readonly acked: string[];
  readonly ready: boolean;
  readonly stderr: string;
}

/** Starts the child, kills it `delay` ms after it says the ledger is open, and returns what it printed. */
function killedRun(dir: string, prefix: string, delay: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, prefix], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ready = false;
    proc.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
      if (!ready && stdout.includes('ready ')) {
        ready = true;
        setTimeout(() => proc.kill('SIGKILL'), delay);
      }
    });
    proc.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    proc.on('error', reject);
    proc.on('close', () => {
      // Only whole lines count: a line cut off by the kill was not fully printed.
      const lines = stdout.split('\n').slice(0, -1);
      const acked = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      resolve({ acked, ready, stderr });
    });
  });
}

describe('a ledger process killed with SIGKILL while adding devices', () => {
  it('keeps every acknowledged device and opens without repair after each of 20 kills', async () => {
    const dir = temp.path();
    const seed = Date.now();
    let random = seed;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const acked: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const delay = Math.floor(next() * 300);
      const result = await killedRun(dir, `K${String(run).padStart(2, '0')}`, delay);
      expect(result.ready, `run ${run} (seed ${seed}) could not open the ledger: ${result.stderr}`).toBe(
        true,
      );
      acked.push(...result.acked);
    }

    const ledger = await Ledger.open({ dir });
    try {
      const serials = new Set(ledger.list().map((d) => d.serial));
      const missing = acked.filter((s) => !serials.has(s));
      expect(missing, `seed ${seed}`).toEqual([]);
      expect(acked.length).toBeGreaterThan(0);
      expect(ledger.report.recoveredStaleLock).toBe(true);
      expect(ledger.report.skipped.filter((s) => s.reason === 'schema')).toEqual([]);
    } finally {
      await ledger.close();
    }
  }, 60_000);
});
