/**
 * Search parameters and hit shapes shared by the engine, the CLI, the API contract and
 * the renderer. Defaults follow NIST MS Search (EI match factor, with weights tuned on
 * MassBank replicates) and MS-DIAL/msentropy (MS/MS).
 */
import type { SpectrumSource } from './spectrum.js';

export type SearchMode = 'ei' | 'msms' | 'auto';
export type MsmsSimilarityName = 'entropy' | 'weighted-cosine';

export interface Tolerance {
  value: number;
  unit: 'ppm' | 'da';
}

export interface SearchParams {
  mode: SearchMode;
  top: number;
  /** Precursor m/z window for MS/MS candidates. */
  precursorTolerance: Tolerance;
  /** Fragment matching tolerance for MS/MS similarity. */
  fragmentTolerance: Tolerance;
  /** Retention-time window in seconds; applied only where both sides have a retention time. */
  rtTolerance?: number;
  /** Retention-index window; applied only where both sides have a retention index. */
  riTolerance?: number;
  /** EI: keep candidates within this many Da of the unknown's molecular mass, where the unknown gives one. */
  massHintTolerance?: number;
  /** Keep only references measured in this ion mode (defaults to the query's own). */
  ionMode?: 'positive' | 'negative';
  /** Keep only these instrument types (exact, case-insensitive); empty keeps all. */
  instrumentTypes?: string[];
  /** Search only these libraries (names); empty searches every enabled library. */
  libraries?: string[];
  /** EI weighting exponents of the match factor. */
  mzPower: number;
  intensityPower: number;
  msmsSimilarity: MsmsSimilarityName;
  /** Order candidates by calibrated probability (with "none of these") or by similarity alone. */
  rank: RankMode;
  /** Most candidate compounds the probabilistic ranking considers (its second stage). */
  kMax: number;
  /** Below this best probability the ranking widens to K_max, then flags the unknown for review. */
  reviewThreshold: number;
}

export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  mode: 'auto',
  top: 10,
  precursorTolerance: { value: 10, unit: 'ppm' },
  fragmentTolerance: { value: 0.01, unit: 'da' },
  // EI weighting intensity^0.5 * (m/z)^1: best replicate recall on MassBank EI (BENCHMARKS.md);
  // NIST's intensity^0.6 * (m/z)^3 is one setting away.
  mzPower: 1,
  intensityPower: 0.5,
  msmsSimilarity: 'entropy',
  rank: 'probabilistic',
  kMax: 50,
  reviewThreshold: 0.5,
};

export interface Hit {
  rank: number;
  /** 0-999, the scale of NIST's match factor (EI) and of scaled similarity (MS/MS). */
  score: number;
  reverseScore: number;
  matchedPeaks: number;
  spectrumId: number;
  name?: string;
  inchikey?: string;
  smiles?: string;
  formula?: string;
  exactMass?: number;
  library: string;
  recordId?: string;
  source: SpectrumSource;
  precursorMz?: number;
  /** (reference - query) precursor difference in ppm, MS/MS only. */
  precursorErrorPpm?: number;
  retentionTime?: number;
  retentionIndex?: number;
  license?: string;
  /** Probability that this hit's compound is the unknown (probabilistic ranking); hits of one compound share it. */
  probability?: number;
}

/** How candidates are ordered: by a calibrated probability with a "none of these" option, or by similarity alone. */
export type RankMode = 'probabilistic' | 'similarity';

export interface RankingSummary {
  /** Probability that the unknown is none of the candidates. */
  pNone: number;
  /** The best probability stayed under the threshold even with K_max candidates: manual review. */
  flagged: boolean;
  /** Candidates (compounds) the last ranking stage looked at. */
  candidates: number;
  model: string;
}

export interface QueryResult {
  /** Which search ran: EI identity (unit mass) or MS/MS (precursor window). */
  searchedAs: 'ei' | 'msms';
  hits: Hit[];
  ranking?: RankingSummary;
}

/** Parse `10ppm`, `0.01da`, `0.5 Da` (bare numbers are ppm). */
export function parseTolerance(text: string): Tolerance | undefined {
  const match = /^\s*(\d*\.?\d+)\s*(ppm|da|mda)?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? 'ppm').toLowerCase();
  if (unit === 'mda') return { value: value / 1000, unit: 'da' };
  return { value, unit: unit as 'ppm' | 'da' };
}

export function toleranceDa(tolerance: Tolerance, mz: number): number {
  return tolerance.unit === 'da' ? tolerance.value : (mz * tolerance.value) / 1e6;
}
