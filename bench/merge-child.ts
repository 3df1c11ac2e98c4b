/**
 * One measurement in a fresh process, so its peak RSS is its own: `merge` runs the real merge service over
 * a file; `bare` runs a bare base64-decode + SHA-256 loop over the same file's hashes.
 * Prints one JSON line.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { mergeFiles } from '../electron/merge/merge-files';

const [mode, file, outDir] = process.argv.slice(2);

async function merge(): Promise<void> {
  const started = performance.now();
  const report = await mergeFiles({
    files: [file!],
    tagPolicy: { kind: 'rows', fallback: 'Microsoft365Managed_Autopilot', allowCustom: false },
    output: outDir ? { format: 'partner-center', outDir } : undefined,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      devices: report.devices.length,
      rejected: report.rejected.length,
      files: report.files.length,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

async function bare(): Promise<void> {
  // Read the hashes first (not timed), then time only decode + checksum.
  const hashes: string[] = [];
  const lines = createInterface({ input: createReadStream(file!), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    const hash = line.split(',')[2];
    if (hash) hashes.push(hash);
  }
  const started = performance.now();
  let ok = 0;
  for (const hash of hashes) {
    const bytes = Buffer.from(hash, 'base64');
    const length = bytes.readUInt16LE(2);
    const digest = createHash('sha256').update(bytes.subarray(0, length)).digest();
    if (digest[0] === bytes[length + 4]) ok++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ devices: ok, seconds }));
}

await (mode === 'bare' ? bare() : merge());
