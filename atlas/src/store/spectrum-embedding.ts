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

/** pgvector's text form of a sparse vector: `{index:value,...}/dimensions`, indices from 1. */
export function vectorLiteral(values: readonly number[]): string {
  const entries: string[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v) && v !== 0) entries.push(`${i + 1}:${Number(v.toFixed(7))}`);
  });
  return `{${entries.join(',')}}/${values.length}`;
}

/** A sparse vector's text form back to dense values. */
export function parseVectorLiteral(text: string): number[] {
  const match = /^\{(.*)\}\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`not a sparse vector: ${text.slice(0, 40)}`);
  const values = new Array<number>(Number(match[2])).fill(0);
  for (const entry of match[1] ? match[1].split(',') : []) {
    const [index, value] = entry.split(':');
    values[Number(index) - 1] = Number(value);
  }
  return values;
}
