/** Search parameters a chemist sets before searching: mode, tolerances, weighting, libraries. */
import type { LibrarySummary } from '../../../electron/common/api/contract';
import type { SearchParams } from '../../../electron/common/search-params';

interface Props {
  params: SearchParams;
  libraries: LibrarySummary[];
  onChange: (params: SearchParams) => void;
  onToggleLibrary: (name: string, enabled: boolean) => void;
}

function numberOrUndefined(text: string): number | undefined {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) || n <= 0 ? undefined : n;
}

export function SearchPanel({ params, libraries, onChange, onToggleLibrary }: Props) {
  const set = (patch: Partial<SearchParams>): void => onChange({ ...params, ...patch });
  return (
    <div className="search-panel" data-testid="search-panel">
      <label>
        Mode
        <select value={params.mode} onChange={(e) => set({ mode: e.target.value as SearchParams['mode'] })}>
          <option value="auto">auto</option>
          <option value="ei">EI identity</option>
          <option value="msms">MS/MS</option>
        </select>
      </label>
      <label title="Order candidates by calibrated probability (with 'none of these') or by similarity alone">
        Ranking
        <select value={params.rank} onChange={(e) => set({ rank: e.target.value as SearchParams['rank'] })} data-testid="rank-select">
          <option value="probabilistic">probability</option>
          <option value="similarity">similarity</option>
        </select>
      </label>
      <label title="Most candidate compounds the probabilistic ranking considers">
        K<sub>max</sub>
        <input type="number" min={5} max={50} value={params.kMax} onChange={(e) => set({ kMax: Math.min(50, Math.max(5, Math.round(Number(e.target.value)) || 50)) })} data-testid="kmax-input" />
      </label>
      <label title="Below this best probability the ranking widens to K max, then flags the unknown for review">
        Review below
        <input type="number" min={0} max={1} step={0.05} value={params.reviewThreshold} onChange={(e) => set({ reviewThreshold: Math.min(1, Math.max(0, Number(e.target.value))) })} data-testid="threshold-input" />
      </label>
      <label>
        Hits
        <input type="number" min={1} max={100} value={params.top} onChange={(e) => set({ top: Math.min(100, Math.max(1, Number(e.target.value) || 10)) })} />
      </label>
      <label>
        Precursor tol.
        <input
          type="number"
          step="any"
          min={0}
          value={params.precursorTolerance.value}
          onChange={(e) => set({ precursorTolerance: { ...params.precursorTolerance, value: Number(e.target.value) || params.precursorTolerance.value } })}
        />
        <select value={params.precursorTolerance.unit} onChange={(e) => set({ precursorTolerance: { ...params.precursorTolerance, unit: e.target.value as 'ppm' | 'da' } })}>
          <option value="ppm">ppm</option>
          <option value="da">Da</option>
        </select>
      </label>
      <label>
        RT tol. (s)
        <input type="number" min={0} step="any" placeholder="off" value={params.rtTolerance ?? ''} onChange={(e) => {
          const { rtTolerance: _dropped, ...rest } = params;
          const value = numberOrUndefined(e.target.value);
          onChange(value === undefined ? rest : { ...rest, rtTolerance: value });
        }} />
      </label>
      <label title="EI: keep candidates within this many Da of the unknown's molecular mass, where the unknown gives one (MW field)">
        M hint tol. (Da)
        <input type="number" min={0} step="any" placeholder="off" value={params.massHintTolerance ?? ''} data-testid="mass-hint-input" onChange={(e) => {
          const { massHintTolerance: _dropped, ...rest } = params;
          const value = numberOrUndefined(e.target.value);
          onChange(value === undefined ? rest : { ...rest, massHintTolerance: value });
        }} />
      </label>
      <label>
        Ion mode
        <select value={params.ionMode ?? ''} onChange={(e) => {
          const { ionMode: _dropped, ...rest } = params;
          onChange(e.target.value === '' ? rest : { ...rest, ionMode: e.target.value as 'positive' | 'negative' });
        }}>
          <option value="">as unknown</option>
          <option value="positive">positive</option>
          <option value="negative">negative</option>
        </select>
      </label>
      <label title="Comma-separated MassBank instrument types, e.g. GC-EI-TOF, LC-ESI-QTOF; empty keeps all">
        Instrument types
        <input type="text" placeholder="all" value={(params.instrumentTypes ?? []).join(', ')} onChange={(e) => {
          const types = e.target.value.split(',').map((t) => t.trim()).filter(Boolean);
          const { instrumentTypes: _dropped, ...rest } = params;
          onChange(types.length === 0 ? rest : { ...rest, instrumentTypes: types });
        }} />
      </label>
      <label>
        MS/MS score
        <select value={params.msmsSimilarity} onChange={(e) => set({ msmsSimilarity: e.target.value as SearchParams['msmsSimilarity'] })}>
          <option value="entropy">entropy</option>
          <option value="weighted-cosine">weighted cosine</option>
        </select>
      </label>
      <label title="EI match factor weighting: intensity^a · (m/z)^b">
        EI weights a/b
        <input type="number" step="0.1" min={0.1} max={2} value={params.intensityPower} onChange={(e) => set({ intensityPower: Number(e.target.value) || params.intensityPower })} />
        <input type="number" step="0.5" min={0} max={5} value={params.mzPower} onChange={(e) => set({ mzPower: Number(e.target.value) })} />
      </label>
      <fieldset className="libraries">
        <legend>Libraries</legend>
        {libraries.map((l) => (
          <label key={l.id} title={`${l.spectra} spectra, ${l.compounds} compounds${l.model ? `, predicted by ${l.model}` : ""}`}>
            <input type="checkbox" checked={l.enabled} onChange={(e) => onToggleLibrary(l.name, e.target.checked)} /> {l.name} ({l.spectra})
          </label>
        ))}
      </fieldset>
    </div>
  );
}
