/**
 * A process that adds devices to a ledger until it is killed: `ledger-child.ts DIR PREFIX`. Prints `ready`
 * once the ledger is open, then `ack SERIAL` for each device only after its batch is durable.
 */
import { Ledger } from '../../../electron/ledger/ledger';
import { deviceRows, imported } from '../../unit/electron/ledger/device-rows';

const [dir, prefix] = process.argv.slice(2);
const BATCH = 7;
const BATCHES = 400;

const ledger = await Ledger.open({ dir: dir! });
process.stdout.write(`ready ${JSON.stringify(ledger.report)}\n`);
for (let b = 0; b < BATCHES; b++) {
  const rows = deviceRows(`${prefix}-${b}-`, BATCH);
  const outcomes = await ledger.addRows(rows, imported);
  process.stdout.write(outcomes.map((o) => `ack ${o.device.serial}\n`).join(''));
}
await ledger.close();
process.stdout.write('done\n');
