/**
 * `harvester collect [--ledger DIR] [--json]`: read this device's hardware hash through PowerShell, verify
 * it, and record it in the ledger. Says "saved" only once the record is on disk.
 */
import { z } from 'zod';
import { collectionProblemMessage } from '../../../shared/i18n/collection-messages';
import { collectThisDevice } from '../../collection/collect';
import { fileLog } from '../../logging/log-file';
import { EXIT } from '../cli-io';
import { ledgerLocation } from '../ledger-location';
import type { CliContext } from '../main';
import { json } from '../output';
import { deviceJson } from './ledger';
import { withLedger } from './ledger-errors';

const CollectOptions = z.object({ ledger: z.string().optional(), json: z.boolean().default(false) });

export async function runCollect(context: CliContext, raw: unknown): Promise<number> {
  const options = CollectOptions.parse(raw);
  const { io, text, lang } = context;
  const where = ledgerLocation(options.ledger, io.env);
  // Raw PowerShell output is for the log beside the ledger, never the screen.
  const result = await collectThisDevice({
    ...(io.env.NODE_POWERSHELL ? { executable: io.env.NODE_POWERSHELL } : {}),
    log: fileLog(where.dir),
  });
  if (result.kind === 'failed') {
    const { title, action } = collectionProblemMessage(result.problem, lang);
    if (options.json) {
      io.stdout(
        json({ result: 'failed', device: null, problem: { kind: result.problem.kind, title, action } }),
      );
    } else {
      io.stdout(`${title}\n${action}\n`);
    }
    return EXIT.failed;
  }
  return withLedger(context, where, async (ledger) => {
    const [outcome] = await ledger.addRows([result.row], () => ({
      kind: 'collected',
      computerName: result.computerName,
    }));
    const device = outcome!.device;
    if (options.json) {
      io.stdout(
        json({ result: outcome!.kind, device: deviceJson(device), problem: null, ledger: ledger.dir }),
      );
    } else {
      io.stdout(
        text.collect[outcome!.kind]({
          serial: device.serial,
          manufacturer: device.manufacturer,
          model: device.model,
          dir: ledger.dir,
        }) + '\n',
      );
    }
    return EXIT.ok;
  });
}
