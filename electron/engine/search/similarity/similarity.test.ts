import { describe, expect, it } from 'vitest';
import type { Peak } from '../../../common/spectrum.js';
import { EntropySimilarity, spectralEntropy } from './entropy-similarity.js';
import { NistMatchFactor } from './nist-match-factor.js';
import { WeightedCosine } from './weighted-cosine.js';

const toluene: Peak[] = [
  { mz: 39, intensity: 4 }, { mz: 50, intensity: 2 }, { mz: 51, intensity: 4 }, { mz: 63, intensity: 4 }, { mz: 65, intensity: 9 },
  { mz: 91, intensity: 100 }, { mz: 92, intensity: 73 },
];
const benzene: Peak[] = [{ mz: 50, intensity: 14 }, { mz: 51, intensity: 15 }, { mz: 52, intensity: 16 }, { mz: 77, intensity: 19 }, { mz: 78, intensity: 100 }];

describe('NIST composite match factor', () => {
  const mf = new NistMatchFactor();

  it('is 1 for identical spectra and 0 for spectra with no common m/z', () => {
    expect(mf.compare(toluene, toluene).score).toBeCloseTo(1, 12);
    expect(mf.compare(toluene, [{ mz: 300, intensity: 1 }]).score).toBe(0);
  });

  it('ranks a scaled copy above a different compound and is scale-invariant', () => {
    const scaled = toluene.map((p) => ({ mz: p.mz, intensity: p.intensity * 7 }));
    expect(mf.compare(toluene, scaled).score).toBeCloseTo(1, 12);
    expect(mf.compare(toluene, benzene).score).toBeLessThan(0.5);
  });

  it('reverse factor ignores unknown peaks the reference lacks (a co-eluting impurity)', () => {
    const withImpurity = [...toluene, { mz: 149, intensity: 80 }];
    const result = mf.compare(withImpurity, toluene);
    expect(result.reverseScore).toBeCloseTo(1, 12);
    expect(result.score).toBeLessThan(0.9);
  });

  it('bins accurate masses to nominal mass', () => {
    const accurate = toluene.map((p) => ({ mz: p.mz + 0.05, intensity: p.intensity }));
    expect(mf.compare(accurate, toluene).score).toBeCloseTo(1, 12);
  });
});

describe('entropy similarity', () => {
  const entropy = new EntropySimilarity({ da: 0.01, ppm: 0 });

  it('is 1 for identical spectra, symmetric, and 0 without matches', () => {
    expect(entropy.compare(toluene, toluene).score).toBeCloseTo(1, 12);
    expect(entropy.compare(toluene, benzene).score).toBeCloseTo(entropy.compare(benzene, toluene).score, 12);
    expect(entropy.compare(toluene, [{ mz: 500, intensity: 1 }]).score).toBe(0);
  });

  it('equals 1 - (2 S_AB - S_A - S_B) / ln 4 on sum-normalised spectra (Li et al. 2021)', () => {
    // High-entropy spectra (S >= 3) are not re-weighted, so the closed form applies directly.
    const a: Peak[] = Array.from({ length: 40 }, (_, i) => ({ mz: 100 + i, intensity: 1 + (i % 5) }));
    const b: Peak[] = Array.from({ length: 40 }, (_, i) => ({ mz: 110 + i, intensity: 2 + (i % 3) }));
    const norm = (ps: Peak[]) => {
      const total = ps.reduce((s, p) => s + p.intensity, 0);
      return ps.map((p) => ({ mz: p.mz, intensity: p.intensity / total }));
    };
    const na = norm(a);
    const nb = norm(b);
    const merged = new Map<number, number>();
    for (const p of [...na, ...nb]) merged.set(p.mz, (merged.get(p.mz) ?? 0) + p.intensity / 2);
    const sa = spectralEntropy(na.map((p) => p.intensity));
    const sb = spectralEntropy(nb.map((p) => p.intensity));
    const sab = spectralEntropy([...merged.values()]);
    expect(sa).toBeGreaterThan(3);
    expect(entropy.compare(a, b).score).toBeCloseTo(1 - (2 * sab - sa - sb) / Math.log(4), 10);
  });

  it('matches fragments within the tolerance only', () => {
    const shifted = toluene.map((p) => ({ mz: p.mz + 0.005, intensity: p.intensity }));
    const far = toluene.map((p) => ({ mz: p.mz + 0.05, intensity: p.intensity }));
    expect(entropy.compare(toluene, shifted).score).toBeCloseTo(1, 12);
    expect(entropy.compare(toluene, far).score).toBe(0);
  });
});

describe('weighted cosine', () => {
  it('is 1 for identical spectra and lower for different ones', () => {
    const cosine = new WeightedCosine();
    expect(cosine.compare(toluene, toluene).score).toBeCloseTo(1, 12);
    expect(cosine.compare(toluene, benzene).score).toBeLessThan(0.5);
  });
});
