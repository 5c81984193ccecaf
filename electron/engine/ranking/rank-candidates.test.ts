import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { collect, REPO_ROOT, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from '../import/import-spectra.js';
import { importIntoLibrary } from '../library/import-into-library.js';
import { LibraryStore } from '../library/library-store.js';
import { SpectralSearch } from '../search/spectral-search.js';
import { candidateKey } from './candidate-features.js';
import { Identifier } from './identifier.js';

const SAMPLES = join(REPO_ROOT, 'resources');
let dir: TempDir;
let store: LibraryStore;
let identifier: Identifier;
let unknowns: Spectrum[];

beforeAll(async () => {
  dir = tempDir();
  store = LibraryStore.open(join(dir.path, 'lib.sqlite'));
  await importIntoLibrary(store, [join(SAMPLES, 'sample-library', 'massbank-ei-cc-by.txt.gz'), join(SAMPLES, 'sample-library', 'massbank-msms-open.txt.gz')], { library: 'sample' });
  const search = new SpectralSearch(store);
  search.prepare();
  identifier = new Identifier(search);
  unknowns = [];
  for (const file of ['gc-ei-unknowns.msp', 'lc-msms-unknowns.mgf']) {
    for (const item of await collect(importSpectra(join(SAMPLES, 'sample-unknowns', file)))) if (item.kind === 'spectrum') unknowns.push(item.spectrum);
  }
});
afterAll(() => {
  store?.close();
  dir?.remove();
});

const params = (patch: Partial<SearchParams> = {}): SearchParams => ({ ...DEFAULT_SEARCH_PARAMS, top: 100, ...patch });

describe('probabilistic candidate ranking over a real library', () => {
  it('gives each candidate compound one probability, which with "none of these" sums to at most 1, hits ordered by it', async () => {
    const results = await identifier.identify(unknowns, params());
    expect(results).toHaveLength(16);
    for (const result of results) {
      expect(result.ranking?.model).toMatch(/^nexa-candidate-ranker /);
      const perCompound = new Map(result.hits.map((h) => [candidateKey(h), h.probability!]));
      const total = [...perCompound.values()].reduce((a, b) => a + b, 0) + result.ranking!.pNone;
      expect(total).toBeLessThanOrEqual(1.001);
      expect(total).toBeGreaterThan(0.99);
      const probabilities = result.hits.map((h) => h.probability!);
      expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
      expect(result.hits.map((h) => h.rank)).toEqual(result.hits.map((_, i) => i + 1));
    }
    // The sample unknowns are library compounds: most are named with confidence.
    expect(results.filter((r) => r.hits[0]!.probability! > 0.5).length).toBeGreaterThanOrEqual(12);
  });

  it('widens to K_max and then flags an unknown when no probability reaches the threshold', async () => {
    const strict = await identifier.identify(unknowns, params({ reviewThreshold: 1, kMax: 30 }));
    for (const result of strict) {
      expect(result.ranking!.flagged).toBe(true);
      expect(result.ranking!.candidates).toBeLessThanOrEqual(30);
    }
    expect(strict.some((r) => r.ranking!.candidates > 20)).toBe(true);
    const lenient = await identifier.identify(unknowns, params({ reviewThreshold: 0 }));
    for (const result of lenient) {
      expect(result.ranking!.flagged).toBe(false);
      expect(result.ranking!.candidates).toBeLessThanOrEqual(20);
    }
  });

  it('leaves similarity order and no probabilities when asked for similarity ranking', async () => {
    const [result] = await identifier.identify(unknowns.slice(0, 1), params({ rank: 'similarity', top: 5 }));
    expect(result!.ranking).toBeUndefined();
    expect(result!.hits.every((h) => h.probability === undefined)).toBe(true);
    const scores = result!.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
