import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EI_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { NistMatchFactor } from '../search/similarity/nist-match-factor.js';
import { importIntoLibrary } from './import-into-library.js';
import { LibraryStore } from './library-store.js';
import { UnitMassIndex } from './unit-mass-index.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('HNSW unit-mass index', () => {
  it('is written beside the database, reused while fresh and rebuilt when stale, missing or corrupt', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 300);
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    await importIntoLibrary(store, [dir.file('a.txt', records.slice(0, 200).join(''))], { library: 'EI' });
    const index = new UnitMassIndex(store, new NistMatchFactor());
    expect(index.isFresh()).toBe(false);
    index.ensure();
    expect(existsSync(index.indexPath)).toBe(true);
    expect(index.isFresh()).toBe(true);
    expect(index.size).toBe(200);

    await importIntoLibrary(store, [dir.file('b.txt', records.slice(200).join(''))], { library: 'EI' });
    expect(index.isFresh()).toBe(false);
    const reopened = new UnitMassIndex(store, new NistMatchFactor());
    reopened.ensure();
    expect(reopened.size).toBe(300);

    rmSync(reopened.indexPath);
    expect(reopened.isFresh()).toBe(false);
    writeFileSync(reopened.stampPath, '{ torn');
    const third = new UnitMassIndex(store, new NistMatchFactor());
    third.ensure();
    expect(third.size).toBe(300);
    expect(third.isFresh()).toBe(true);
    store.close();
  });
});
