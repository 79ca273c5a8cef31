// The device token under Electron: encrypted with the OS keychain through safeStorage (DPAPI on Windows,
// libsecret/kwallet on Linux), stored in a 0600 file of the user's profile. Browser mode and tests use the
// plain 0600 file store of desk/sync/connection.ts instead.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from './desk/sync/connection';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageSecretStore(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  const file = join(dataDir, 'device-token.enc');
  return {
    get() {
      if (!existsSync(file)) return undefined;
      const content = readFileSync(file);
      return content.length === 0 ? undefined : safeStorage.decryptString(content);
    },
    set(token) {
      if (token !== null && !safeStorage.isEncryptionAvailable()) {
        throw new Error('Le trousseau du système est indisponible : le jeton du poste ne peut pas être protégé.');
      }
      writeFileSync(file, token === null ? Buffer.alloc(0) : safeStorage.encryptString(token), { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}
