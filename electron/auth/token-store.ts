/**
 * Where MSAL's token cache (accounts, access and refresh tokens) lives between runs: only in a file encrypted
 * by the operating system's protected store. In Electron the protector is `safeStorage` (DPAPI on Windows, the
 * keychain on macOS); where there is none (the CLI, the browser host) the cache stays in memory for the run and
 * is never written, in clear or otherwise. Tokens never go to the ledger, a log or a CSV: this is the one
 * place that holds them, and its log lines carry event names and error codes only.
 *
 * One file, `auth-cache.bin`, holds one MSAL cache per service (a partner may be signed in to Partner Center
 * in its own tenant and to Graph in a customer's), encrypted as a whole and replaced atomically.
 */
import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { z } from 'zod';
import type { SignInService } from '../../shared/i18n/sign-in-messages';
import { WriteError, errorCode, writeFileAtomic } from '../files/atomic-write';

export const TOKEN_CACHE_FILE = 'auth-cache.bin';

/**
 * Encryption bound to the user by the OS. Electron's `safeStorage` fits as it is:
 * `{ isAvailable: () => safeStorage.isEncryptionAvailable(), encrypt: (t) => safeStorage.encryptString(t),
 *    decrypt: (b) => safeStorage.decryptString(b) }`.
 */
export interface SecretProtector {
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(bytes: Buffer): string;
}

export interface TokenStoreOptions {
  /** The app data folder. */
  readonly dir: string;
  /** Absent or unavailable: memory only. */
  readonly protector?: SecretProtector;
  readonly log?: (line: string) => void;
}

const EnvelopeSchema = z.object({
  version: z.literal(1),
  caches: z.object({ graph: z.string().optional(), 'partner-center': z.string().optional() }),
});

type Caches = Partial<Record<SignInService, string>>;

/** The token caches of both services, persisted only encrypted. */
export class TokenStore {
  readonly file: string;
  private readonly protector: SecretProtector | undefined;
  private readonly log: (line: string) => void;
  private caches: Caches = {};
  private loading: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: TokenStoreOptions) {
    this.file = path.join(options.dir, TOKEN_CACHE_FILE);
    this.protector = options.protector;
    this.log = options.log ?? (() => undefined);
  }

  /** True when the cache survives a restart (an OS protector is there and working). */
  get persistent(): boolean {
    try {
      return this.protector?.isAvailable() === true;
    } catch {
      return false;
    }
  }

  /** MSAL's cache plugin for one service: the in-memory cache is loaded before and saved after each access. */
  plugin(service: SignInService): ICachePlugin {
    return {
      beforeCacheAccess: async (context: TokenCacheContext) => {
        await this.load();
        // Always from the store, so a cleared store also clears MSAL's memory.
        context.tokenCache.deserialize(this.caches[service] ?? '{}');
      },
      afterCacheAccess: async (context: TokenCacheContext) => {
        if (!context.cacheHasChanged) return;
        this.caches = { ...this.caches, [service]: context.tokenCache.serialize() };
        await this.save();
      },
    };
  }

  /** Forgets every token, in memory and on disk. Waits for a write in progress, then deletes the file. */
  async clear(): Promise<void> {
    await this.load();
    this.caches = {};
    await this.writing;
    try {
      await unlink(this.file);
      this.log('auth-cache: deleted');
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT') this.log(`auth-cache: delete failed ${code ?? 'unknown'}`);
    }
  }

  private load(): Promise<void> {
    this.loading ??= this.readFile();
    return this.loading;
  }

  private async readFile(): Promise<void> {
    if (!this.persistent || !this.protector) return;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT') this.log(`auth-cache: read failed ${code ?? 'unknown'}`);
      return;
    }
    try {
      const envelope = EnvelopeSchema.parse(JSON.parse(this.protector.decrypt(bytes)));
      this.caches = { ...envelope.caches };
      this.log('auth-cache: loaded');
    } catch {
      // Another user's or another machine's file, or damaged: start signed out; the next sign-in replaces it.
      this.log('auth-cache: unreadable, starting signed out');
    }
  }

  private save(): Promise<void> {
    const next = this.writing.then(() => this.writeFile());
    this.writing = next;
    return next;
  }

  private async writeFile(): Promise<void> {
    if (!this.persistent || !this.protector) return;
    try {
      const bytes = this.protector.encrypt(JSON.stringify({ version: 1, caches: this.caches }));
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, bytes);
    } catch (error) {
      // Sign-in still works for this run; only its survival across a restart is lost.
      const kind = error instanceof WriteError ? error.kind : 'encrypt';
      this.log(`auth-cache: write failed ${kind}`);
    }
  }
}
