import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageSecretStore, type SafeStorageLike } from '../../../src/main/secretStore';

// A reversible stand-in for the OS keychain: what matters here is that the file never holds the token in clear.
const fakeSafeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
});

describe('device token under Electron', () => {
  it('stores the token encrypted in a 0600 file and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-secret-'));
    const store = safeStorageSecretStore(dir, fakeSafeStorage());
    expect(store.get()).toBeUndefined();
    store.set('tok-123');
    expect(store.get()).toBe('tok-123');
    const file = join(dir, 'device-token.enc');
    expect(readFileSync(file).toString()).not.toContain('tok-123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store.set(null);
    expect(store.get()).toBeUndefined();
  });

  it('refuses to store a token when the keychain is unavailable', () => {
    const store = safeStorageSecretStore(mkdtempSync(join(tmpdir(), 'guichet-secret-')), fakeSafeStorage(false));
    expect(() => store.set('tok')).toThrow(/trousseau/);
  });
});
