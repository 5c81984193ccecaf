/**
 * Head-to-tail plot of the unknown (up) against a reference or predicted spectrum
 * (down), each scaled to its base peak = 100, main peaks labelled with m/z; plotly's
 * own zoom and pan.
 */
import Plotly from 'plotly.js-dist-min';
import { useEffect, useRef } from 'react';
import type { Peak } from '../../../electron/common/spectrum';

interface Props {
  query: Peak[];
  reference: Peak[];
  queryLabel: string;
  referenceLabel: string;
  /** Re-draws with the page's colours when the theme changes. */
  theme: string;
  /** Tells two plots on one page apart (tests, screen readers). */
  testId?: string;
}

function sticks(peaks: Peak[], sign: 1 | -1): { x: (number | null)[]; y: (number | null)[]; scaled: Peak[] } {
  const base = Math.max(...peaks.map((p) => p.intensity), 1e-12);
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  const scaled = peaks.map((p) => ({ mz: p.mz, intensity: (p.intensity / base) * 100 }));
  for (const p of scaled) {
    x.push(p.mz, p.mz, null);
    y.push(0, sign * p.intensity, null);
  }
  return { x, y, scaled };
}

function labels(peaks: Peak[], sign: 1 | -1, colour: string): object[] {
  return [...peaks]
    .sort((a, b) => b.intensity - a.intensity)
    .slice(0, 8)
    .map((p) => ({
      x: p.mz,
      y: sign * p.intensity,
      text: String(Number(p.mz.toFixed(4))),
      showarrow: false,
      yshift: sign * 9,
      font: { size: 10, color: colour },
    }));
}

/** Axis and text colours for the resolved theme ("system" follows prefers-color-scheme). */
function plotColours(theme: string): { text: string; grid: string } {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  return dark ? { text: '#e5e7eb', grid: '#3a3f47' } : { text: '#111827', grid: '#e5e7eb' };
}

export function MirrorPlot({ query, reference, queryLabel, referenceLabel, theme, testId = 'mirror-plot' }: Props) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const div = root.current;
    if (!div) return;
    const colours = plotColours(theme);
    const top = sticks(query, 1);
    const bottom = sticks(reference, -1);
    void Plotly.react(
      div,
      [
        { x: top.x, y: top.y, mode: 'lines', name: queryLabel, line: { color: '#1f5fbf', width: 1.5 }, hoverinfo: 'x+y' },
        { x: bottom.x, y: bottom.y, mode: 'lines', name: referenceLabel, line: { color: '#c2410c', width: 1.5 }, hoverinfo: 'x+y' },
      ],
      {
        margin: { l: 50, r: 10, t: 30, b: 40 },
        xaxis: { title: { text: 'm/z' }, zeroline: false, gridcolor: colours.grid },
        yaxis: { title: { text: 'relative intensity' }, range: [-115, 115], zeroline: true, gridcolor: colours.grid, zerolinecolor: colours.text },
        annotations: [...labels(top.scaled, 1, '#1f5fbf'), ...labels(bottom.scaled, -1, '#c2410c')],
        legend: { orientation: 'h', y: 1.12 },
        autosize: true,
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: colours.text },
      },
      { displaylogo: false, responsive: true },
    );
  }, [query, reference, queryLabel, referenceLabel, theme]);
  useEffect(() => {
    const div = root.current;
    return () => {
      if (div) Plotly.purge(div);
    };
  }, []);
  return <div className="mirror-plot" data-testid={testId} aria-label={referenceLabel} ref={root} />;
}
