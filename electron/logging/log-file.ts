/**
 * The technical log: raw PowerShell output and errors go here, never to the screen, so that support can see
 * exactly what happened while the technician reads plain words. Kept beside the ledger it concerns.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { escapeTerminalControls } from '../../shared/control-characters';

export const LOG_FILE_NAME = 'harvester.log';

/** A log sink writing timestamped lines to `<dir>/harvester.log`; it never throws (a log must not break work). */
export function fileLog(dir: string, now: () => Date = () => new Date()): (line: string) => void {
  const file = path.join(dir, LOG_FILE_NAME);
  return (line) => {
    try {
      mkdirSync(dir, { recursive: true });
      // Control characters escaped: someone reads this log with `type` or `tail` on a terminal.
      const text = escapeTerminalControls(line.replace(/\r?\n/g, '\n    '));
      appendFileSync(file, `${now().toISOString()} ${text}\n`);
    } catch {
      // Logging is best effort; the work it describes goes on.
    }
  };
}
