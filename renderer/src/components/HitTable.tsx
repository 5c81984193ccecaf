/** Sortable table of the selected unknown's hits; clicking a row selects it for the mirror plot. */
import { useMemo, useState } from 'react';
import type { DecisionState } from '../../../electron/common/api/contract';
import type { Hit } from '../../../electron/common/search-params';

type SortKey = 'rank' | 'probability' | 'score' | 'reverseScore' | 'name' | 'formula' | 'library' | 'source' | 'precursorErrorPpm' | 'retentionTime' | 'matchedPeaks';

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'rank', label: '#', numeric: true },
  { key: 'probability', label: 'Probability', numeric: true },
  { key: 'score', label: 'Match', numeric: true },
  { key: 'reverseScore', label: 'R.Match', numeric: true },
  { key: 'name', label: 'Name', numeric: false },
  { key: 'formula', label: 'Formula', numeric: false },
  { key: 'matchedPeaks', label: 'Peaks', numeric: true },
  { key: 'precursorErrorPpm', label: 'Δ ppm', numeric: true },
  { key: 'retentionTime', label: 'Δ RT (s)', numeric: true },
  { key: 'library', label: 'Library', numeric: false },
  { key: 'source', label: 'Source', numeric: false },
];

interface Props {
  hits: Hit[];
  selected: number | undefined;
  onSelect: (spectrumId: number) => void;
  decision?: DecisionState | undefined;
  /** The unknown's retention time, for the retention error column. */
  retentionTime?: number | undefined;
}

function verdict(decision: DecisionState | undefined, spectrumId: number): string {
  if (decision?.accepted?.spectrumId === spectrumId) return 'accepted';
  return decision?.rejected.includes(spectrumId) ? 'rejected' : '';
}

export function HitTable({ hits, selected, onSelect, decision, retentionTime }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'rank', descending: false });
  const sorted = useMemo(() => {
    const copy = [...hits];
    copy.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const order = x === undefined ? 1 : y === undefined ? -1 : typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.descending ? -order : order;
    });
    return copy;
  }, [hits, sort]);
  if (hits.length === 0) return <p className="empty">No hits: no library spectrum passed the filters.</p>;
  return (
    <div className="table-scroll">
    <table className="hits" data-testid="hit-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              className={c.numeric ? 'num' : ''}
              onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : c.key === 'score' || c.key === 'reverseScore' }))}
            >
              {c.label}
              {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((h) => (
          <tr
            key={h.spectrumId}
            className={`${h.spectrumId === selected ? 'selected' : ''} ${verdict(decision, h.spectrumId)}`}
            data-verdict={verdict(decision, h.spectrumId)}
            onClick={() => onSelect(h.spectrumId)}
          >
            <td className="num">
              {verdict(decision, h.spectrumId) === 'accepted' ? '✔ ' : verdict(decision, h.spectrumId) === 'rejected' ? '✘ ' : ''}
              {h.rank}
            </td>
            <td className="num probability" data-testid="hit-probability">
              {h.probability === undefined ? (
                ''
              ) : (
                <>
                  <span className="bar" style={{ width: `${Math.round(h.probability * 100)}%` }} />
                  <span className="value">{(h.probability * 100).toFixed(1)} %</span>
                </>
              )}
            </td>
            <td className="num">{h.score}</td>
            <td className="num">{h.reverseScore}</td>
            <td title={h.inchikey}>{h.name ?? h.recordId}</td>
            <td>{h.formula}</td>
            <td className="num">{h.matchedPeaks}</td>
            <td className="num">{h.precursorErrorPpm === undefined ? '' : h.precursorErrorPpm.toFixed(1)}</td>
            <td className="num">{h.retentionTime === undefined || retentionTime === undefined ? '' : (h.retentionTime - retentionTime).toFixed(1)}</td>
            <td>{h.library}</td>
            <td>{h.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
