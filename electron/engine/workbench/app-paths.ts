/**
 * Where the app finds its own files (package.json, bundled resources) and keeps the
 * user's (the data folder with the library database). The data folder is
 * `NEXA_DATA_DIR` when set, else `~/.nexa-workbench`.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (or unpacked app) root: the nearest folder above this file holding package.json with our name. */
export const APP_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'nexa-workbench') return dir;
    } catch {
      // not here; keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Nexa Workbench package.json above the engine');
    dir = parent;
  }
})();

export const APP_VERSION = (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const SAMPLE_LIBRARY_DIR = join(APP_ROOT, 'resources', 'sample-library');

export function defaultDataDir(): string {
  return resolve(process.env.NEXA_DATA_DIR ?? join(homedir(), '.nexa-workbench'));
}
