import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInNeededError } from '../../../../electron/auth/sign-in';
import type { DeviceCodePrompt } from '../../../../electron/auth/sign-in';
import { signInOutcomeText, tokenProblemText } from '../../../../shared/i18n/sign-in-messages';
import { TENANT_ID, USER_CODE, USERNAME, VERIFICATION_URI } from './fake-identity-platform';
import { harness } from './sign-in-fixture';
import type { Harness } from './sign-in-fixture';

let h: Harness;

afterEach(async () => {
  vi.useRealTimers();
  // Nothing was ever discovered or fetched beyond the device code and token endpoints.
  expect(h.idp.unexpected).toEqual([]);
  await h.cleanup();
});

async function signedIn(): Promise<void> {
  const { outcome } = await h.deviceCode();
  expect(outcome.kind).toBe('signed-in');
}

describe('device code sign-in', () => {
  it('shows the code, the verification URL, the expiry and a QR code of the URL', async () => {
    h = await harness();
    const before = Date.now();
    const { prompts } = await h.deviceCode();
    expect(prompts).toHaveLength(1);
    const prompt = prompts[0] as DeviceCodePrompt;
    expect(prompt.userCode).toBe(USER_CODE);
    expect(prompt.verificationUri).toBe(VERIFICATION_URI);
    expect(prompt.expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    expect(prompt.message).toContain(USER_CODE);
    expect(prompt.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('signs the service in with the account once the technician finishes, after pending polls', async () => {
    h = await harness();
    h.idp.polls = ['pending', 'pending', 'tokens'];
    const { outcome } = await h.deviceCode();
    expect(outcome).toEqual({ kind: 'signed-in', username: USERNAME, tenantId: TENANT_ID });
    expect(h.idp.grants('device_code')).toBe(3);
    expect(await h.signIn.status('graph')).toEqual({
      kind: 'signed-in',
      username: USERNAME,
      tenantId: TENANT_ID,
    });
  });

  it('asks for the service scope, with a refresh token', async () => {
    h = await harness();
    await signedIn();
    const scope = h.idp.requests[0]?.body.get('scope') ?? '';
    expect(scope.split(' ')).toEqual(
      expect.arrayContaining([
        'https://graph.microsoft.com/DeviceManagementServiceConfig.ReadWrite.All',
        'offline_access',
      ]),
    );
  });

  it('ends as expired when the code expires before the technician finishes', async () => {
    h = await harness();
    h.idp.polls = ['pending', { error: 'expired_token', codes: [70020] }];
    const { outcome } = await h.deviceCode();
    expect(outcome).toEqual({ kind: 'expired' });
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
  });

  it('ends as declined when the technician refuses on the sign-in page', async () => {
    h = await harness();
    h.idp.polls = [{ error: 'authorization_declined', codes: [70019] }];
    const { outcome } = await h.deviceCode();
    expect(outcome).toEqual({ kind: 'declined' });
  });

  it('ends as cancelled at once when cancelled while waiting', async () => {
    h = await harness();
    h.idp.polls = ['pending'];
    h.idp.interval = 5;
    const started = Date.now();
    const running = h.signIn.startDeviceCode('graph', () => h.signIn.cancel());
    expect(await running).toEqual({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
  });

  it('explains a registration without "Allow public client flows" instead of passing on MSAL\u2019s error', async () => {
    h = await harness();
    h.idp.polls = [{ error: 'invalid_client', codes: [7000218] }];
    const { outcome } = await h.deviceCode();
    expect(outcome).toEqual({
      kind: 'refused',
      reason: 'public-client-flows-disabled',
      reference: '[AADSTS7000218 invalid_client]',
    });
    expect(signInOutcomeText('en', outcome).action).toContain('Allow public client flows');
    expect(signInOutcomeText('ja', outcome).action).toContain('パブリック クライアント フローを許可する');
  });

  it('explains an unknown client ID refused by the device code endpoint, without showing a code', async () => {
    h = await harness();
    h.idp.deviceCodeError = { error: 'unauthorized_client', codes: [700016] };
    const { outcome, prompts } = await h.deviceCode();
    expect(prompts).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'app-not-found' });
    expect(h.idp.tokenRequests).toEqual([]);
  });

  it('refuses a second sign-in while one is waiting', async () => {
    h = await harness();
    h.idp.polls = ['pending'];
    const first = h.signIn.startDeviceCode('graph', () => undefined);
    await vi.waitFor(() => expect(h.idp.requests.length).toBeGreaterThan(0));
    expect(await h.signIn.startDeviceCode('graph', () => undefined)).toEqual({ kind: 'busy' });
    h.signIn.cancel();
    expect(await first).toEqual({ kind: 'cancelled' });
  });
});

describe('browser sign-in', () => {
  it('completes through the loopback redirect that MSAL listens on', async () => {
    h = await harness();
    const outcome = await h.signIn.signInInteractive('graph', async (url) => {
      const authorize = new URL(url);
      const redirect = (authorize.searchParams.get('redirect_uri') ?? '').replace('localhost', '127.0.0.1');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      const response = await fetch(redirect, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code: 'AUTH-CODE-1', state: authorize.searchParams.get('state') ?? '' }),
      });
      await response.text();
    });
    expect(outcome).toEqual({ kind: 'signed-in', username: USERNAME, tenantId: TENANT_ID });
  });

  it('says no browser could be opened when opening it fails', async () => {
    h = await harness();
    const outcome = await h.signIn.signInInteractive('graph', async () => {
      throw new Error('xdg-open: not found');
    });
    expect(outcome).toEqual({ kind: 'no-browser' });
  });
});

describe('tokens for the submitters', () => {
  it('hands out the cached access token without asking the identity platform again', async () => {
    h = await harness();
    await signedIn();
    const requests = h.idp.requests.length;
    const token = await h.signIn.tokenSource('graph')();
    expect(token).toBe(h.idp.secrets[1]);
    expect(h.idp.requests.length).toBe(requests);
  });

  it('renews an expired access token silently with the refresh token', async () => {
    h = await harness();
    await signedIn();
    const first = await h.signIn.tokenSource('graph')();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const second = await h.signIn.tokenSource('graph')();
    expect(second).not.toBe(first);
    expect(second).toBe(h.idp.secrets[3]);
    expect(h.idp.grants('refresh_token')).toBe(1);
  });

  it('renews a token the service refused when asked again', async () => {
    h = await harness();
    await signedIn();
    const source = h.signIn.tokenSource('graph');
    const first = await source();
    const second = await source();
    expect(second).not.toBe(first);
    expect(h.idp.grants('refresh_token')).toBe(1);
  });

  it('asks the technician to sign in again when the refresh token was revoked', async () => {
    h = await harness();
    h.idp.tokenLifetime = 60; // inside MSAL's 5-minute renewal window: every use refreshes
    await signedIn();
    h.idp.refreshError = { error: 'invalid_grant', codes: [50173] };
    const error = await h.signIn
      .tokenSource('graph')()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInNeededError);
    expect((error as SignInNeededError).problem).toEqual({
      kind: 'session-expired',
      reference: '[AADSTS50173 invalid_grant]',
    });
    expect(tokenProblemText('en', (error as SignInNeededError).problem).title).toMatch(
      /expired or was revoked/,
    );
  });

  it('fails with "signed out" when nobody signed in', async () => {
    h = await harness();
    const error = await h.signIn
      .tokenSource('graph')()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInNeededError);
    expect((error as SignInNeededError).problem).toEqual({ kind: 'signed-out' });
    expect(h.idp.requests).toEqual([]);
  });

  it('keeps a separate sign-in per service', async () => {
    h = await harness();
    await signedIn();
    expect(await h.signIn.status('partner-center')).toEqual({ kind: 'signed-out' });
  });
});

describe('HARVESTER_TOKEN', () => {
  it('skips sign-in: the status says so and the token source returns it', async () => {
    h = await harness();
    h.env.HARVESTER_TOKEN = ' env-bearer-token ';
    expect(await h.signIn.status('graph')).toEqual({ kind: 'env-token' });
    expect(await h.signIn.startDeviceCode('graph', () => undefined)).toEqual({ kind: 'env-token' });
    expect(await h.signIn.tokenSource('partner-center')()).toBe('env-bearer-token');
    expect(h.idp.requests).toEqual([]);
  });
});

describe('the log', () => {
  it('names events and error codes but never a token, the device code or the user code', async () => {
    h = await harness();
    h.idp.polls = ['pending', 'tokens'];
    await signedIn();
    await h.signIn.tokenSource('graph')();
    h.idp.refreshError = { error: 'invalid_grant', codes: [50173] };
    const source = h.signIn.tokenSource('graph');
    await source();
    await source().catch(() => undefined);
    const log = h.logs.join('\n');
    expect(log).toContain('device code issued');
    expect(log).toContain('AADSTS50173');
    for (const secret of [...h.idp.secrets, USER_CODE, USERNAME]) expect(log).not.toContain(secret);
  });
});

describe('sign-out', () => {
  it('forgets the account so the service is signed out', async () => {
    h = await harness();
    await signedIn();
    await h.signIn.signOut();
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
    await expect(h.signIn.tokenSource('graph')()).rejects.toBeInstanceOf(SignInNeededError);
  });
});
