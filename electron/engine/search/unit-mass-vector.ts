/**
 * The dense vector an EI spectrum is indexed by in HNSW: nominal-mass bins 1..1000,
 * each holding the NIST-weighted intensity, L2-normalised. Inner product of two such
 * vectors is the cosine whose square is the match factor's dot-product term, so the
 * HNSW neighbours are the dot-product neighbours.
 */
import type { Peak } from '../../common/spectrum.js';
import { NistMatchFactor, toUnitMass } from './similarity/nist-match-factor.js';

export const UNIT_MASS_DIMENSIONS = 1000;

/** This vector named and versioned like a model: Atlas++ collections are searched by it, and refuse clients with another. */
export const UNIT_MASS_EMBEDDING = { name: 'nexa-unit-mass-vector', version: '1' } as const;

export function unitMassVector(peaks: readonly Peak[], weighting: NistMatchFactor = new NistMatchFactor()): number[] {
  const vector = new Array<number>(UNIT_MASS_DIMENSIONS).fill(0);
  for (const [mz, intensity] of toUnitMass(peaks)) {
    if (mz < 1 || mz > UNIT_MASS_DIMENSIONS) continue;
    vector[mz - 1] = weighting.weight(mz, intensity);
  }
  const norm = Math.sqrt(vector.reduce((s, x) => s + x * x, 0));
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
