import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EI_FILE, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importIntoLibrary, IMPORT_BATCH_SIZE } from './import-into-library.js';
import { LibraryStore } from './library-store.js';
import { MIGRATIONS } from './schema.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('library store', () => {
  it('creates a WAL database at the latest schema version and reopens it', () => {
    dir = tempDir();
    const path = `${dir.path}/lib.sqlite`;
    LibraryStore.open(path).close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = LibraryStore.open(path);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    again.close();
  });

  it('stores real records with peaks, compounds and provenance, and skips a second import of the same records', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 40);
    const file = dir.file('ei.txt', records.join(''));
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    const first = await importIntoLibrary(store, [file], { library: 'EI' });
    expect(first).toMatchObject({ imported: 40, duplicates: 0, problems: [] });
    const second = await importIntoLibrary(store, [file], { library: 'EI' });
    expect(second).toMatchObject({ imported: 0, duplicates: 40 });
    const [info] = store.listLibraries();
    expect(info).toMatchObject({ name: 'EI', spectra: 40, enabled: true, source: 'measured' });
    const stored = store.getSpectrum(1)!;
    expect(stored.metadata.id).toBe(/^ACCESSION: (.+)$/m.exec(records[0]!)![1]);
    expect(stored.metadata.license).toBe(/^LICENSE: (.+)$/m.exec(records[0]!)![1]);
    expect(stored.peaks.length).toBe(Number(/^PK\$NUM_PEAK: (\d+)$/m.exec(records[0]!)![1]));
    expect(stored.peaks[0]!.mz).toBe(Number(/\n {2}(\S+) /.exec(records[0]!.split('PK$PEAK')[1]!)![1]));
    store.close();
  });

  it('switches libraries on and off', async () => {
    dir = tempDir();
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    store.ensureLibrary('A');
    store.ensureLibrary('B');
    store.setLibraryEnabled('A', false);
    expect(store.listLibraries().map((l) => [l.name, l.enabled])).toEqual([['A', false], ['B', true]]);
    expect(() => store.setLibraryEnabled('C', true)).toThrow(/no library named "C"/);
    store.close();
  });

  it('writes a batch all or nothing', async () => {
    dir = tempDir();
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    const good = { metadata: { id: 'a' }, peaks: [{ mz: 41, intensity: 1 }] };
    // Library 999 does not exist: the foreign key fails and the whole batch must roll back.
    expect(() => store.insertBatch(999, [good, good], 'x')).toThrow();
    expect(store.countSpectra()).toBe(0);
    store.close();
  });

  it('keeps the good records and reports the bad ones of a mixed file', async () => {
    dir = tempDir();
    const records = await realRecords(MSMS_FILE, 5);
    const [head, peaks] = records[2]!.split('PK$PEAK: m/z int. rel.int.\n');
    records[2] = `${head}PK$PEAK: m/z int. rel.int.\n${peaks!.replace(/^ {2}(\d)/, '  ?$1')}`;
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    const summary = await importIntoLibrary(store, [dir.file('m.txt', records.join(''))], { library: 'MSMS' });
    expect(summary.imported).toBe(4);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]!.record).toBe(/^ACCESSION: (.+)$/m.exec(records[2]!)![1]);
    store.close();
  });

  it('stops at a batch boundary when cancelled, keeping only whole batches', async () => {
    dir = tempDir();
    const store = LibraryStore.open(`${dir.path}/lib.sqlite`);
    const controller = new AbortController();
    const summary = await importIntoLibrary(store, [MSMS_FILE], {
      library: 'MSMS',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.records >= 2 * IMPORT_BATCH_SIZE + 500) controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.imported).toBe(2 * IMPORT_BATCH_SIZE);
    expect(store.countSpectra()).toBe(2 * IMPORT_BATCH_SIZE);
    store.close();
  });
});
