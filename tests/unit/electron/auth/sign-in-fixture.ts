/** A signed-out app in a temp folder, with the fake identity platform and a real (test) encryption. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignIn } from '../../../../electron/auth/sign-in';
import type { DeviceCodePrompt } from '../../../../electron/auth/sign-in';
import { AUTH_SETTINGS_FILE } from '../../../../electron/auth/sign-in-settings';
import { TokenStore } from '../../../../electron/auth/token-store';
import type { SecretProtector } from '../../../../electron/auth/token-store';
import {
  AUTHORITY_METADATA,
  CLIENT_ID,
  CLOUD_DISCOVERY_METADATA,
  FakeIdentityPlatform,
} from './fake-identity-platform';

/** AES-256-GCM with a key held in memory: stands in for safeStorage / DPAPI. */
export function testProtector(available = true): SecretProtector & { readonly calls: { encrypt: number } } {
  const key = randomBytes(32);
  const calls = { encrypt: 0 };
  return {
    calls,
    isAvailable: () => available,
    encrypt(text) {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(bytes) {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export interface Harness {
  readonly dir: string;
  readonly idp: FakeIdentityPlatform;
  readonly logs: string[];
  readonly env: NodeJS.ProcessEnv;
  store: TokenStore;
  signIn: SignIn;
  /** A new SignIn and store over the same folder: the app started again. */
  restart(protector?: SecretProtector): void;
  /** Runs the device code flow to its end, collecting the prompts. */
  deviceCode(): Promise<{
    outcome: Awaited<ReturnType<SignIn['startDeviceCode']>>;
    prompts: DeviceCodePrompt[];
  }>;
  cleanup(): Promise<void>;
}

export async function harness(
  options: { readonly protector?: SecretProtector; readonly settings?: unknown } = {},
): Promise<Harness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sign-in-'));
  const settings = options.settings === undefined ? { clientId: CLIENT_ID } : options.settings;
  if (settings !== null) {
    const text = typeof settings === 'string' ? settings : JSON.stringify(settings);
    await fs.writeFile(path.join(dir, AUTH_SETTINGS_FILE), text);
  }
  const idp = new FakeIdentityPlatform();
  const logs: string[] = [];
  const env: NodeJS.ProcessEnv = {};
  const build = (protector: SecretProtector | undefined) => {
    const log = (line: string) => logs.push(line);
    const store = new TokenStore({ dir, protector, log });
    const signIn = new SignIn({
      settingsFile: path.join(dir, AUTH_SETTINGS_FILE),
      store,
      env,
      log,
      networkClient: idp,
      authorityMetadata: AUTHORITY_METADATA,
      cloudDiscoveryMetadata: CLOUD_DISCOVERY_METADATA,
    });
    return { store, signIn };
  };
  const h: Harness = {
    dir,
    idp,
    logs,
    env,
    ...build(options.protector),
    restart(protector = options.protector) {
      Object.assign(h, build(protector));
    },
    async deviceCode() {
      const prompts: DeviceCodePrompt[] = [];
      const outcome = await h.signIn.startDeviceCode('graph', (p) => prompts.push(p));
      return { outcome, prompts };
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
  return h;
}
