/**
 * Similarity measures are small strategy objects (the matchms pattern): each takes a
 * query and a reference peak list and returns a score in [0, 1], plus a reverse score
 * where the measure has one. Search code picks a strategy; it never knows the formula.
 */
import type { Peak } from '../../../common/spectrum.js';

export interface SimilarityResult {
  score: number;
  /** Score computed over the reference's peaks only (NIST's reverse search); absent where undefined. */
  reverseScore?: number;
  matchedPeaks: number;
}

export interface SpectrumSimilarity {
  readonly name: string;
  compare(query: readonly Peak[], reference: readonly Peak[]): SimilarityResult;
}
