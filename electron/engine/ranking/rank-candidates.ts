/**
 * The three-stage candidate ranking for a batch of searched unknowns:
 * 1. filtering: the search's own filters (libraries, ion mode, instrument, precursor and
 *    retention windows) and the grouping into candidate compounds, kept in similarity order;
 * 2. probabilistic assignment: the ranking model over the first K candidates plus "none";
 * 3. adaptive refinement: first K = 20; where the best probability (a candidate's or
 *    "none") stays under the threshold, again with K_max; still under it, the unknown is
 *    flagged for manual review.
 * Hits come back ordered by their compound's probability; hits beyond the ranked
 * candidates keep probability 0.
 */
import { type Hit, type QueryResult, type RankingSummary, type SearchParams, toleranceDa } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { candidateFeatures, candidateKey, type Candidate, groupCandidates, type QueryContext } from './candidate-features.js';
import type { PredictedSimilarity } from './predicted-similarity.js';
import type { RankingModel } from './ranking-model.js';

export interface RankingSettings {
  kMax: number;
  reviewThreshold: number;
}

export interface SearchedUnknown {
  query: Spectrum;
  result: QueryResult;
}

function contextOf(query: Spectrum, result: QueryResult, params: SearchParams): QueryContext {
  const m = query.metadata;
  // A tolerance in Da is expressed in ppm of the precursor (of m/z 500 where there is none).
  const reference = m.precursorMz ?? 500;
  const tolerancePpm = (toleranceDa(params.precursorTolerance, reference) / reference) * 1e6;
  return {
    searchedAs: result.searchedAs,
    peakCount: query.peaks.length,
    precursorTolerancePpm: tolerancePpm,
    ...(m.precursorMz !== undefined ? { precursorMz: m.precursorMz } : {}),
    ...(m.ionMode ? { ionMode: m.ionMode } : {}),
    ...(m.retentionTime !== undefined ? { retentionTime: m.retentionTime } : {}),
    ...(m.retentionIndex !== undefined ? { retentionIndex: m.retentionIndex } : {}),
    ...(params.rtTolerance !== undefined ? { rtTolerance: params.rtTolerance } : {}),
    ...(params.riTolerance !== undefined ? { riTolerance: params.riTolerance } : {}),
  };
}

function applyProbabilities(result: QueryResult, candidates: Candidate[], probabilities: Float32Array, k: number, top: number, summary: RankingSummary): QueryResult {
  const byKey = new Map(candidates.slice(0, k).map((c, i) => [c.key, probabilities[i]!]));
  const order = new Map(candidates.map((c, i) => [c.key, i]));
  const hits: Hit[] = result.hits.map((h) => {
    const key = candidateKey(h);
    return { ...h, probability: round(byKey.get(key) ?? 0), rank: order.get(key)! };
  });
  hits.sort((a, b) => b.probability! - a.probability! || a.rank - b.rank || b.score - a.score);
  return { searchedAs: result.searchedAs, hits: hits.slice(0, top).map((h, i) => ({ ...h, rank: i + 1 })), ranking: summary };
}

/** Ranks a batch of searched unknowns (searched with enough hits for K_max compounds). */
export async function rankCandidates(unknowns: readonly SearchedUnknown[], params: SearchParams, settings: RankingSettings, model: RankingModel, predicted?: PredictedSimilarity): Promise<QueryResult[]> {
  const candidates = unknowns.map((u) => groupCandidates(u.result.hits));
  const contexts = unknowns.map((u) => contextOf(u.query, u.result, params));
  const firstK = Math.min(model.card.first_stage_k, settings.kMax);
  // Predicted spectra are made only for the candidates a stage looks at (most unknowns stop at the first).
  const withPredictions = async (indices: number[], k: number): Promise<void> => {
    if (!predicted) return;
    const ei = indices.filter((i) => unknowns[i]!.result.searchedAs === 'ei');
    await predicted.predictMissing(ei.map((i) => candidates[i]!.slice(0, k)));
    for (const i of ei) predicted.fill(unknowns[i]!.query.peaks, candidates[i]!.slice(0, k));
  };
  const stage = async (indices: number[], k: number): Promise<Float32Array[]> => {
    await withPredictions(indices, k);
    return model.probabilities(indices.map((i) => candidateFeatures(candidates[i]!, k, contexts[i]!)), k);
  };

  const results: QueryResult[] = new Array(unknowns.length);
  const finish = (i: number, p: Float32Array, k: number): void => {
    const summary = { pNone: round(p[k]!), flagged: Math.max(...p) < settings.reviewThreshold, candidates: Math.min(candidates[i]!.length, k), model: model.label };
    results[i] = applyProbabilities(unknowns[i]!.result, candidates[i]!, p, k, params.top, summary);
  };

  const all = unknowns.map((_, i) => i);
  const first = await stage(all, firstK);
  const refine: number[] = [];
  all.forEach((i, j) => {
    const p = first[j]!;
    if (Math.max(...p) < settings.reviewThreshold && candidates[i]!.length > firstK && settings.kMax > firstK) refine.push(i);
    else finish(i, p, firstK);
  });
  const second = await stage(refine, settings.kMax);
  refine.forEach((i, j) => finish(i, second[j]!, settings.kMax));
  return results;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
