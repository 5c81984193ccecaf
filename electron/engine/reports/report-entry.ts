/**
 * What a report says about one unknown: the query, how it was searched, its hits and,
 * for the top hit, the reference peaks and structure drawing. All report writers
 * (JSONL, CSV, HTML) take these, so the CLI and the app export the same content.
 */
import type { DecisionState } from '../../common/api/contract.js';
import type { Hit, RankingSummary } from '../../common/search-params.js';
import type { Peak, SpectrumMetadata } from '../../common/spectrum.js';

export interface ReportEntry {
  file: string;
  query: { metadata: SpectrumMetadata; peaks: Peak[] };
  searchedAs: 'ei' | 'msms';
  hits: Hit[];
  /** Present when the hits were ranked probabilistically. */
  ranking?: RankingSummary;
  topReferencePeaks?: Peak[];
  topStructureSvg?: string;
  decision?: DecisionState;
}

export interface ReportContext {
  appVersion: string;
  libraryPath: string;
  libraries: string[];
  parameters: Record<string, unknown>;
  createdAt: string;
}

export function jsonlLine(entry: ReportEntry): string {
  const m = entry.query.metadata;
  return JSON.stringify({
    query: { id: m.id ?? null, name: m.name ?? null, precursor_mz: m.precursorMz ?? null, rt: m.retentionTime ?? null },
    ...(entry.ranking ? { p_none: entry.ranking.pNone, flagged: entry.ranking.flagged, ranking_model: entry.ranking.model } : {}),
    hits: entry.hits.map((h) => ({
      rank: h.rank,
      ...(h.probability !== undefined ? { probability: h.probability } : {}),
      score: h.score,
      reverse_score: h.reverseScore,
      name: h.name ?? null,
      inchikey: h.inchikey ?? null,
      smiles: h.smiles ?? null,
      library: h.library,
      record_id: h.recordId ?? null,
      source: h.source,
    })),
  });
}
