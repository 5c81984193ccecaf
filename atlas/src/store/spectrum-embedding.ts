/**
 * The embedding every Atlas++ collection is searched by, named and versioned like a model
 * so that a client with another one is refused. Until a learned spectrum encoder exists it
 * is the app's own spectrum vector (the one its HNSW index uses): nominal-mass bins 1-1000,
 * intensity^0.5 x m/z, L2-normalised.
 */
import type { Peak } from '../../../electron/common/spectrum.js';
import { UNIT_MASS_EMBEDDING, unitMassVector } from '../../../electron/engine/search/unit-mass-vector.js';

export const EMBEDDING_MODEL = UNIT_MASS_EMBEDDING;

export function embedSpectrum(peaks: readonly Peak[]): number[] {
  return unitMassVector(peaks);
}

/** pgvector's text form of a vector. */
export function vectorLiteral(values: readonly number[]): string {
  return `[${values.map((v) => (Number.isFinite(v) ? Number(v.toFixed(7)) : 0)).join(',')}]`;
}
