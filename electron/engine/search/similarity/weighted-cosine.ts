/**
 * Weighted cosine for accurate-mass spectra: peaks matched within a tolerance, each
 * weighted as intensity^intensityPower * (m/z)^mzPower (defaults: square-root intensity,
 * no m/z weighting, the common MS/MS choice), cosine of the weighted vectors.
 */
import type { Peak } from '../../../common/spectrum.js';
import { DEFAULT_MSMS_TOLERANCE, type MassTolerance, matchPeaks } from './peak-matching.js';
import type { SimilarityResult, SpectrumSimilarity } from './spectrum-similarity.js';

export class WeightedCosine implements SpectrumSimilarity {
  readonly name = 'weighted-cosine';

  constructor(
    readonly tolerance: MassTolerance = DEFAULT_MSMS_TOLERANCE,
    readonly mzPower = 0,
    readonly intensityPower = 0.5,
  ) {}

  compare(query: readonly Peak[], reference: readonly Peak[]): SimilarityResult {
    const w = (p: Peak): number => Math.pow(p.intensity, this.intensityPower) * Math.pow(p.mz, this.mzPower);
    const wq = query.map(w);
    const wr = reference.map(w);
    const norm = (xs: number[]): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
    const nq = norm(wq);
    const nr = norm(wr);
    if (nq === 0 || nr === 0) return { score: 0, reverseScore: 0, matchedPeaks: 0 };
    const pairs = matchPeaks(query, reference, this.tolerance);
    let dot = 0;
    let explained = 0;
    for (const [qi, ri] of pairs) {
      dot += wq[qi]! * wr[ri]!;
      explained += wq[qi]! * wq[qi]!;
    }
    const reverse = explained > 0 ? dot / (Math.sqrt(explained) * nr) : 0;
    return { score: dot / (nq * nr), reverseScore: reverse, matchedPeaks: pairs.length };
  }
}
