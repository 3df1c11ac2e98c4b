/**
 * How `harvester submit` gets its token without HARVESTER_TOKEN: the pure choice, and the exit-2 answers when
 * sign-in cannot run (the interactive device code flow itself needs a terminal, which tests do not have).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAppDataDir } from '../../../../electron/api/app-data';
import { authSettingsPath } from '../../../../electron/auth/sign-in-settings';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { CLI_TEXT } from '../../../../electron/cli/cli-text';
import { chooseCliToken, signInBanner } from '../../../../electron/cli/commands/submit';
import { main } from '../../../../electron/cli/main';
import { useTempDir } from '../../../support/temp-dir';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

describe('chooseCliToken', () => {
  const base = { envToken: false, configured: true, offHost: false, interactive: true };

  it('uses HARVESTER_TOKEN whenever it is set, whatever else holds', () => {
    expect(chooseCliToken({ ...base, envToken: true })).toEqual({ kind: 'env' });
    expect(chooseCliToken({ envToken: true, configured: false, offHost: true, interactive: false })).toEqual({
      kind: 'env',
    });
  });

  it('signs in when sign-in is configured and stdin and stderr are a terminal', () => {
    expect(chooseCliToken(base)).toEqual({ kind: 'sign-in' });
  });

  it('refuses without configuration, off Microsoft\u2019s host, or without a terminal', () => {
    expect(chooseCliToken({ ...base, configured: false })).toEqual({
      kind: 'none',
      reason: 'not-configured',
    });
    expect(chooseCliToken({ ...base, offHost: true })).toEqual({ kind: 'none', reason: 'off-host' });
    expect(chooseCliToken({ ...base, interactive: false })).toEqual({ kind: 'none', reason: 'no-terminal' });
  });
});

describe('signInBanner', () => {
  it('puts the address and the code on lines of their own, with the identity platform\u2019s sentence', () => {
    const banner = signInBanner(
      { io: undefined as never, lang: 'en', text: CLI_TEXT.en },
      {
        service: 'graph',
        userCode: 'ABCD-1234',
        verificationUri: 'https://microsoft.com/devicelogin',
        expiresAt: 0,
        message: 'To sign in, use a web browser to open the page https://microsoft.com/devicelogin.',
        qrSvg: undefined,
      },
    );
    const lines = banner.split('\n');
    expect(lines).toContain('    1. Open   https://microsoft.com/devicelogin');
    expect(lines).toContain('    2. Enter  ABCD-1234');
    expect(banner).toContain('Microsoft Graph');
    expect(banner).toContain('To sign in, use a web browser');
  });
});

describe('harvester submit without HARVESTER_TOKEN', () => {
  const temp = useTempDir('harvester-submit-sign-in-');

  async function run(extraEnv: Record<string, string> = {}, configure = false) {
    const home = temp.path();
    const env = { LANG: 'en_US.UTF-8', HOME: home, XDG_DATA_HOME: path.join(home, 'xdg'), ...extraEnv };
    const settingsFile = authSettingsPath(cliAppDataDir(env, process.platform));
    if (configure) {
      mkdirSync(path.dirname(settingsFile), { recursive: true });
      writeFileSync(settingsFile, JSON.stringify({ clientId: CLIENT_ID, tenant: 'organizations' }));
    }
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env,
      isTty: false,
    };
    const ledger = path.join(home, 'ledger');
    const code = await main(['submit', '--to', 'graph', '--ledger', ledger], io);
    return { code, stdout, stderr, settingsFile };
  }

  it('exits 2 naming HARVESTER_TOKEN and where auth.json goes when sign-in is not configured', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HARVESTER_TOKEN');
    expect(result.stderr).toContain(result.settingsFile);
  });

  it('exits 2 asking for a terminal when sign-in is configured but nobody can see a code', async () => {
    const result = await run({}, true);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run harvester submit in a terminal');
    expect(result.stderr).toContain(result.settingsFile);
  });

  it('exits 2 rather than send a signed-in token to a HARVESTER_GRAPH_URL off Microsoft\u2019s host', async () => {
    const result = await run({ HARVESTER_GRAPH_URL: 'https://graph.example.net' }, true);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HARVESTER_GRAPH_URL is "https://graph.example.net"');
    expect(result.stderr).toContain('HARVESTER_TOKEN');
  });
});
