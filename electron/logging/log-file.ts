/**
 * The technical log: raw PowerShell output and errors go here, never to the screen, so that support can see
 * exactly what happened while the technician reads plain words. Kept beside the ledger it concerns.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const LOG_FILE_NAME = 'harvester.log';

/** A log sink writing timestamped lines to `<dir>/harvester.log`; it never throws (a log must not break work). */
export function fileLog(dir: string, now: () => Date = () => new Date()): (line: string) => void {
  const file = path.join(dir, LOG_FILE_NAME);
  return (line) => {
    try {
      mkdirSync(dir, { recursive: true });
      appendFileSync(file, `${now().toISOString()} ${line.replace(/\r?\n/g, '\n    ')}\n`);
    } catch {
      // Logging is best effort; the work it describes goes on.
    }
  };
}
