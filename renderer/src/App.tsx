/**
 * The main window: import unknowns (button or drop anywhere), search them, read the hit
 * table, compare the unknown with a hit in the mirror plot beside its structure (and with
 * the predicted spectrum of any structure), add measured and in-silico libraries, and
 * export the report. All data comes through the typed API.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportedReport, ImportProblemView, JobStatus, LibrarySummary, ResponseOf, SyncStatusView, UnknownSummary } from '../../electron/common/api/contract';
import type { SearchParams } from '../../electron/common/search-params';
import type { RecentFile, Settings } from '../../electron/common/settings';
import { api, subscribeToCommands } from './api/api-client';
import { COMMANDS, commandForKey, type Command } from '../../electron/common/commands';
import { libraryNameFromFile } from '../../electron/common/library-name';
import { AboutPanel } from './components/AboutPanel';
import { HitTable } from './components/HitTable';
import { JobProgress } from './components/JobProgress';
import { SettingsPanel } from './components/SettingsPanel';
import { MirrorPlot } from './components/MirrorPlot';
import { PredictedComparison } from './components/PredictedComparison';
import { SearchPanel } from './components/SearchPanel';
import { StructureView } from './components/StructureView';
import { UnknownList } from './components/UnknownList';

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function download(report: ExportedReport): void {
  const body = report.encoding === 'base64' ? Uint8Array.from(atob(report.content), (c) => c.charCodeAt(0)) : report.content;
  const url = URL.createObjectURL(new Blob([body], { type: report.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = report.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function App() {
  const [params, setParams] = useState<SearchParams>();
  const [libraries, setLibraries] = useState<LibrarySummary[]>([]);
  const [unknowns, setUnknowns] = useState<UnknownSummary[]>([]);
  const [selectedUnknown, setSelectedUnknown] = useState<string>();
  const [detail, setDetail] = useState<ResponseOf<'unknowns.get'>>();
  const [selectedHit, setSelectedHit] = useState<number>();
  const [reference, setReference] = useState<ResponseOf<'spectra.get'>>();
  const [busy, setBusy] = useState<string>('');
  const [error, setError] = useState<string>('');
  const [problems, setProblems] = useState<ImportProblemView[]>([]);
  const [dragging, setDragging] = useState(false);
  const [showAbout, setShowAbout] = useState(false);
  const [job, setJob] = useState<JobStatus>();
  const [settings, setSettings] = useState<Settings>();
  const [showSettings, setShowSettings] = useState(false);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [reviewOnly, setReviewOnly] = useState(false);
  const [sync, setSync] = useState<SyncStatusView>();

  const run = useCallback(async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy('');
    }
  }, []);

  useEffect(() => {
    void run('Loading', async () => {
      const [defaults, libs, list, userSettings, recentFiles, syncStatus] = await Promise.all([
        api('search.defaults', {}),
        api('libraries.list', {}),
        api('unknowns.list', {}),
        api('settings.get', {}),
        api('files.recent', {}),
        api('sync.status', {}),
      ]);
      setSync(syncStatus);
      setParams(defaults);
      setSettings(userSettings);
      setRecent(recentFiles);
      setLibraries(libs);
      setUnknowns(list);
    });
  }, [run]);

  useEffect(() => {
    // "system" leaves the choice to prefers-color-scheme in the stylesheet.
    if (!settings || settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  useEffect(() => {
    setDetail(undefined);
    setReference(undefined);
    setSelectedHit(undefined);
    if (!selectedUnknown) return;
    void api('unknowns.get', { unknownId: selectedUnknown }).then((d) => {
      setDetail(d);
      setSelectedHit(d.result?.hits[0]?.spectrumId);
    }, (err: Error) => setError(err.message));
  }, [selectedUnknown, unknowns]);

  useEffect(() => {
    setReference(undefined);
    if (selectedHit === undefined) return;
    void api('spectra.get', { spectrumId: selectedHit }).then(setReference, (err: Error) => setError(err.message));
  }, [selectedHit]);

  /** Starts a job and follows it until it ends, so the progress bar and Cancel button show meanwhile. */
  const followJob = useCallback(async (started: JobStatus): Promise<JobStatus> => {
    let status = started;
    setJob(status);
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await api('jobs.get', { jobId: status.jobId });
      setJob(status);
    }
    setJob(undefined);
    if (status.state === 'failed') throw new Error(status.error ?? 'the job failed');
    return status;
  }, []);

  const search = useCallback(
    (ids: string[] | undefined, current: SearchParams) =>
      run('Searching', async () => {
        await followJob(await api('jobs.startSearch', { params: current, ...(ids ? { unknownIds: ids } : {}) }));
        setUnknowns(await api('unknowns.list', {}));
      }),
    [run, followJob],
  );

  /** Imports files (each started by `start`), then searches what they added. */
  const importThenSearch = useCallback(
    (label: string, starts: (() => Promise<JobStatus>)[]) => {
      if (!params || starts.length === 0) return;
      void run(label, async () => {
        const allProblems: ImportProblemView[] = [];
        const added: UnknownSummary[] = [];
        for (const start of starts) {
          const status = await followJob(await start());
          if (status.state === 'cancelled') break;
          const result = status.result as { added: UnknownSummary[]; problems: ImportProblemView[] };
          added.push(...result.added);
          allProblems.push(...result.problems);
        }
        setProblems(allProblems);
        if (added.length > 0) {
          setBusy('Searching');
          await followJob(await api('jobs.startSearch', { params, unknownIds: added.map((u) => u.unknownId) }));
        }
        setUnknowns(await api('unknowns.list', {}));
        setRecent(await api('files.recent', {}));
        if (added[0]) setSelectedUnknown(added[0].unknownId);
      });
    },
    [params, run, followJob],
  );

  const importFiles = useCallback(
    (files: File[]) =>
      importThenSearch(
        `Importing ${files.map((f) => f.name).join(', ')}`,
        files.map((file) => async () => api('jobs.startImport', { fileName: file.name, contentBase64: await fileToBase64(file) })),
      ),
    [importThenSearch],
  );

  const addLibrary = (file: File): void => {
    const name = libraryNameFromFile(file.name);
    void run(`Adding library ${name}`, async () => {
      const status = await followJob(await api('jobs.startLibraryImport', { fileName: file.name, contentBase64: await fileToBase64(file), library: name }));
      setLibraries(await api('libraries.list', {}));
      if (status.state === 'done') setProblems((status.result as { problems: ImportProblemView[] }).problems);
    });
  };

  const addInSilicoLibrary = (file: File): void => {
    const name = `${libraryNameFromFile(file.name)} (predicted)`;
    void run(`Predicting library ${name}`, async () => {
      const status = await followJob(await api('jobs.startInSilicoLibrary', { fileName: file.name, contentBase64: await fileToBase64(file), library: name }));
      setLibraries(await api('libraries.list', {}));
      if (status.state === 'done') setProblems((status.result as { problems: ImportProblemView[] }).problems);
    });
  };

  const updateSettings = (patch: Partial<Settings>): void => {
    void run('Saving settings', async () => {
      setSettings(await api('settings.update', patch));
      setSync(await api('sync.status', {}));
    });
  };

  const setAtlasKey = (apiKey: string): void => {
    void run('Saving the Atlas++ key', async () => setSync(await api('sync.setKey', { apiKey })));
  };

  const syncNow = (): void => {
    void run('Syncing with Atlas++', async () => {
      try {
        await followJob(await api('jobs.startSync', {}));
      } finally {
        setSync(await api('sync.status', {}));
        setLibraries(await api('libraries.list', {}));
      }
    });
  };

  const decide = (action: 'accept' | 'reject' | 'flag' | 'clear', spectrumId?: number): void => {
    if (!selectedUnknown) return;
    void run('Saving decision', async () => {
      await api('decisions.record', { unknownId: selectedUnknown, action, ...(spectrumId !== undefined ? { spectrumId } : {}) });
      setUnknowns(await api('unknowns.list', {}));
      setSync(await api('sync.status', {}));
    });
  };

  const toggleLibrary = (name: string, enabled: boolean): void => {
    void run('Updating libraries', async () => setLibraries(await api('libraries.setEnabled', { name, enabled })));
  };

  const exportReport = (format: 'html' | 'csv' | 'pdf'): void => {
    void run(`Exporting ${format.toUpperCase()}`, async () => download(await api('reports.export', { format })));
  };

  const fileInput = useRef<HTMLInputElement>(null);
  const runCommand = useRef<(command: Command) => void>(() => undefined);
  runCommand.current = (command: Command): void => {
    if (command === 'import') fileInput.current?.click();
    else if (command === 'search-all') {
      if (params && unknowns.length > 0) search(undefined, params);
    } else if (command === 'export-html' || command === 'export-pdf' || command === 'export-csv') {
      if (unknowns.length > 0) exportReport(command.slice('export-'.length) as 'html' | 'pdf' | 'csv');
    } else if (command === 'settings') setShowSettings(true);
    else setShowAbout(true);
  };
  useEffect(() => {
    const isMac = /Mac/.test(navigator.platform);
    return subscribeToCommands((command) => runCommand.current(command), (event) => commandForKey(event, isMac));
  }, []);

  const hits = detail?.result?.hits ?? [];
  const needsReview = (u: UnknownSummary): boolean => Boolean(u.ranking?.flagged || u.decision?.flagged) && !u.decision?.accepted;
  const reviewQueue = unknowns.filter(needsReview);
  const hit = hits.find((h) => h.spectrumId === selectedHit);
  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        importFiles([...e.dataTransfer.files]);
      }}
    >
      <header>
        <h1>Nexa Workbench</h1>
        <label className="button">
          Import unknowns…
          <input
            ref={fileInput}
            type="file"
            multiple
            data-testid="import-input"
            accept=".msp,.mgf,.txt,.mzml,.mzML,.jdx,.dx,.csv,.tsv,.gz"
            onChange={(e) => {
              importFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </label>
        <label className="button" title="Add a spectral library (MSP, MGF, MassBank, mzML, JCAMP-DX, CSV; .gz too)">
          Add library…
          <input
            type="file"
            data-testid="library-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) addLibrary(file);
              e.target.value = '';
            }}
          />
        </label>
        <label className="button" title="Predict EI spectra for a structure list (CSV with name and smiles columns, or SDF) and add them as an in-silico library">
          Add in-silico library…
          <input
            type="file"
            data-testid="insilico-input"
            accept=".csv,.tsv,.sdf,.sd"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) addInSilicoLibrary(file);
              e.target.value = '';
            }}
          />
        </label>
        <button disabled={!params || unknowns.length === 0} onClick={() => params && search(undefined, params)} title={COMMANDS['search-all'].accelerator.replace('CmdOrCtrl', 'Ctrl')}>
          Search all
        </button>
        <button disabled={unknowns.length === 0} onClick={() => exportReport('html')} data-testid="export-html">
          Export HTML report
        </button>
        <button disabled={unknowns.length === 0} onClick={() => exportReport('pdf')} data-testid="export-pdf">
          Export PDF
        </button>
        <button disabled={unknowns.length === 0} onClick={() => exportReport('csv')} data-testid="export-csv">
          Export CSV
        </button>
        <select
          value=""
          aria-label="Recent files"
          data-testid="recent-files"
          disabled={recent.length === 0}
          onChange={(e) => {
            const file = recent.find((r) => r.fileId === e.target.value);
            if (file) importThenSearch(`Reopening ${file.name}`, [() => api('files.reopen', { fileId: file.fileId })]);
          }}
        >
          <option value="">Recent files…</option>
          {recent.map((r) => (
            <option key={r.fileId} value={r.fileId}>
              {r.name} ({r.spectra} spectra, {new Date(r.importedAt).toLocaleDateString()})
            </option>
          ))}
        </select>
        <button disabled={!sync?.server || !sync.keySet} onClick={syncNow} data-testid="sync-button" title="Pull the subscribed Atlas++ collections and push accepted identifications">
          Sync
        </button>
        <button onClick={() => setShowSettings(true)} data-testid="settings-button">
          Settings
        </button>
        <button onClick={() => setShowAbout(true)} data-testid="about-button">
          About
        </button>
        <span className="status" role="status">
          {busy ? `${busy}…` : ''}
        </span>
      </header>
      {sync?.server ? (
        <p className={`sync-status${sync.error ? ' error' : ''}`} data-testid="sync-status">
          Atlas++ {sync.server}: {sync.lastSync ? `last sync ${new Date(sync.lastSync).toLocaleString()}${sync.lastResult ? ` (${sync.lastResult})` : ''}` : 'not synced yet'} · {sync.pendingPushes} pending push(es)
          {sync.keySet ? '' : ' · no API key set'}
          {sync.error ? ` · ${sync.error}` : ''}
        </p>
      ) : null}
      {showAbout ? <AboutPanel onClose={() => setShowAbout(false)} /> : null}
      {showSettings && settings ? <SettingsPanel settings={settings} onChange={updateSettings} onClose={() => setShowSettings(false)} keySet={sync?.keySet ?? false} onSetKey={setAtlasKey} /> : null}
      {job ? <JobProgress job={job} onCancel={() => void api('jobs.cancel', { jobId: job.jobId }).then(setJob)} /> : null}
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : null}
      {problems.length > 0 ? (
        <details className="problems" open>
          <summary>{problems.length} record(s) could not be imported</summary>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.file}:{p.line}
                {p.record ? ` (${p.record})` : ''}: {p.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {params ? <SearchPanel params={params} libraries={libraries} onChange={setParams} onToggleLibrary={toggleLibrary} /> : null}
      <main>
        <aside>
          <h2>Unknowns ({unknowns.length})</h2>
          <div className="review-filter">
            <button className={reviewOnly ? '' : 'active'} onClick={() => setReviewOnly(false)}>
              All
            </button>
            <button className={reviewOnly ? 'active' : ''} onClick={() => setReviewOnly(true)} data-testid="review-queue">
              Review queue ({reviewQueue.length})
            </button>
          </div>
          <UnknownList unknowns={reviewOnly ? reviewQueue : unknowns} selected={selectedUnknown} onSelect={setSelectedUnknown} />
        </aside>
        <section className="results">
          {detail ? (
            <>
              <h2>
                Hits for {detail.unknown.name ?? detail.unknown.recordId ?? detail.unknown.unknownId}
                {detail.result ? ` (${detail.result.searchedAs.toUpperCase()} search)` : ' (not searched yet)'}
              </h2>
              <div className="decision-bar" data-testid="decision-bar">
                <span data-testid="decision-status">
                  {detail.unknown.decision?.accepted
                    ? `Accepted: ${detail.unknown.decision.accepted.name ?? detail.unknown.decision.accepted.spectrumId}`
                    : 'No candidate accepted'}
                  {detail.unknown.decision?.flagged ? ' · flagged for review' : ''}
                  {detail.unknown.decision ? ` · ${detail.unknown.decision.decidedBy}, ${new Date(detail.unknown.decision.decidedAt).toLocaleString()}` : ''}
                </span>
                <button disabled={!hit} onClick={() => decide('accept', hit?.spectrumId)} data-testid="accept-hit">
                  Accept selected hit
                </button>
                <button disabled={!hit} onClick={() => decide('reject', hit?.spectrumId)} data-testid="reject-hit">
                  Reject selected hit
                </button>
                <button onClick={() => decide('flag')} data-testid="flag-unknown">
                  Flag for review
                </button>
                <button disabled={!detail.unknown.decision} onClick={() => decide('clear')}>
                  Clear decision
                </button>
              </div>
              {detail.result?.ranking ? (
                <p className={`ranking-summary${detail.result.ranking.flagged ? ' flagged' : ''}`} data-testid="ranking-summary">
                  None of these: {(detail.result.ranking.pNone * 100).toFixed(1)} %
                  {detail.result.ranking.flagged ? ' · flagged for review: no candidate reached the threshold' : ''} · {detail.result.ranking.candidates} candidate compounds ranked by {detail.result.ranking.model}
                </p>
              ) : null}
              <HitTable hits={hits} selected={selectedHit} onSelect={setSelectedHit} decision={detail.unknown.decision} retentionTime={detail.unknown.retentionTime} />
              {detail.remote ? (
                'error' in detail.remote ? (
                  <p className="error" data-testid="remote-error">
                    {detail.remote.error}
                  </p>
                ) : (
                  <table className="hits" data-testid="remote-hits">
                    <caption>Atlas++ hits (server)</caption>
                    <thead>
                      <tr>
                        <th className="num">Match</th>
                        <th>Name</th>
                        <th>InChIKey</th>
                        <th>Source</th>
                      </tr>
                    </thead>
                    <tbody>
                      {detail.remote.hits.map((h) => (
                        <tr key={`${h.collection}/${h.externalId}`}>
                          <td className="num">{h.score}</td>
                          <td>{h.name ?? h.externalId}</td>
                          <td>{h.inchikey}</td>
                          <td>Atlas++ {h.collection}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              ) : null}
              {hit && reference ? (
                <div className="comparison">
                  <MirrorPlot
                    query={detail.spectrum.peaks}
                    reference={reference.peaks}
                    queryLabel={`Unknown: ${detail.unknown.name ?? detail.unknown.recordId ?? ''}`}
                    referenceLabel={`${hit.source === 'predicted' ? 'Predicted' : 'Reference'}: ${hit.name ?? hit.recordId ?? ''}`}
                    theme={settings?.theme ?? 'system'}
                  />
                  <div className="hit-detail">
                    <StructureView smiles={hit.smiles} />
                    <dl>
                      <dt>Name</dt>
                      <dd>{hit.name}</dd>
                      <dt>Formula</dt>
                      <dd>{hit.formula}</dd>
                      <dt>InChIKey</dt>
                      <dd>{hit.inchikey}</dd>
                      <dt>Record</dt>
                      <dd>{hit.recordId}</dd>
                      <dt>Licence</dt>
                      <dd>{hit.license}</dd>
                    </dl>
                  </div>
                </div>
              ) : null}
              {detail.result?.searchedAs !== 'msms' ? (
                <PredictedComparison
                  unknownPeaks={detail.spectrum.peaks}
                  unknownLabel={`Unknown: ${detail.unknown.name ?? detail.unknown.recordId ?? ''}`}
                  {...(hit ? { hit: { ...(hit.smiles ? { smiles: hit.smiles } : {}), ...(hit.name ? { name: hit.name } : {}) } } : {})}
                  theme={settings?.theme ?? 'system'}
                />
              ) : null}
            </>
          ) : (
            <p className="empty">Select an unknown to see its hits.</p>
          )}
        </section>
      </main>
    </div>
  );
}
