/**
 * Hostile and huge inputs (issue 12), each in a fresh process: each must end within seconds with peak RSS
 * under 300 MB and the right code. The files are generated here in a temp folder and removed after.
 *   - a 32 MB file of one line, and a 1 GB one (sparse: zeros, no line end): csv-line-too-long;
 *   - /dev/zero and a FIFO nobody writes to: unreadable-file, before reading;
 *   - 150,000 bad rows in the human report, 2,000,000 in `merge --json`;
 *   - the import preview of 27 MB of 4,000,000 rows, with the longest event-loop block (goal: 100 ms);
 *   - `ledger list`, human and --json, of a ledger of 136,000 devices (it crashed once): measured and
 *     printed, judged only on listing every device (reading the ledger has no memory goal yet).
 * Run alone with `tsx bench/hostile.ts`.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = 10;
/** What a technician waiting at the screen should see: printed as a note past it, not failed. */
const AIM_SECONDS = 5;
const RSS_MB = 300;
/**
 * The longest the preview may hold the event loop at once, judged on the CPU time used in the longest gap
 * between two ticks: on this shared machine a gap is also the process waiting for a core (both printed).
 */
const BLOCK_MS = 100;
const LIST_DEVICES = 136_000;

interface Measured {
  readonly result: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly blockedMs: number;
  readonly blockedCpuMs: number;
  readonly codes: readonly string[];
  readonly listed?: number;
  readonly lines?: number;
  readonly serials?: number;
}

function child(...args: string[]): Measured {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'hostile-child.ts'), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 120_000 },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as Measured;
}

function rows(count: number, row: (i: number) => string): string {
  const header = 'Device Serial Number,Windows Product ID,Hardware Hash\r\n';
  const parts = [header];
  for (let i = 0; i < count; i++) parts.push(row(i));
  return parts.join('');
}

export async function runHostileBench(): Promise<boolean> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'harvester-hostile-'));
  let ok = true;
  const line = (ok: boolean, name: string, m: Measured, result: string) => {
    const slow = m.seconds >= AIM_SECONDS ? ` (over the ${AIM_SECONDS} s aim)` : '';
    console.log(
      `  ${ok ? 'ok  ' : 'MISS'} ${name.padEnd(38)} ${m.seconds.toFixed(2)} s${slow}, peak RSS ` +
        `${m.peakRssMb.toFixed(0)} MB, longest block ${m.blockedMs.toFixed(0)} ms ` +
        `(CPU ${m.blockedCpuMs.toFixed(0)} ms), ${result}`,
    );
  };
  const check = (name: string, m: Measured, want: { result: number; code: string; preview?: boolean }) => {
    const pass =
      m.result === want.result &&
      m.codes.includes(want.code) &&
      m.seconds < SECONDS &&
      m.peakRssMb < RSS_MB &&
      (!want.preview || m.blockedCpuMs < BLOCK_MS);
    if (!pass) ok = false;
    line(pass, name, m, `${want.preview ? 'rows' : 'exit'} ${m.result}, ${m.codes.join(' ')}`);
  };
  try {
    console.log(
      `hostile inputs (each < ${SECONDS} s, aim ${AIM_SECONDS} s, peak RSS < ${RSS_MB} MB; preview blocks ` +
        `< ${BLOCK_MS} ms of CPU)`,
    );
    const oneLine = path.join(work, 'one-line-32mb.csv');
    writeFileSync(oneLine, Buffer.alloc(32 << 20, 0x41));
    check('merge: 32 MB in one line', child('cli', 'merge', oneLine), {
      result: 1,
      code: 'csv-line-too-long',
    });
    rmSync(oneLine);

    const gigabyte = path.join(work, 'zeros-1gb.csv');
    const fd = openSync(gigabyte, 'w');
    ftruncateSync(fd, 1 << 30);
    closeSync(fd);
    check('merge: 1 GB without a line end', child('cli', 'merge', gigabyte), {
      result: 1,
      code: 'csv-line-too-long',
    });
    rmSync(gigabyte);

    if (process.platform !== 'win32') {
      check('merge: /dev/zero', child('cli', 'merge', '/dev/zero'), { result: 1, code: 'unreadable-file' });
      const fifo = path.join(work, 'fifo.csv');
      execFileSync('mkfifo', [fifo]);
      check('merge: a FIFO without writer', child('cli', 'merge', fifo), {
        result: 1,
        code: 'unreadable-file',
      });
    }

    const bad150k = path.join(work, 'bad-150k.csv');
    writeFileSync(
      bad150k,
      rows(150_000, (i) => `B${i},,x\r\n`),
    );
    check('merge: 150,000 bad rows, human', child('cli', 'merge', bad150k), {
      result: 1,
      code: 'hash-invalid',
    });
    rmSync(bad150k);

    const bad2m = path.join(work, 'bad-2m.csv');
    writeFileSync(
      bad2m,
      rows(2_000_000, (i) => `B${i},,x\r\n`),
    );
    check('merge --json: 2,000,000 bad rows', child('cli', 'merge', bad2m, '--json'), {
      result: 1,
      code: 'omitted',
    });
    rmSync(bad2m);

    const preview = path.join(work, 'preview-4m.csv');
    writeFileSync(
      preview,
      rows(4_000_000, (i) => `${(i % 1000).toString(36)},,x\n`),
    );
    const measured = child('preview', preview, path.join(work, 'ledger'));
    check(`import preview: 4,000,000 rows`, measured, {
      result: 4_000_000,
      code: 'hash-invalid',
      preview: true,
    });
    rmSync(preview);

    // A ledger as large as the one `ledger list` crashed on, written by the ledger bench's writer.
    const ledgerDir = path.join(work, 'ledger-136k');
    execFileSync(process.execPath, [
      '--import',
      'tsx',
      path.join(here, 'ledger.ts'),
      'write',
      ledgerDir,
      String(LIST_DEVICES),
    ]);
    const human = child('cli', 'ledger', 'list', '--ledger', ledgerDir);
    const humanOk = human.result === 0 && human.lines === LIST_DEVICES + 1;
    line(
      humanOk,
      `ledger list: ${LIST_DEVICES.toLocaleString('en-US')} devices`,
      human,
      `${human.lines} lines`,
    );
    const json = child('cli', 'ledger', 'list', '--ledger', ledgerDir, '--json');
    const jsonOk = json.result === 0 && json.serials === LIST_DEVICES;
    line(
      jsonOk,
      `ledger list --json: ${LIST_DEVICES.toLocaleString('en-US')}`,
      json,
      `${json.serials} devices`,
    );
    if (!humanOk || !jsonOk) ok = false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await runHostileBench()) ? 0 : 1;
