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

/** The longest gap between two 10 ms ticks: how long the event loop was held by one piece of work. */
function loopWatch(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
  }, 10);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

const CODES = /\b(csv-line-too-long|unreadable-file|not-a-hash-csv|hash-invalid|hash-missing|omitted)\b/g;

async function cli(): Promise<void> {
  let bytes = 0;
  let head = '';
  const codes = new Set<string>();
  const note = (text: string) => {
    bytes += text.length;
    if (head.length < 4096) head += text.slice(0, 4096);
    for (const m of text.matchAll(CODES)) codes.add(m[1]!);
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
      blockedMs: watch(),
      outputBytes: bytes,
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
  const blockedMs = watch();
  await api.close();
  const f = answer.files[0]!;
  console.log(
    JSON.stringify({
      result: f.counts.rows,
      listed: f.rows.length,
      omitted: f.omittedRows,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      blockedMs,
      codes: [...new Set(f.rows.map((r) => (r.kind === 'rejected' ? r.code : r.kind)))],
    }),
  );
}

await (mode === 'preview' ? preview() : cli());
