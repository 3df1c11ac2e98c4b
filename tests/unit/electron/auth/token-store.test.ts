import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_CACHE_FILE } from '../../../../electron/auth/token-store';
import { USERNAME } from './fake-identity-platform';
import { harness, testProtector } from './sign-in-fixture';
import type { Harness } from './sign-in-fixture';

let h: Harness;

afterEach(async () => {
  await h.cleanup();
});

function cacheFile(): string {
  return path.join(h.dir, TOKEN_CACHE_FILE);
}

async function signIn(): Promise<void> {
  const { outcome } = await h.deviceCode();
  expect(outcome.kind).toBe('signed-in');
}

/** True when `needle` appears in the bytes as UTF-8, UTF-16 or base64 text. */
function contains(bytes: Buffer, needle: string): boolean {
  return [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64').slice(0, 16)),
  ].some((form) => bytes.includes(form));
}

describe('the token cache on disk', () => {
  it('holds the tokens only encrypted: no token, refresh token or account name in clear', async () => {
    const protector = testProtector();
    h = await harness({ protector });
    await signIn();
    await h.signIn.tokenSource('graph')();
    const bytes = await fs.readFile(cacheFile());
    for (const secret of [...h.idp.secrets, USERNAME]) expect(contains(bytes, secret)).toBe(false);
    // It is the cache: decrypted, the refresh token is there.
    expect(protector.decrypt(bytes)).toContain(h.idp.secrets[2]);
  });

  it('keeps the technician signed in when the app starts again', async () => {
    const protector = testProtector();
    h = await harness({ protector });
    await signIn();
    h.restart();
    expect(await h.signIn.status('graph')).toMatchObject({ kind: 'signed-in', username: USERNAME });
    expect(await h.signIn.tokenSource('graph')()).toBe(h.idp.secrets[1]);
  });

  it('is never written without a protector: the sign-in lasts for this run only', async () => {
    h = await harness();
    await signIn();
    expect(await h.signIn.status('graph')).toMatchObject({ kind: 'signed-in' });
    expect(await fs.readdir(h.dir)).toEqual(['auth.json']);
    h.restart();
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
  });

  it('is never written when the protector reports encryption unavailable', async () => {
    const protector = testProtector(false);
    h = await harness({ protector });
    await signIn();
    expect(protector.calls.encrypt).toBe(0);
    expect(await fs.readdir(h.dir)).toEqual(['auth.json']);
  });

  it('is deleted, with the accounts, by sign-out', async () => {
    const protector = testProtector();
    h = await harness({ protector });
    await signIn();
    await fs.access(cacheFile());
    await h.signIn.signOut();
    await expect(fs.access(cacheFile())).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
    h.restart();
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
  });

  it('starts signed out when the file cannot be decrypted (another user, another PC)', async () => {
    h = await harness({ protector: testProtector() });
    await signIn();
    h.restart(testProtector());
    expect(await h.signIn.status('graph')).toEqual({ kind: 'signed-out' });
    expect(h.logs).toContain('auth-cache: unreadable, starting signed out');
  });
});
