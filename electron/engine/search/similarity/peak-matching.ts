/**
 * Pairs peaks of two accurate-mass spectra within a tolerance (absolute Da or relative
 * ppm, whichever is wider at that m/z), each peak used at most once, closest pairs first.
 */
import type { Peak } from '../../../common/spectrum.js';

export interface MassTolerance {
  da: number;
  ppm: number;
}

export const DEFAULT_MSMS_TOLERANCE: MassTolerance = { da: 0.01, ppm: 10 };

export function toleranceAt(mz: number, tolerance: MassTolerance): number {
  return Math.max(tolerance.da, (mz * tolerance.ppm) / 1e6);
}

/** Index pairs [queryIndex, referenceIndex]; both inputs sorted by m/z. */
export function matchPeaks(query: readonly Peak[], reference: readonly Peak[], tolerance: MassTolerance): [number, number][] {
  const candidates: { qi: number; ri: number; delta: number }[] = [];
  let start = 0;
  for (let qi = 0; qi < query.length; qi++) {
    const mz = query[qi]!.mz;
    const tol = toleranceAt(mz, tolerance);
    while (start < reference.length && reference[start]!.mz < mz - tol) start++;
    for (let ri = start; ri < reference.length && reference[ri]!.mz <= mz + tol; ri++) {
      candidates.push({ qi, ri, delta: Math.abs(reference[ri]!.mz - mz) });
    }
  }
  candidates.sort((a, b) => a.delta - b.delta);
  const usedQ = new Set<number>();
  const usedR = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedQ.has(c.qi) || usedR.has(c.ri)) continue;
    usedQ.add(c.qi);
    usedR.add(c.ri);
    pairs.push([c.qi, c.ri]);
  }
  return pairs;
}
