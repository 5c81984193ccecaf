/**
 * A self-contained HTML identification report: no scripts, no external resources,
 * inline SVG mirror plots and structures, so it can be archived with lab records and
 * opened on any machine.
 */
import { escapeXml, mirrorSvg } from './mirror-svg.js';
import type { ReportContext, ReportEntry } from './report-entry.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f4f6}section{page-break-inside:avoid;margin-bottom:28px}
.meta{color:#555}.figures{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}`;

const fmt = (n: number | undefined, digits = 4): string => (n === undefined ? '' : String(Number(n.toFixed(digits))));

function entrySection(entry: ReportEntry, index: number): string {
  const m = entry.query.metadata;
  const title = m.name ?? m.id ?? `Unknown ${index + 1}`;
  const rows = entry.hits
    .map(
      (h) => `<tr><td>${h.rank}${entry.decision?.accepted?.spectrumId === h.spectrumId ? ' ✔' : entry.decision?.rejected.includes(h.spectrumId) ? ' ✘' : ''}</td>${entry.ranking ? `<td>${fmt((h.probability ?? 0) * 100, 1)} %</td>` : ''}<td>${h.score}</td><td>${h.reverseScore}</td><td>${escapeXml(h.name ?? '')}</td><td>${escapeXml(h.formula ?? '')}</td>
<td>${escapeXml(h.inchikey ?? '')}</td><td>${escapeXml(h.library)}</td><td>${escapeXml(h.recordId ?? '')}</td><td>${h.source}</td><td>${fmt(h.precursorErrorPpm, 2)}</td></tr>`,
    )
    .join('');
  const top = entry.hits[0];
  const figures = top && entry.topReferencePeaks
    ? `<div class="figures">${mirrorSvg(entry.query.peaks, entry.topReferencePeaks, { top: `Unknown: ${title}`, bottom: `Hit 1: ${top.name ?? top.recordId ?? ''} (${top.library})` })}${entry.topStructureSvg ?? ''}</div>`
    : '';
  const d = entry.decision;
  const verdict = d
    ? `<p class="decision"><b>Decision:</b> ${d.accepted ? `accepted ${escapeXml(d.accepted.name ?? String(d.accepted.spectrumId))} (${escapeXml(d.accepted.library)})` : 'no candidate accepted'}${d.rejected.length > 0 ? `; ${d.rejected.length} candidate(s) rejected` : ''}${d.flagged ? '; flagged for review' : ''} · by ${escapeXml(d.decidedBy)} at ${escapeXml(d.decidedAt)}</p>`
    : '<p class="decision"><b>Decision:</b> none yet</p>';
  return `<section><h2>${escapeXml(title)}</h2>
<p class="meta">File ${escapeXml(entry.file)} · record ${escapeXml(m.id ?? '')} · searched as ${entry.searchedAs.toUpperCase()}${m.precursorMz !== undefined ? ` · precursor m/z ${fmt(m.precursorMz)}` : ''}${m.retentionTime !== undefined ? ` · RT ${fmt(m.retentionTime, 1)} s` : ''} · ${entry.query.peaks.length} peaks</p>
${verdict}
${entry.ranking ? `<p class="ranking"><b>None of these:</b> ${fmt(entry.ranking.pNone * 100, 1)} %${entry.ranking.flagged ? ' · <b>flagged for review</b> (no probability reached the threshold)' : ''} · ranked by ${escapeXml(entry.ranking.model)} over ${entry.ranking.candidates} candidate compounds</p>` : ''}
${entry.hits.length === 0 ? '<p>No candidate passed the search filters.</p>' : `<table><thead><tr><th>Rank</th>${entry.ranking ? '<th>Probability</th>' : ''}<th>Match</th><th>Reverse</th><th>Name</th><th>Formula</th><th>InChIKey</th><th>Library</th><th>Record</th><th>Source</th><th>Δ precursor (ppm)</th></tr></thead><tbody>${rows}</tbody></table>`}
${figures}</section>`;
}

export function htmlReport(entries: readonly ReportEntry[], context: ReportContext): string {
  const params = Object.entries(context.parameters)
    .map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(typeof v === 'object' ? JSON.stringify(v) : String(v))}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nexa Workbench identification report</title><style>${STYLE}</style></head><body>
<h1>Identification report</h1>
<p class="meta">Nexa Workbench ${escapeXml(context.appVersion)} · ${escapeXml(context.createdAt)} · library file ${escapeXml(context.libraryPath)} · libraries: ${escapeXml(context.libraries.join(', '))}</p>
<h3>Search parameters</h3><table>${params}</table>
<p>${entries.length} unknown(s). Scores are on the 0-999 scale (EI: NIST-style composite match factor; MS/MS: similarity × 999).</p>
${entries.map(entrySection).join('\n')}
</body></html>`;
}
