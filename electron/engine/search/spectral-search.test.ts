import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { collect, EI_FILE, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from '../import/import-spectra.js';
import { importIntoLibrary } from '../library/import-into-library.js';
import { LibraryStore } from '../library/library-store.js';
import { SpectralSearch } from './spectral-search.js';

describe('EI identity search on the real MassBank EI set', () => {
  let dir: TempDir;
  let store: LibraryStore;
  let search: SpectralSearch;
  let queries: Spectrum[];

  beforeAll(async () => {
    dir = tempDir();
    // Every 20th record is held out as a query; the rest form the library.
    const all = (await collect(importSpectra(EI_FILE))).flatMap((i) => (i.kind === 'spectrum' ? [i.spectrum] : []));
    queries = all.filter((_, i) => i % 20 === 0);
    const libraryText = await realRecords(EI_FILE, Infinity, () => true);
    const libraryFile = dir.file('lib.txt', libraryText.filter((_, i) => i % 20 !== 0).join(''));
    store = LibraryStore.open(`${dir.path}/ei.sqlite`);
    await importIntoLibrary(store, [libraryFile], { library: 'EI' });
    search = new SpectralSearch(store);
    search.prepare();
  });
  afterAll(() => {
    store?.close();
    dir?.remove();
  });

  it('HNSW top-10 agrees with exhaustive search on at least 99% of queries', () => {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, mode: 'ei', top: 10 };
    const references = search.prepareExhaustive(params);
    let agree = 0;
    for (const query of queries) {
      const fast = search.searchUnitMass(query, params).map((h) => h.spectrumId);
      const exact = search.searchUnitMassExhaustive(query, params, references).map((h) => h.spectrumId);
      if (fast.join() === exact.join()) agree++;
    }
    expect(queries.length).toBeGreaterThan(500);
    expect(agree / queries.length).toBeGreaterThanOrEqual(0.99);
  });

  it('finds a held-out spectrum of the same compound at rank 1 for most replicate queries', () => {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, mode: 'ei', top: 1 };
    const inLibrary = new Set([...store.unitMassSpectra()].map((s) => s.metadata.inchikey?.slice(0, 14)));
    const replicates = queries.filter((q) => q.metadata.inchikey && inLibrary.has(q.metadata.inchikey.slice(0, 14)));
    const correct = replicates.filter((q) => search.search(q, params).hits[0]?.inchikey?.slice(0, 14) === q.metadata.inchikey!.slice(0, 14));
    expect(replicates.length).toBeGreaterThan(50);
    expect(correct.length / replicates.length).toBeGreaterThan(0.5);
  });

  it('keeps only the chosen instrument types', () => {
    const query = queries[3]!;
    const hits = search.search(query, { ...DEFAULT_SEARCH_PARAMS, top: 20, instrumentTypes: ['gc-ei-tof'] }).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(store.getSpectrum(hit.spectrumId)!.metadata.instrumentType).toBe('GC-EI-TOF');
  });

  it('applies the retention-index window only where both sides carry one, and library switches', () => {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, top: 50 };
    // A query whose open search returns a hit with a retention index far from its own.
    const query = queries.find((q) => q.metadata.retentionIndex !== undefined &&
      search.search(q, params).hits.some((h) => h.retentionIndex !== undefined && Math.abs(h.retentionIndex - q.metadata.retentionIndex!) > 5))!;
    expect(query).toBeDefined();
    const ri = query.metadata.retentionIndex!;
    const open = search.search(query, params).hits;
    const narrow = search.search(query, { ...params, riTolerance: 5 }).hits;
    const outside = open.filter((h) => h.retentionIndex !== undefined && Math.abs(h.retentionIndex - ri) > 5);
    expect(outside.length).toBeGreaterThan(0);
    for (const hit of outside) expect(narrow.map((h) => h.spectrumId)).not.toContain(hit.spectrumId);
    for (const hit of narrow) if (hit.retentionIndex !== undefined) expect(Math.abs(hit.retentionIndex - ri)).toBeLessThanOrEqual(5);
    expect(narrow.some((h) => h.retentionIndex === undefined)).toBe(true);
    store.setLibraryEnabled('EI', false);
    expect(search.search(query, DEFAULT_SEARCH_PARAMS).hits).toEqual([]);
    store.setLibraryEnabled('EI', true);
    expect(search.search(query, { ...DEFAULT_SEARCH_PARAMS, libraries: ['EI'] }).hits.length).toBe(10);
    expect(search.search(query, { ...DEFAULT_SEARCH_PARAMS, libraries: ['no such library'] }).hits).toEqual([]);
  });
});

describe('MS/MS search', () => {
  let dir: TempDir;
  let store: LibraryStore;

  beforeAll(async () => {
    dir = tempDir();
    store = LibraryStore.open(`${dir.path}/msms.sqlite`);
    await importIntoLibrary(store, [dir.file('m.txt', (await realRecords(MSMS_FILE, 3000)).join(''))], { library: 'MSMS' });
  });
  afterAll(() => {
    store?.close();
    dir?.remove();
  });

  it('returns only candidates inside the precursor window and of the query ion mode, best first', () => {
    const search = new SpectralSearch(store);
    const references = store.precursorWindow(0, 1e6);
    const query = references[1234]!;
    for (const similarity of ['entropy', 'weighted-cosine'] as const) {
      const result = search.search(query, { ...DEFAULT_SEARCH_PARAMS, msmsSimilarity: similarity, precursorTolerance: { value: 10, unit: 'ppm' } });
      expect(result.searchedAs).toBe('msms');
      expect(result.hits[0]!.spectrumId).toBe(query.id);
      expect(result.hits[0]!.score).toBe(999);
      for (const hit of result.hits) {
        expect(Math.abs(hit.precursorErrorPpm!)).toBeLessThanOrEqual(10);
        expect(store.getSpectrum(hit.spectrumId)!.metadata.ionMode).toBe(query.metadata.ionMode);
      }
      const scores = result.hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('narrows by absolute Da window as well', () => {
    const search = new SpectralSearch(store);
    const query = store.precursorWindow(0, 1e6)[10]!;
    const wide = search.search(query, { ...DEFAULT_SEARCH_PARAMS, top: 100, precursorTolerance: { value: 5, unit: 'da' } }).hits;
    const tight = search.search(query, { ...DEFAULT_SEARCH_PARAMS, top: 100, precursorTolerance: { value: 0.001, unit: 'da' } }).hits;
    expect(wide.length).toBeGreaterThan(tight.length);
    expect(tight.every((h) => Math.abs(h.precursorMz! - query.metadata.precursorMz!) <= 0.001)).toBe(true);
  });
});
