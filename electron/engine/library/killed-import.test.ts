import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MSMS_FILE, NEXA_BIN, realRecords, REPO_ROOT, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importIntoLibrary } from './import-into-library.js';
import { IMPORT_BATCH_SIZE } from './import-into-library.js';
import { LibraryStore } from './library-store.js';

let dir: TempDir;
afterEach(() => dir?.remove());

function spectraCount(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM spectra').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('an import killed mid-way', () => {
  it('leaves a library that opens and holds every committed record, and a rerun completes it', async () => {
    dir = tempDir();
    const db = `${dir.path}/lib.sqlite`;
    const input = dir.file('msms-part.txt', (await realRecords(MSMS_FILE, 10 * IMPORT_BATCH_SIZE)).join(''));
    const child = spawn(process.execPath, [NEXA_BIN, 'library', 'import', input, '--library', db, '--name', 'msms'], { cwd: REPO_ROOT, stdio: 'ignore' });
    // Kill without warning once a few batches have been committed.
    const deadline = Date.now() + 60_000;
    while (spectraCount(db) < 3 * IMPORT_BATCH_SIZE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = raw.prepare('SELECT (SELECT COUNT(*) FROM spectra) AS spectra, (SELECT COUNT(*) FROM peaks) AS peaks').get() as { spectra: number; peaks: number };
    raw.close();
    expect(counts.spectra).toBeGreaterThanOrEqual(3 * IMPORT_BATCH_SIZE);
    expect(counts.spectra).toBeLessThan(10 * IMPORT_BATCH_SIZE);
    expect(counts.spectra % IMPORT_BATCH_SIZE).toBe(0);
    expect(counts.peaks).toBe(counts.spectra);

    const store = LibraryStore.open(db);
    expect(store.getSpectrum(counts.spectra)?.peaks.length).toBeGreaterThan(0);
    const rerun = await importIntoLibrary(store, [input], { library: 'msms' });
    expect(rerun.duplicates).toBe(counts.spectra);
    expect(store.countSpectra()).toBe(10 * IMPORT_BATCH_SIZE);
    store.close();
  }, 120_000);
});
