/**
 * Where the ledger lives. On the technician's USB stick when the app runs from it, so the record travels
 * with the stick; mirrored to this computer's app data, so a lost stick or a wiped laptop loses nothing.
 */
import os from 'node:os';
import path from 'node:path';

/** electron-builder's portable executable sets this to the folder it was started from (the stick). */
const PORTABLE_DIR = 'PORTABLE_EXECUTABLE_DIR';
/** Overrides everything (scripts, tests, a technician who keeps the ledger elsewhere). */
const LEDGER_OVERRIDE = 'HARVESTER_LEDGER';

/** Name of the ledger folder beside the portable executable. */
export const PORTABLE_LEDGER_FOLDER = 'AutopilotHarvester-ledger';

/**
 * The primary ledger folder and the mirror, if any:
 * - `HARVESTER_LEDGER` wins, with no mirror (whoever sets it chose the one place);
 * - run from the portable executable: `<its folder>/AutopilotHarvester-ledger`, mirrored to app data;
 * - otherwise app data, with no mirror: `%APPDATA%\Autopilot Harvester\ledger` (Windows),
 *   `~/Library/Application Support/Autopilot Harvester/ledger` (macOS),
 *   `$XDG_DATA_HOME/autopilot-harvester/ledger` or `~/.local/share/autopilot-harvester/ledger` (others).
 *
 * Paths are built with the target platform's rules, so this answers for Windows when asked on Linux.
 */
export function defaultLedgerDirs(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): { primary: string; mirror: string | undefined } {
  const override = env[LEDGER_OVERRIDE]?.trim();
  if (override) return { primary: override, mirror: undefined };
  const appData = appDataLedger(env, platform);
  const portable = env[PORTABLE_DIR]?.trim();
  if (portable) return { primary: pathFor(platform).join(portable, PORTABLE_LEDGER_FOLDER), mirror: appData };
  return { primary: appData, mirror: undefined };
}

function appDataLedger(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const p = pathFor(platform);
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME)?.trim() || os.homedir();
  switch (platform) {
    case 'win32':
      return p.join(
        env.APPDATA?.trim() || p.join(home, 'AppData', 'Roaming'),
        'Autopilot Harvester',
        'ledger',
      );
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', 'Autopilot Harvester', 'ledger');
    default: {
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      const xdg = env.XDG_DATA_HOME?.trim();
      const data = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.local', 'share');
      return p.join(data, 'autopilot-harvester', 'ledger');
    }
  }
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
