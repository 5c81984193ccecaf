/**
 * The Atlas++ API key on the desktop: encrypted with Electron's safeStorage (the operating
 * system's keychain) in the data folder, never written in plain text. Without a keychain
 * the key is refused for storage and lives for the session only.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';

const keyFile = (dataDir: string): string => join(dataDir, 'atlas-key.bin');

export function loadAtlasKey(safeStorage: SafeStorage, dataDir: string): string | undefined {
  const file = keyFile(dataDir);
  if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return undefined;
  try {
    return safeStorage.decryptString(readFileSync(file));
  } catch {
    return undefined; // encrypted for another user or machine: ask for the key again
  }
}

/** Stores (or, for an empty key, forgets) the key; false when no keychain is there to encrypt it. */
export function saveAtlasKey(safeStorage: SafeStorage, dataDir: string, key: string): boolean {
  const file = keyFile(dataDir);
  if (key === '') {
    rmSync(file, { force: true });
    return true;
  }
  if (!safeStorage.isEncryptionAvailable()) return false;
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return true;
}
