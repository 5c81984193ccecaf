import { describe, expect, it } from 'vitest';
import type { Hit } from '../../common/search-params.js';
import { candidateFeatures, FEATURE_COUNT, groupCandidates, RANKING_FEATURES, type QueryContext } from './candidate-features.js';

const hit = (id: number, score: number, extra: Partial<Hit> = {}): Hit => ({ rank: id, score, reverseScore: score, matchedPeaks: 10, spectrumId: id, library: 'L', source: 'measured', ...extra });
const column = (name: (typeof RANKING_FEATURES)[number]): number => RANKING_FEATURES.indexOf(name);

describe('candidate features', () => {
  it('groups hits into compounds by InChIKey first block, in the order of their best hit', () => {
    const hits = [hit(1, 900, { inchikey: 'AAAAAAAAAAAAAA-BBBBBBBBSA-N' }), hit(2, 850), hit(3, 800, { inchikey: 'AAAAAAAAAAAAAA-CCCCCCCCSA-N' })];
    const candidates = groupCandidates(hits);
    expect(candidates.map((c) => [c.key, c.hits.map((h) => h.spectrumId)])).toEqual([['AAAAAAAAAAAAAA', [1, 3]], ['spectrum:2', [2]]]);
  });

  it('writes one row per candidate, pads to k, and flags what is missing', () => {
    const context: QueryContext = { searchedAs: 'msms', peakCount: 20, precursorMz: 195.0877, ionMode: 'positive', precursorTolerancePpm: 10, retentionTime: 100, rtTolerance: 20 };
    const candidates = groupCandidates([
      hit(1, 900, { inchikey: 'RYYVLZVUVIJVGH-UHFFFAOYSA-N', precursorErrorPpm: -5, retentionTime: 110 }),
      // No precursor of its own: the error comes from its exact mass and the [M+H]+ adduct.
      hit(2, 600, { inchikey: 'ZZZZZZZZZZZZZZ-UHFFFAOYSA-N', exactMass: 194.0804 }),
    ]);
    candidates[0]!.predictedSimilarity = 0.7;
    const { features, mask } = candidateFeatures(candidates, 4, context);
    expect(features).toHaveLength(4 * FEATURE_COUNT);
    expect([...mask]).toEqual([1, 1, 0, 0]);
    const row = (i: number): number[] => [...features.slice(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT)];
    expect(row(0)[column('score')]).toBeCloseTo(900 / 999);
    expect(row(0)[column('mass_error')]).toBeCloseTo(0.5);
    expect(row(0)[column('retention_error')]).toBeCloseTo(0.5);
    expect(row(0)[column('predicted_similarity')]).toBeCloseTo(0.7);
    expect(row(1)[column('predicted_missing')]).toBe(1);
    expect(row(1)[column('gap_to_best')]).toBeCloseTo(300 / 999);
    expect(row(1)[column('mass_error')]).toBeCloseTo(Math.abs(194.0804 + 1.007276 - 195.0877) / 195.0877 * 1e6 / 10, 3);
    expect(row(1)[column('retention_missing')]).toBe(1);
    expect(row(2).every((x) => x === 0)).toBe(true);
  });
});
