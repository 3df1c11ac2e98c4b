/**
 * `npm run bench`: merge + verify of 20,000 and 100,000 generated devices (about 80 MB and 400 MB of CSV).
 * Prints devices/s, peak RSS, and the ratio to a bare base64-decode + SHA-256 loop over the same hashes,
 * measured in the same run. Goals: at least 25,000 devices/s, within 3x of the bare loop, peak RSS under
 * 300 MB for 100,000 devices. Then the ledger: add 10,000 devices (fsync per acknowledged batch) and open a
 * ledger of 100,000 devices (goal: under 1 s). Hostile and huge inputs (bench/hostile.ts): each under 10 s
 * and 300 MB peak RSS with the right code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDevicesCsv } from './generate';
import { runHostileBench } from './hostile';
import { runLedgerBench } from './ledger';
import { runSubmitBench } from './submit';
import { runUiBench } from './ui';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '20000,100000').split(',').map(Number);
const work = path.join(os.tmpdir(), `harvester-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

interface MergeResult {
  devices: number;
  rejected: number;
  files: number;
  seconds: number;
  peakRssMb: number;
}

function child<T>(...args: string[]): T {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'merge-child.ts'), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

let failed = false;

// Group tags are checked once per CSV row: 100,000 distinct tags (custom ones and near misses).
{
  const { checkGroupTag } = await import('../shared/group-tag');
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) {
    checkGroupTag(i % 10 === 0 ? `Microsoft365Manged_Autopilot${i}` : `Site-${i}-Laptops`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `group tag check: 100,000 distinct tags in ${seconds.toFixed(2)} s (${Math.round(100_000 / seconds).toLocaleString('en-US')} tags/s)`,
  );
}

try {
  for (const count of sizes) {
    const file = path.join(work, `devices-${count}.csv`);
    await writeDevicesCsv(file, count);
    const megabytes = statSync(file).size / 1e6;
    const merged = child<MergeResult>('merge', file);
    const bare = child<{ devices: number; seconds: number }>('bare', file);
    const written = child<MergeResult>('merge', file, path.join(work, `out-${count}`));
    const rate = merged.devices / merged.seconds;
    const ratio = merged.seconds / bare.seconds;
    const checks = [
      ['devices merged', merged.devices === count && merged.rejected === 0, `${merged.devices}/${count}`],
      ['>= 25,000 devices/s', rate >= 25_000, `${Math.round(rate).toLocaleString('en-US')} devices/s`],
      ['<= 3x bare loop', ratio <= 3, `${ratio.toFixed(2)}x (bare ${bare.seconds.toFixed(2)} s)`],
      ...(count >= 100_000
        ? [['peak RSS < 300 MB', merged.peakRssMb < 300, `${merged.peakRssMb.toFixed(0)} MB`] as const]
        : []),
    ] as const;
    console.log(`\n${count.toLocaleString('en-US')} devices, ${megabytes.toFixed(0)} MB of CSV`);
    console.log(
      `  merge + verify      ${merged.seconds.toFixed(2)} s, peak RSS ${merged.peakRssMb.toFixed(0)} MB`,
    );
    console.log(
      `  + write CSVs        ${written.seconds.toFixed(2)} s for ${written.files} Partner Center files, peak RSS ${written.peakRssMb.toFixed(0)} MB`,
    );
    for (const [name, ok, value] of checks) {
      console.log(`  ${ok ? 'ok  ' : 'MISS'} ${name.padEnd(22)} ${value}`);
      if (!ok) failed = true;
    }
    rmSync(file);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log('');
if (!(await runHostileBench())) failed = true;
console.log('');
if (!(await runLedgerBench())) failed = true;
console.log('');
if (!(await runUiBench())) failed = true;
console.log('');
if (!(await runSubmitBench()).ok) failed = true;
process.exitCode = failed ? 1 : 0;
