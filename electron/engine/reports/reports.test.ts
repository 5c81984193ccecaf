import { describe, expect, it } from 'vitest';
import type { Hit } from '../../common/search-params.js';
import { CSV_HEADER, csvReport } from './csv-report.js';
import { htmlReport } from './html-report.js';
import { jsonlLine, type ReportEntry } from './report-entry.js';

const hit: Hit = {
  rank: 1, score: 912, reverseScore: 940, matchedPeaks: 12, spectrumId: 7, name: 'Caffeine, "pure"', inchikey: 'RYYVLZVUVIJVGH-UHFFFAOYSA-N',
  smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C', formula: 'C8H10N4O2', library: 'lib', recordId: 'MSBNK-1', source: 'measured',
};
const entry: ReportEntry = {
  file: 'unknowns.msp',
  query: { metadata: { id: 'Q1', name: 'Unknown <1>', precursorMz: 195.0877, retentionTime: 186 }, peaks: [{ mz: 138.07, intensity: 100 }, { mz: 195.09, intensity: 40 }] },
  searchedAs: 'msms',
  hits: [hit],
  topReferencePeaks: [{ mz: 138.07, intensity: 90 }],
};

describe('reports', () => {
  it('writes one JSONL line per query with the documented fields', () => {
    const parsed = JSON.parse(jsonlLine(entry));
    expect(parsed).toEqual({
      query: { id: 'Q1', name: 'Unknown <1>', precursor_mz: 195.0877, rt: 186 },
      hits: [{ rank: 1, score: 912, reverse_score: 940, name: 'Caffeine, "pure"', inchikey: hit.inchikey, smiles: hit.smiles, library: 'lib', record_id: 'MSBNK-1', source: 'measured' }],
    });
  });

  it('quotes CSV cells holding commas and quotes, and keeps a row for an unknown without hits', () => {
    const csv = csvReport([entry, { ...entry, hits: [] }]).trimEnd().split('\r\n');
    expect(csv[0]).toBe(CSV_HEADER.join(','));
    expect(csv[1]).toContain('"Caffeine, ""pure"""');
    expect(csv).toHaveLength(3);
    expect(csv[2]!.split(',').length).toBe(CSV_HEADER.length);
  });

  it('makes a self-contained HTML report: escaped text, inline SVG mirror plot, no scripts or remote resources', () => {
    const html = htmlReport([entry], { appVersion: '9.9.9', libraryPath: '/x.sqlite', libraries: ['lib'], parameters: { top: 10 }, createdAt: '2026-11-22' });
    expect(html).toContain('Unknown &lt;1&gt;');
    expect(html).toContain('aria-label="mirror plot"');
    expect(html).not.toMatch(/<script|src="http|href="http/i);
    expect(html).toContain('9.9.9');
  });
});
