/**
 * A process that opens a ledger when told to and holds it: `lock-child.ts DIR`. Prints `ready` once loaded,
 * opens the ledger at the line `go` on stdin and prints `won stale` (it took a stale lock over), `won free`
 * or `locked`, keeps the ledger open until stdin ends, then closes it and exits.
 */
import { createInterface } from 'node:readline';
import { Ledger, LedgerError } from '../../../electron/ledger/ledger';

const [dir] = process.argv.slice(2);
const input = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
let ledger: Ledger | undefined;
for await (const line of input) {
  if (line !== 'go') continue;
  try {
    ledger = await Ledger.open({ dir: dir! });
    process.stdout.write(`won ${ledger.report.recoveredStaleLock ? 'stale' : 'free'}\n`);
  } catch (error) {
    if (!(error instanceof LedgerError) || error.kind !== 'locked') throw error;
    process.stdout.write('locked\n');
  }
}
await ledger?.close();
