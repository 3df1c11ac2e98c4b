/**
 * One hostile input in a fresh process, so its peak RSS is its own. `cli ARGS...` runs the real CLI with
 * output counted, not kept; `preview FILE LEDGER` runs the import preview of the app service. Prints one
 * JSON line: exit code (or rows counted), seconds, peak RSS, the longest the event loop was blocked, and
 * the codes seen in the output.
 */
import { readFileSync } from 'node:fs';
import { createHarvesterService } from '../electron/api/harvester-service';
import type { CliIo } from '../electron/cli/cli-io';
import { main } from '../electron/cli/main';

const [mode, ...args] = process.argv.slice(2);

/**
 * The longest gap between two 10 ms ticks: how long the event loop was held by one piece of work. With it,
 * the CPU time the process used during that gap: on a shared machine a gap can also be the process waiting
 * for a core, which is no block of ours (then the CPU time is well below the gap).
 */
function loopWatch(): () => { blockedMs: number; blockedCpuMs: number } {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  const tick = () => {
    const at = performance.now();
    const cpu = process.cpuUsage();
    if (at - last > longest) {
      longest = at - last;
      longestCpu = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    }
    last = at;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 10);
  return () => {
    clearInterval(timer);
    tick();
    return { blockedMs: longest, blockedCpuMs: longestCpu };
  };
}

const CODES = /\b(csv-line-too-long|unreadable-file|not-a-hash-csv|hash-invalid|hash-missing|omitted)\b/g;

async function cli(): Promise<void> {
  let bytes = 0;
  let lines = 0;
  let serials = 0;
  let head = '';
  const codes = new Set<string>();
  const note = (text: string) => {
    bytes += text.length;
    if (head.length < 4096) head += text.slice(0, 4096);
    for (const m of text.matchAll(CODES)) codes.add(m[1]!);
    // Output comes in whole pieces (a row, a JSON element), so neither is ever cut between two calls.
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    for (let at = text.indexOf('"serial":'); at !== -1; at = text.indexOf('"serial":', at + 1)) serials++;
  };
  const io: CliIo = { stdout: note, stderr: note, env: { LANG: 'en_US.UTF-8' }, isTty: false };
  const watch = loopWatch();
  const started = performance.now();
  const code = await main(args, io);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      result: code,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      ...watch(),
      outputBytes: bytes,
      lines,
      serials,
      codes: [...codes],
    }),
  );
}

async function preview(): Promise<void> {
  const [file, ledgerDir] = args;
  const api = await createHarvesterService({ ledgerDir: ledgerDir!, env: {} });
  const base64 = readFileSync(file!).toString('base64');
  const watch = loopWatch();
  const started = performance.now();
  const answer = await api.previewImport({ files: [{ name: 'big.csv', base64 }], lang: 'en' });
  const seconds = (performance.now() - started) / 1000;
  const blocked = watch();
  await api.close();
  const f = answer.files[0]!;
  console.log(
    JSON.stringify({
      result: f.counts.rows,
      listed: f.rows.length,
      omitted: f.omittedRows,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      ...blocked,
      codes: [...new Set(f.rows.map((r) => (r.kind === 'rejected' ? r.code : r.kind)))],
    }),
  );
}

await (mode === 'preview' ? preview() : cli());
