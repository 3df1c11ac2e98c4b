/**
 * Electron's `safeStorage` as the token store's `SecretProtector`: DPAPI on Windows, the keychain on macOS,
 * the desktop's secret service on Linux. On Linux, when no secret service is there, Electron falls back to
 * `basic_text`, a hard-coded key that protects nothing: that counts as unavailable, so tokens then stay in
 * memory for the run instead of being written in what is, in effect, clear text.
 */
import type { SecretProtector } from '../auth/token-store';

/** The part of Electron's `safeStorage` this uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageProtector(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretProtector {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      if (platform !== 'linux') return true;
      // Only on Linux; an Electron without the call cannot say, so it is not trusted.
      const backend = safeStorage.getSelectedStorageBackend?.();
      return backend !== undefined && backend !== 'basic_text' && backend !== 'unknown';
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (bytes) => safeStorage.decryptString(bytes),
  };
}
