/** Which ledger a command works on: `--ledger`, else `HARVESTER_LEDGER`, else the default places. */
import { Ledger, defaultLedgerDirs } from '../ledger/ledger';

export interface LedgerLocation {
  readonly dir: string;
  readonly mirrorDir: string | undefined;
}

export function ledgerLocation(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LedgerLocation {
  if (flag !== undefined && flag.length > 0) return { dir: flag, mirrorDir: undefined };
  const dirs = defaultLedgerDirs(env as NodeJS.ProcessEnv, process.platform);
  return { dir: dirs.primary, mirrorDir: dirs.mirror };
}

/** `readOnly` takes no lock: listing works while the app or another command has the ledger open. */
export async function openLedger(location: LedgerLocation, readOnly = false): Promise<Ledger> {
  return Ledger.open({
    dir: location.dir,
    ...(location.mirrorDir ? { mirrorDir: location.mirrorDir } : {}),
    ...(readOnly ? { readOnly } : {}),
  });
}
