import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTH_SETTINGS_FILE,
  parseSignInSettings,
  readSignInSettings,
} from '../../../../electron/auth/sign-in-settings';
import { setupGuide, settingsProblemText } from '../../../../shared/i18n/sign-in-messages';
import { CLIENT_ID, TENANT_ID } from './fake-identity-platform';
import { harness } from './sign-in-fixture';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'auth-settings-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function read(content: string) {
  const file = path.join(dir, AUTH_SETTINGS_FILE);
  await fs.writeFile(file, content);
  return readSignInSettings(file);
}

describe('auth.json', () => {
  it('is "not configured" with no problem to report when it does not exist yet', async () => {
    const result = await readSignInSettings(path.join(dir, AUTH_SETTINGS_FILE));
    expect(result).toEqual({ kind: 'not-configured', problem: { kind: 'missing' } });
  });

  it('gives each service the client ID, the organizations authority and its own scope by default', async () => {
    const result = await read(JSON.stringify({ clientId: CLIENT_ID }));
    expect(result).toEqual({
      kind: 'configured',
      settings: {
        graph: {
          clientId: CLIENT_ID,
          tenant: 'organizations',
          authority: 'https://login.microsoftonline.com/organizations',
          scopes: ['https://graph.microsoft.com/DeviceManagementServiceConfig.ReadWrite.All'],
        },
        'partner-center': {
          clientId: CLIENT_ID,
          tenant: 'organizations',
          authority: 'https://login.microsoftonline.com/organizations',
          scopes: ['https://api.partnercenter.microsoft.com/user_impersonation'],
        },
      },
    });
  });

  it('lets Graph sign in to the customer tenant while Partner Center uses the partner domain', async () => {
    const result = parseSignInSettings({
      clientId: CLIENT_ID,
      tenant: 'partner.onmicrosoft.com',
      graph: { tenant: TENANT_ID },
    });
    expect(result.kind === 'configured' && result.settings.graph.authority).toBe(
      `https://login.microsoftonline.com/${TENANT_ID}`,
    );
    expect(result.kind === 'configured' && result.settings['partner-center'].tenant).toBe(
      'partner.onmicrosoft.com',
    );
  });

  it('accepts a file saved by Notepad with a byte order mark', async () => {
    const result = await read(`\uFEFF${JSON.stringify({ clientId: CLIENT_ID })}`);
    expect(result.kind).toBe('configured');
  });

  it('that is not JSON is refused with a message saying so, in both languages', async () => {
    const result = await read('{ clientId: 1111 ');
    expect(result).toEqual({ kind: 'not-configured', problem: { kind: 'not-json' } });
    if (result.kind !== 'not-configured') throw new Error('configured');
    expect(settingsProblemText('en', result.problem)?.title).toContain('not valid JSON');
    expect(settingsProblemText('ja', result.problem)?.title).toContain('JSON');
  });

  it('with wrong fields names each one and why', async () => {
    const result = await read(JSON.stringify({ clientID: CLIENT_ID, tenant: 'not a tenant!' }));
    expect(result).toEqual({
      kind: 'not-configured',
      problem: {
        kind: 'invalid',
        issues: expect.arrayContaining([
          { field: 'clientId', reason: 'required' },
          { field: 'tenant', reason: 'not-a-tenant' },
          { field: 'clientID', reason: 'unknown-field' },
        ]),
      },
    });
    if (result.kind !== 'not-configured') throw new Error('configured');
    const text = settingsProblemText('en', result.problem);
    expect(text?.action).toContain('"clientId" is missing.');
    expect(text?.action).toContain('"clientID" is not a setting this app knows');
  });

  it('refuses a client ID that is not a GUID and a tenant that admits personal accounts', () => {
    expect(parseSignInSettings({ clientId: 'my-app', tenant: 'common' })).toEqual({
      kind: 'not-configured',
      problem: {
        kind: 'invalid',
        issues: [
          { field: 'clientId', reason: 'not-a-guid' },
          { field: 'tenant', reason: 'personal-accounts' },
        ],
      },
    });
  });

  it('that is bad makes sign-in "not configured", carrying the problem for the screen', async () => {
    const h = await harness({ settings: '{"clientId": 42}' });
    try {
      expect(await h.signIn.status('graph')).toEqual({
        kind: 'not-configured',
        problem: { kind: 'invalid', issues: [{ field: 'clientId', reason: 'wrong-type' }] },
      });
      expect(await h.signIn.startDeviceCode('graph', () => undefined)).toMatchObject({
        kind: 'not-configured',
      });
      expect(h.idp.requests).toEqual([]);
    } finally {
      await h.cleanup();
    }
  });
});

describe('the first-run guide', () => {
  it('explains the app registration and the permission in both languages', () => {
    for (const lang of ['en', 'ja'] as const) {
      const guide = setupGuide(lang).steps.join('\n');
      expect(guide).toContain('DeviceManagementServiceConfig.ReadWrite.All');
      expect(guide).toContain('user_impersonation');
      expect(guide).toContain('http://localhost');
    }
    expect(setupGuide('en').steps.join('\n')).toContain('Allow public client flows');
    expect(JSON.parse(setupGuide('en').example)).toHaveProperty('clientId');
  });
});
