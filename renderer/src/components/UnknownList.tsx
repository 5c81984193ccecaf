/** The session's unknowns with their best hit; the selected one drives the rest of the window. */
import type { UnknownSummary } from '../../../electron/common/api/contract';

interface Props {
  unknowns: UnknownSummary[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}

export function UnknownList({ unknowns, selected, onSelect }: Props) {
  if (unknowns.length === 0) return <p className="empty">No unknowns yet: import a spectrum file or drop one on the window.</p>;
  return (
    <ul className="unknowns" data-testid="unknown-list">
      {unknowns.map((u) => (
        <li key={u.unknownId} className={u.unknownId === selected ? 'selected' : ''} onClick={() => onSelect(u.unknownId)}>
          <div className="title">{u.name ?? u.recordId ?? u.unknownId}</div>
          <div className="sub">
            {u.precursorMz !== undefined ? `m/z ${u.precursorMz.toFixed(4)} · ` : 'EI · '}
            {u.peakCount} peaks
            {u.retentionTime !== undefined ? ` · RT ${(u.retentionTime / 60).toFixed(2)} min` : ''}
          </div>
          {u.decision?.accepted ? <div className="verdict accepted">✔ {u.decision.accepted.name ?? u.decision.accepted.spectrumId}</div> : null}
          {u.decision?.flagged ? <div className="verdict flagged">⚑ flagged for review</div> : u.ranking?.flagged && !u.decision?.accepted ? <div className="verdict flagged">⚑ low confidence: review</div> : null}
          {u.topHit ? (
            <div className="best">
              {u.topHit.name ?? '(unnamed)'} <b>{u.topHit.probability !== undefined ? `${(u.topHit.probability * 100).toFixed(0)} %` : u.topHit.score}</b>
            </div>
          ) : u.searchedAs ? (
            <div className="best none">no hit</div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
