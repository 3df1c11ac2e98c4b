import { describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../../../electron/shell/secret-protector';
import { safeStorageProtector } from '../../../../electron/shell/secret-protector';

/** A stand-in for Electron's safeStorage: reversible, and visibly not the clear text. */
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    ...(backend !== undefined
      ? {
          getSelectedStorageBackend: () => {
            calls.push('backend');
            return backend;
          },
        }
      : {}),
    encryptString: (text) => {
      calls.push('encrypt');
      return Buffer.from(`enc:${Buffer.from(text).toString('base64')}`);
    },
    decryptString: (bytes) => {
      calls.push('decrypt');
      return Buffer.from(bytes.toString().slice('enc:'.length), 'base64').toString();
    },
  };
}

describe('the safeStorage protector', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const storage = fakeSafeStorage(true);
    const protector = safeStorageProtector(storage, 'win32');
    const bytes = protector.encrypt('{"token":"secret"}');
    expect(bytes.toString()).not.toContain('secret');
    expect(protector.decrypt(bytes)).toBe('{"token":"secret"}');
    expect(storage.calls).toEqual(['encrypt', 'decrypt']);
  });

  it('is available on Windows and macOS when safeStorage says encryption is', () => {
    expect(safeStorageProtector(fakeSafeStorage(true), 'win32').isAvailable()).toBe(true);
    expect(safeStorageProtector(fakeSafeStorage(true), 'darwin').isAvailable()).toBe(true);
    expect(safeStorageProtector(fakeSafeStorage(false), 'win32').isAvailable()).toBe(false);
  });

  it('on Linux, needs a real secret service: the basic_text fallback protects nothing', () => {
    expect(safeStorageProtector(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').isAvailable()).toBe(true);
    expect(safeStorageProtector(fakeSafeStorage(true, 'kwallet5'), 'linux').isAvailable()).toBe(true);
    expect(safeStorageProtector(fakeSafeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
    expect(safeStorageProtector(fakeSafeStorage(true, 'unknown'), 'linux').isAvailable()).toBe(false);
    expect(safeStorageProtector(fakeSafeStorage(true), 'linux').isAvailable()).toBe(false);
    expect(safeStorageProtector(fakeSafeStorage(false, 'gnome_libsecret'), 'linux').isAvailable()).toBe(
      false,
    );
  });

  it('is asked again each time, so a secret service that appears later is used', () => {
    let available = false;
    const storage = { ...fakeSafeStorage(true, 'gnome_libsecret'), isEncryptionAvailable: () => available };
    const protector = safeStorageProtector(storage, 'linux');
    expect(protector.isAvailable()).toBe(false);
    available = true;
    expect(protector.isAvailable()).toBe(true);
  });
});
