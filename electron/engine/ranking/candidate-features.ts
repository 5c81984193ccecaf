/**
 * Stage 1 and the inputs of stage 2 of candidate ranking, as pure functions: hits are
 * grouped into candidate compounds (one per InChIKey first block; a hit without a
 * structure is its own candidate), the first K are kept in similarity order, and each
 * gets a fixed feature row. The training pipeline's task export calls the same code, so
 * the ranking model sees at inference exactly what it was trained on.
 */
import type { Hit } from '../../common/search-params.js';

export const RANKING_FEATURES = [
  'score', 'reverse_score', 'gap_to_best', 'rank', 'matched_fraction',
  'predicted_similarity', 'predicted_missing', 'mass_error', 'mass_missing',
  'retention_error', 'retention_missing', 'source_predicted', 'searched_msms',
  'candidate_count', 'spectra_of_compound',
] as const;
export const FEATURE_COUNT = RANKING_FEATURES.length;

/** Adduct mass shifts (Da) used when a candidate has an exact mass but no precursor of its own. */
export const ADDUCT_SHIFTS: Record<'positive' | 'negative', Record<string, number>> = {
  positive: { '[M+H]+': 1.007276, '[M+Na]+': 22.989218, '[M+NH4]+': 18.033823 },
  negative: { '[M-H]-': -1.007276, '[M+Cl]-': 34.969402, '[M+HCOO]-': 44.998201 },
};

export interface Candidate {
  key: string;
  /** The compound's hits, best first. */
  hits: Hit[];
  /** Similarity (0-1) of the unknown to the candidate's predicted spectrum, where one was made. */
  predictedSimilarity?: number;
}

export interface QueryContext {
  searchedAs: 'ei' | 'msms';
  peakCount: number;
  precursorMz?: number;
  ionMode?: 'positive' | 'negative';
  retentionTime?: number;
  retentionIndex?: number;
  precursorTolerancePpm: number;
  rtTolerance?: number;
  riTolerance?: number;
}

export function candidateKey(hit: Hit): string {
  return hit.inchikey && hit.inchikey.length >= 14 ? hit.inchikey.slice(0, 14) : `spectrum:${hit.spectrumId}`;
}

/** Hits (best first) grouped into candidate compounds, in the order of their best hit. */
export function groupCandidates(hits: readonly Hit[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const hit of hits) {
    const key = candidateKey(hit);
    const candidate = byKey.get(key);
    if (candidate) candidate.hits.push(hit);
    else byKey.set(key, { key, hits: [hit] });
  }
  return [...byKey.values()];
}

const clip = (x: number, high = 3): number => Math.min(Math.max(x, 0), high);

function massErrorPpm(hit: Hit, context: QueryContext): number | undefined {
  if (context.searchedAs !== 'msms' || context.precursorMz === undefined) return undefined;
  if (hit.precursorErrorPpm !== undefined) return Math.abs(hit.precursorErrorPpm);
  if (hit.exactMass === undefined) return undefined;
  const shifts = Object.values(ADDUCT_SHIFTS[context.ionMode ?? 'positive']);
  return Math.min(...shifts.map((shift) => (Math.abs(hit.exactMass! + shift - context.precursorMz!) / context.precursorMz!) * 1e6));
}

function retentionError(hit: Hit, context: QueryContext): number | undefined {
  if (hit.retentionIndex !== undefined && context.retentionIndex !== undefined) return Math.abs(hit.retentionIndex - context.retentionIndex) / (context.riTolerance ?? 50);
  if (hit.retentionTime !== undefined && context.retentionTime !== undefined) return Math.abs(hit.retentionTime - context.retentionTime) / (context.rtTolerance ?? 30);
  return undefined;
}

/** The first k candidates' feature rows (k x FEATURE_COUNT, zero-padded) and the mask of real slots. */
export function candidateFeatures(candidates: readonly Candidate[], k: number, context: QueryContext): { features: Float32Array; mask: Float32Array } {
  const features = new Float32Array(k * FEATURE_COUNT);
  const mask = new Float32Array(k);
  const kept = candidates.slice(0, k);
  const best = kept[0]?.hits[0]?.score ?? 0;
  kept.forEach((candidate, i) => {
    const hit = candidate.hits[0]!;
    const mass = massErrorPpm(hit, context);
    const retention = retentionError(hit, context);
    const row = [
      hit.score / 999,
      hit.reverseScore / 999,
      (best - hit.score) / 999,
      i / 50,
      context.peakCount > 0 ? Math.min(hit.matchedPeaks / context.peakCount, 1) : 0,
      candidate.predictedSimilarity ?? 0,
      candidate.predictedSimilarity === undefined ? 1 : 0,
      mass === undefined ? 0 : clip(mass / context.precursorTolerancePpm),
      mass === undefined ? 1 : 0,
      retention === undefined ? 0 : clip(retention),
      retention === undefined ? 1 : 0,
      hit.source === 'predicted' ? 1 : 0,
      context.searchedAs === 'msms' ? 1 : 0,
      kept.length / 50,
      Math.min(candidate.hits.length, 10) / 10,
    ];
    features.set(row, i * FEATURE_COUNT);
    mask[i] = 1;
  });
  return { features, mask };
}
