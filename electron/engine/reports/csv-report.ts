/** One CSV row per hit (RFC 4180 quoting), with a row per unknown that has no hit. */
import type { ReportEntry } from './report-entry.js';

export const CSV_HEADER = [
  'query_file', 'query_id', 'query_name', 'precursor_mz', 'retention_time_s', 'searched_as', 'p_none', 'flagged', 'rank', 'probability', 'score', 'reverse_score',
  'matched_peaks', 'name', 'inchikey', 'smiles', 'formula', 'library', 'record_id', 'source', 'precursor_error_ppm', 'license',
  'decision', 'decided_by', 'decided_at',
];

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? String(Number(value.toFixed(6))) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRows(entry: ReportEntry): string[] {
  const m = entry.query.metadata;
  const base = [entry.file, m.id, m.name, m.precursorMz, m.retentionTime, entry.searchedAs, entry.ranking?.pNone, entry.ranking ? (entry.ranking.flagged ? 'yes' : 'no') : undefined];
  const d = entry.decision;
  const verdict = (spectrumId: number | undefined): string => {
    if (!d) return '';
    if (spectrumId !== undefined && d.accepted?.spectrumId === spectrumId) return 'accepted';
    if (spectrumId !== undefined && d.rejected.includes(spectrumId)) return 'rejected';
    return d.flagged ? 'flagged' : '';
  };
  const who = (text: string): unknown[] => (text && d ? [text, d.decidedBy, d.decidedAt] : ['', '', '']);
  if (entry.hits.length === 0) return [[...base, '', '', '', '', '', '', '', '', '', '', '', '', '', '', ...who(verdict(undefined))].map(cell).join(',')];
  return entry.hits.map((h) =>
    [...base, h.rank, h.probability, h.score, h.reverseScore, h.matchedPeaks, h.name, h.inchikey, h.smiles, h.formula, h.library, h.recordId, h.source, h.precursorErrorPpm, h.license, ...who(verdict(h.spectrumId))]
      .map(cell)
      .join(','),
  );
}

export function csvReport(entries: readonly ReportEntry[]): string {
  return [CSV_HEADER.join(','), ...entries.flatMap(csvRows)].join('\r\n') + '\r\n';
}
