/** Real temporary folders for tests that touch the file system (removed after each test). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function useTempDir(prefix = 'harvester-test-'): {
  readonly path: () => string;
  file: (name: string, content: string | Uint8Array) => string;
} {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const current = () => (dir ??= mkdtempSync(path.join(os.tmpdir(), prefix)));
  return {
    path: current,
    file: (name, content) => {
      const file = path.join(current(), name);
      writeFileSync(file, content);
      return file;
    },
  };
}

/** A hash CSV as Get-WindowsAutoPilotInfo writes it (header line, CRLF). */
export function scriptCsv(
  rows: readonly (readonly string[])[],
  header = 'Device Serial Number,Windows Product ID,Hardware Hash',
): string {
  return [header, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}
