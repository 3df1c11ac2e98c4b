/**
 * The command line's app data folder: where the ledger lives by default (electron/ledger/ledger-dirs.ts),
 * without the ledger folder itself. `harvester ui` reads the sign-in settings (`auth.json`) from here:
 * `%APPDATA%\Autopilot Harvester` on Windows (the packaged app's `userData` too),
 * `~/Library/Application Support/Autopilot Harvester` on macOS, and `$XDG_DATA_HOME/autopilot-harvester`
 * or `~/.local/share/autopilot-harvester` elsewhere. `HARVESTER_LEDGER` and the portable folder move the
 * ledger, not this.
 */
import path from 'node:path';
import { defaultLedgerDirs } from '../ledger/ledger-dirs';

export function cliAppDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const { primary } = defaultLedgerDirs(
    { ...env, HARVESTER_LEDGER: undefined, PORTABLE_EXECUTABLE_DIR: undefined },
    platform,
  );
  return (platform === 'win32' ? path.win32 : path.posix).dirname(primary);
}
