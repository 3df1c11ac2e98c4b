/** `harvester drives [--json]`: the removable drives (USB sticks) an export can go to, on Windows. */
import { z } from 'zod';
import { listRemovableDrives } from '../../drives/removable-drives';
import { EXIT } from '../cli-io';
import type { CliContext } from '../main';
import { json, table } from '../output';

const DrivesOptions = z.object({ json: z.boolean().default(false) });

export async function runDrives(context: CliContext, raw: unknown): Promise<number> {
  const options = DrivesOptions.parse(raw);
  const { io, text, lang } = context;
  const result = await listRemovableDrives(
    io.env.NODE_POWERSHELL ? { executable: io.env.NODE_POWERSHELL } : {},
  );
  if (options.json) {
    io.stdout(
      json(
        result.kind === 'listed'
          ? { drives: result.drives }
          : { drives: [], problem: result.kind === 'failed' ? result.reason : result.kind },
      ),
    );
    return result.kind === 'listed' ? EXIT.ok : EXIT.failed;
  }
  if (result.kind === 'unsupported') {
    io.stdout(text.drives.unsupported + '\n');
    return EXIT.failed;
  }
  if (result.kind === 'failed') {
    io.stdout(text.drives.failed({ reason: result.reason }) + '\n');
    return EXIT.failed;
  }
  if (result.drives.length === 0) {
    io.stdout(text.drives.none + '\n');
    return EXIT.ok;
  }
  const size = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 1 });
  const gb = (bytes: number) => `${size.format(bytes / 1e9)} GB`;
  io.stdout(
    table(
      result.drives.map((d) => [
        d.letter,
        d.label || '-',
        text.drives.free({ free: gb(d.freeBytes), size: gb(d.sizeBytes) }),
        d.volumeSerial,
      ]),
    ) + '\n',
  );
  return EXIT.ok;
}
