/**
 * NIST-style composite match factor for unit-mass (EI) spectra, after Stein & Scott,
 * J. Am. Soc. Mass Spectrom. 5 (1994) 859-866. Peaks are weighted as
 * intensity^intensityPower * (m/z)^mzPower; the dot-product term is the squared cosine
 * of the weighted spectra, and the composite adds the ratio-of-adjacent-peaks term
 * weighted by the number of peaks in common. The reverse factor ignores query peaks
 * absent from the reference (for mixtures and background ions). Scores are on 0-1;
 * callers multiply by 999 for the scale chemists know.
 */
import type { Peak } from '../../../common/spectrum.js';
import type { SimilarityResult, SpectrumSimilarity } from './spectrum-similarity.js';

export const NIST_DEFAULT_WEIGHTS = { mzPower: 3, intensityPower: 0.6 } as const;

/** Nominal-mass bins (m/z rounded to the nearest integer), intensities summed. */
export function toUnitMass(peaks: readonly Peak[]): Map<number, number> {
  const bins = new Map<number, number>();
  for (const p of peaks) {
    const mz = Math.round(p.mz);
    bins.set(mz, (bins.get(mz) ?? 0) + p.intensity);
  }
  return bins;
}

export class NistMatchFactor implements SpectrumSimilarity {
  readonly name = 'nist-match-factor';

  constructor(
    readonly mzPower: number = NIST_DEFAULT_WEIGHTS.mzPower,
    readonly intensityPower: number = NIST_DEFAULT_WEIGHTS.intensityPower,
  ) {}

  weight(mz: number, intensity: number): number {
    return Math.pow(intensity, this.intensityPower) * Math.pow(mz, this.mzPower);
  }

  compare(query: readonly Peak[], reference: readonly Peak[]): SimilarityResult {
    const q = toUnitMass(query);
    const r = toUnitMass(reference);
    return this.compareBinned(q, r);
  }

  compareBinned(query: ReadonlyMap<number, number>, reference: ReadonlyMap<number, number>): SimilarityResult {
    const wq = new Map<number, number>();
    const wr = new Map<number, number>();
    for (const [mz, i] of query) wq.set(mz, this.weight(mz, i));
    for (const [mz, i] of reference) wr.set(mz, this.weight(mz, i));

    let qq = 0;
    let rr = 0;
    let qr = 0;
    let qqReverse = 0;
    const common: number[] = [];
    for (const [mz, w] of wq) {
      qq += w * w;
      const other = wr.get(mz);
      if (other !== undefined) {
        qr += w * other;
        qqReverse += w * w;
        common.push(mz);
      }
    }
    for (const w of wr.values()) rr += w * w;
    if (qq === 0 || rr === 0 || common.length === 0) return { score: 0, reverseScore: 0, matchedPeaks: 0 };

    common.sort((a, b) => a - b);
    const ratio = ratioTerm(common, wq, wr);
    const composite = (dot: number, peaks: number): number =>
      common.length > 1 ? (peaks * dot + common.length * ratio) / (peaks + common.length) : dot;
    const dot = (qr * qr) / (qq * rr);
    const dotReverse = (qr * qr) / (qqReverse * rr);
    return {
      score: composite(dot, wq.size),
      reverseScore: composite(dotReverse, common.length),
      matchedPeaks: common.length,
    };
  }
}

/** Mean agreement of adjacent common-peak intensity ratios (1 when the patterns agree). */
function ratioTerm(common: number[], wq: ReadonlyMap<number, number>, wr: ReadonlyMap<number, number>): number {
  if (common.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < common.length; i++) {
    const a = common[i - 1]!;
    const b = common[i]!;
    const x = (wr.get(b)! * wq.get(a)!) / (wr.get(a)! * wq.get(b)!);
    sum += x < 1 ? x : 1 / x;
  }
  return sum / (common.length - 1);
}
