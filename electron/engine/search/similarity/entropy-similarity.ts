/**
 * Spectral entropy similarity (Li et al., Nature Methods 18, 1524-1531, 2021), the
 * weighted variant: spectra with entropy below 3 nats have their intensities raised to
 * 0.25 + 0.25 * S before normalisation, which the paper found best for compound
 * identification. With both spectra normalised to sum 1, the similarity is
 * sum over matched pairs of [f(a+b) - f(a) - f(b)] / 2 with f(x) = x log2 x, equal to
 * 1 - (2 S_AB - S_A - S_B) / ln 4.
 */
import type { Peak } from '../../../common/spectrum.js';
import { DEFAULT_MSMS_TOLERANCE, type MassTolerance, matchPeaks } from './peak-matching.js';
import type { SimilarityResult, SpectrumSimilarity } from './spectrum-similarity.js';

export function spectralEntropy(intensities: readonly number[]): number {
  const total = intensities.reduce((s, x) => s + x, 0);
  if (total <= 0) return 0;
  let entropy = 0;
  for (const x of intensities) {
    if (x <= 0) continue;
    const p = x / total;
    entropy -= p * Math.log(p);
  }
  return entropy;
}

/** Entropy-weighted, sum-normalised intensities. */
export function entropyWeighted(peaks: readonly Peak[]): number[] {
  const raw = peaks.map((p) => p.intensity);
  const entropy = spectralEntropy(raw);
  const power = entropy < 3 ? 0.25 + 0.25 * entropy : 1;
  const weighted = raw.map((x) => Math.pow(x, power));
  const total = weighted.reduce((s, x) => s + x, 0);
  return weighted.map((x) => x / total);
}

const xlog2x = (x: number): number => (x > 0 ? x * Math.log2(x) : 0);

export class EntropySimilarity implements SpectrumSimilarity {
  readonly name = 'entropy';

  constructor(readonly tolerance: MassTolerance = DEFAULT_MSMS_TOLERANCE) {}

  compare(query: readonly Peak[], reference: readonly Peak[]): SimilarityResult {
    if (query.length === 0 || reference.length === 0) return { score: 0, matchedPeaks: 0 };
    const a = entropyWeighted(query);
    const b = entropyWeighted(reference);
    const pairs = matchPeaks(query, reference, this.tolerance);
    let sum = 0;
    for (const [qi, ri] of pairs) {
      const x = a[qi]!;
      const y = b[ri]!;
      sum += xlog2x(x + y) - xlog2x(x) - xlog2x(y);
    }
    // Reverse: renormalise the query over the peaks the reference explains (foreground only).
    const explained = pairs.reduce((s, [qi]) => s + a[qi]!, 0);
    let reverse = 0;
    if (explained > 0) {
      for (const [qi, ri] of pairs) {
        const x = a[qi]! / explained;
        const y = b[ri]!;
        reverse += xlog2x(x + y) - xlog2x(x) - xlog2x(y);
      }
    }
    return { score: clamp01(sum / 2), reverseScore: clamp01(reverse / 2), matchedPeaks: pairs.length };
  }
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
