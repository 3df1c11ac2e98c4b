import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultLedgerDirs } from '../../../../electron/ledger/ledger';

describe('defaultLedgerDirs', () => {
  it('uses HARVESTER_LEDGER alone, with no mirror', () => {
    const env = { HARVESTER_LEDGER: 'D:\\ledger', PORTABLE_EXECUTABLE_DIR: 'E:\\', APPDATA: 'C:\\AppData' };

    expect(defaultLedgerDirs(env, 'win32')).toEqual({ primary: 'D:\\ledger', mirror: undefined });
  });

  it('puts the ledger beside the portable executable and mirrors it to app data', () => {
    const env = { PORTABLE_EXECUTABLE_DIR: 'E:\\', APPDATA: 'C:\\Users\\tech\\AppData\\Roaming' };

    expect(defaultLedgerDirs(env, 'win32')).toEqual({
      primary: 'E:\\AutopilotHarvester-ledger',
      mirror: 'C:\\Users\\tech\\AppData\\Roaming\\Autopilot Harvester\\ledger',
    });
  });

  it('uses %APPDATA% on Windows when not portable, with no mirror', () => {
    expect(defaultLedgerDirs({ APPDATA: 'C:\\Users\\tech\\AppData\\Roaming' }, 'win32')).toEqual({
      primary: 'C:\\Users\\tech\\AppData\\Roaming\\Autopilot Harvester\\ledger',
      mirror: undefined,
    });
  });

  it('falls back to the profile folder on Windows when APPDATA is not set', () => {
    expect(defaultLedgerDirs({ USERPROFILE: 'C:\\Users\\tech' }, 'win32').primary).toBe(
      'C:\\Users\\tech\\AppData\\Roaming\\Autopilot Harvester\\ledger',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultLedgerDirs({ HOME: '/Users/tech' }, 'darwin').primary).toBe(
      '/Users/tech/Library/Application Support/Autopilot Harvester/ledger',
    );
  });

  it('uses XDG_DATA_HOME elsewhere', () => {
    expect(defaultLedgerDirs({ XDG_DATA_HOME: '/data', HOME: '/home/tech' }, 'linux').primary).toBe(
      '/data/autopilot-harvester/ledger',
    );
  });

  it('ignores a relative XDG_DATA_HOME and uses ~/.local/share', () => {
    expect(defaultLedgerDirs({ XDG_DATA_HOME: 'data', HOME: '/home/tech' }, 'linux').primary).toBe(
      '/home/tech/.local/share/autopilot-harvester/ledger',
    );
  });

  it('uses the home folder from the OS when HOME is not set', () => {
    expect(defaultLedgerDirs({}, 'linux').primary).toBe(
      `${os.homedir()}/.local/share/autopilot-harvester/ledger`,
    );
  });

  it('ignores an empty HARVESTER_LEDGER', () => {
    expect(defaultLedgerDirs({ HARVESTER_LEDGER: '  ', HOME: '/home/tech' }, 'linux').primary).toBe(
      '/home/tech/.local/share/autopilot-harvester/ledger',
    );
  });
});
