/**
 * A static head-to-tail (mirror) plot as inline SVG for reports: the unknown upward,
 * the reference downward, both scaled to their base peak, the main peaks labelled.
 * Reports must open anywhere without scripts, so this is plain SVG, not plotly.
 */
import type { Peak } from '../../common/spectrum.js';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function mirrorSvg(query: readonly Peak[], reference: readonly Peak[], labels: { top: string; bottom: string }, width = 640, height = 320): string {
  const all = [...query, ...reference];
  const maxMz = Math.max(50, ...all.map((p) => p.mz)) * 1.05;
  const minMz = Math.max(0, Math.min(...all.map((p) => p.mz)) - 10);
  const pad = { left: 40, right: 10, top: 20, bottom: 20 };
  const mid = height / 2;
  const x = (mz: number): number => pad.left + ((mz - minMz) / (maxMz - minMz)) * (width - pad.left - pad.right);
  const half = mid - pad.top;
  const sticks = (peaks: readonly Peak[], direction: 1 | -1, colour: string): string => {
    const base = Math.max(...peaks.map((p) => p.intensity), 1e-12);
    const top = [...peaks].sort((a, b) => b.intensity - a.intensity).slice(0, 6);
    const lines = peaks
      .map((p) => {
        const h = (p.intensity / base) * half;
        return `<line x1="${x(p.mz).toFixed(1)}" x2="${x(p.mz).toFixed(1)}" y1="${mid}" y2="${(mid - direction * h).toFixed(1)}" stroke="${colour}" stroke-width="1.2"/>`;
      })
      .join('');
    const text = top
      .map((p) => {
        const h = (p.intensity / base) * half;
        const y = direction === 1 ? mid - h - 3 : mid + h + 11;
        return `<text x="${x(p.mz).toFixed(1)}" y="${y.toFixed(1)}" font-size="9" text-anchor="middle" fill="${colour}">${Number(p.mz.toFixed(4))}</text>`;
      })
      .join('');
    return lines + text;
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="mirror plot">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${mid}" y2="${mid}" stroke="#999"/>`,
    sticks(query, 1, '#1f5fbf'),
    sticks(reference, -1, '#c2410c'),
    `<text x="${pad.left}" y="12" font-size="11" fill="#1f5fbf">${escapeXml(labels.top)}</text>`,
    `<text x="${pad.left}" y="${height - 4}" font-size="11" fill="#c2410c">${escapeXml(labels.bottom)}</text>`,
    `</svg>`,
  ].join('');
}

export { escapeXml };
