/**
 * The engine's facade for the app: one library database and the search over it, the
 * project (unknowns, results, decisions; saved as it changes), the user's settings and
 * the long jobs. Each API channel maps to one method here; the host (worker thread)
 * calls them, never the UI directly.
 */
import { readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { JobStatus, RequestOf, ResponseMap, UnknownSummary } from '../../common/api/contract.js';
import type { RecentFile, Settings } from '../../common/settings.js';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { depictSvg, loadRDKit } from '../chemistry/rdkit-chemistry.js';
import { importSpectra } from '../import/import-spectra.js';
import { detectExecutionProviders } from '../inference/execution-providers.js';
import { importIntoLibrary } from '../library/import-into-library.js';
import { LibraryStore } from '../library/library-store.js';
import { buildInSilicoLibrary } from '../prediction/in-silico-library.js';
import { predictSpectra, UnpredictableStructureError } from '../prediction/predict-spectra.js';
import { ModelUnavailableError, SpectrumModel } from '../prediction/spectrum-model.js';
import { currentDecision, type DecisionEntry } from '../project/decision-log.js';
import { ProjectStore, type StoredUnknown } from '../project/project-store.js';
import { csvReport } from '../reports/csv-report.js';
import { htmlReport } from '../reports/html-report.js';
import type { ReportEntry } from '../reports/report-entry.js';
import { attachTopHitFigures, reportContext } from '../reports/report-from-library.js';
import { Identifier } from '../ranking/identifier.js';
import { AtlasRefusedError, AtlasUnavailableError } from '../sync/atlas-client.js';
import { AtlasSync } from '../sync/atlas-sync.js';
import { SpectralSearch } from '../search/spectral-search.js';
import { APP_VERSION, SAMPLE_LIBRARY_DIR } from './app-paths.js';
import { withUploadedFile } from './uploaded-file.js';
import { UserSettings } from './user-settings.js';
import { JobBoard, type JobControl, yieldToEvents } from './job-board.js';

export class UserError extends Error {}

/** Unknowns searched and ranked together; progress and cancellation are checked between chunks. */
const SEARCH_CHUNK = 25;

export interface WorkbenchOptions {
  libraryPath: string;
  /** The project file saved as the chemist works; an in-memory project when absent (CLI, tests). */
  projectPath?: string;
  /** Where settings and copies of recent files are kept; nothing is kept when absent. */
  dataDir?: string;
  /** Import the bundled sample library when the database holds no library yet. */
  seedSampleLibrary?: boolean;
  /** The Atlas++ API key, decrypted by the desktop shell; else NEXA_ATLAS_KEY. Kept in memory only. */
  atlasKey?: string;
}

export class Workbench {
  private readonly unknowns = new Map<string, StoredUnknown>();
  private nextUnknown = 1;
  private params: SearchParams;
  private readonly jobs = new JobBoard();
  private spectrumModelLoad?: Promise<SpectrumModel>;
  private readonly identifier: Identifier;
  private readonly atlas: AtlasSync;

  private constructor(
    private readonly store: LibraryStore,
    private readonly search: SpectralSearch,
    private readonly project: ProjectStore,
    private readonly userSettings: UserSettings,
    atlasKey: string | undefined,
  ) {
    this.identifier = new Identifier(search, () => this.loadSpectrumModel());
    this.atlas = new AtlasSync(store, project, () => userSettings.settings, atlasKey ?? process.env.NEXA_ATLAS_KEY);
    for (const stored of project.loadUnknowns()) {
      this.unknowns.set(stored.summary.unknownId, stored);
      this.nextUnknown = Math.max(this.nextUnknown, Number(stored.summary.unknownId.slice(1)) + 1);
    }
    this.params = { ...DEFAULT_SEARCH_PARAMS, ...(project.getSetting<SearchParams>('searchParams') ?? {}) };
  }

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const store = LibraryStore.open(options.libraryPath);
    if (options.seedSampleLibrary && store.listLibraries().length === 0) {
      const files = readdirSync(SAMPLE_LIBRARY_DIR)
        .filter((f) => /\.(txt|msp|mgf)(\.gz)?$/i.test(f))
        .map((f) => join(SAMPLE_LIBRARY_DIR, f));
      await importIntoLibrary(store, files, { library: 'Nexa sample library (MassBank CC BY/CC0)' });
    }
    const search = new SpectralSearch(store);
    search.prepare();
    await loadRDKit();
    return new Workbench(store, search, new ProjectStore(options.projectPath ?? ':memory:'), new UserSettings(options.dataDir), options.atlasKey);
  }

  close(): void {
    this.project.close();
    this.store.close();
  }

  /** The EI model, loaded once for prediction and ranking alike; a failed load is tried again next time. */
  private loadSpectrumModel(): Promise<SpectrumModel> {
    this.spectrumModelLoad ??= SpectrumModel.load().catch((err: unknown) => {
      this.spectrumModelLoad = undefined;
      throw err;
    });
    return this.spectrumModelLoad;
  }

  /** The EI model for the chemist's requests: a missing or damaged model is a message. */
  private async spectrumModel(): Promise<SpectrumModel> {
    try {
      return await this.loadSpectrumModel();
    } catch (err) {
      if (err instanceof ModelUnavailableError) throw new UserError(err.message);
      throw err;
    }
  }

  async appInfo(): Promise<ResponseMap['app.info']> {
    const rdkit = await loadRDKit();
    const providers = detectExecutionProviders();
    let spectrumModel: ResponseMap['app.info']['spectrumModel'];
    try {
      const model = await this.spectrumModel();
      spectrumModel = { label: model.label, file: model.card.file, provider: model.provider };
    } catch (err) {
      spectrumModel = { error: err instanceof Error ? err.message : String(err) };
    }
    return {
      appVersion: APP_VERSION,
      rdkitVersion: rdkit.version(),
      sqliteVersion: this.store.sqliteVersion(),
      libraryPath: this.store.path,
      libraries: this.store.listLibraries().map((l) => ({ name: l.name, spectra: l.spectra })),
      node: process.version,
      onnxRuntime: { version: providers.onnxRuntimeVersion, available: providers.available, inUse: providers.inUse },
      spectrumModel,
    };
  }

  listLibraries(): ResponseMap['libraries.list'] {
    return this.store.listLibraries().map(({ createdAt: _createdAt, ...rest }) => rest);
  }

  setLibraryEnabled(request: RequestOf<'libraries.setEnabled'>): ResponseMap['libraries.setEnabled'] {
    try {
      this.store.setLibraryEnabled(request.name, request.enabled);
    } catch (err) {
      throw new UserError(err instanceof Error ? err.message : String(err));
    }
    return this.listLibraries();
  }

  /** Imports unknowns from an uploaded file: written to a private temp file so every importer (and gzip) works unchanged. */
  /**
   * Imports unknowns from an uploaded file. With a job control the import reports progress,
   * yields between records, and, when cancelled, keeps nothing of the file.
   */
  async importUnknowns(request: RequestOf<'unknowns.import'>, control?: JobControl): Promise<ResponseMap['unknowns.import']> {
    return withUploadedFile(request.fileName, request.contentBase64, async (path, bytes) => {
      const added: UnknownSummary[] = [];
      const problems: ResponseMap['unknowns.import']['problems'] = [];
      try {
        for await (const item of importSpectra(path)) {
          if (item.kind === 'problem') {
            problems.push({ ...item.problem, file: request.fileName });
            continue;
          }
          added.push(this.addUnknown(item.spectrum, request.fileName));
          if (control && added.length % 100 === 0) {
            control.progress(added.length, undefined, `${added.length} spectra read from ${request.fileName}`);
            await yieldToEvents();
            if (control.cancelled) break;
          }
        }
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message.replace(path, request.fileName) : String(err));
      }
      if (control?.cancelled) {
        for (const summary of added) this.unknowns.delete(summary.unknownId);
        return { added: [], problems: [] };
      }
      this.project.addUnknowns(added.map((summary) => this.unknowns.get(summary.unknownId)!));
      if (added.length > 0) this.userSettings.rememberFile(request.fileName, bytes, added.length);
      control?.progress(added.length, added.length, `${added.length} spectra imported from ${request.fileName}`);
      return { added, problems };
    });
  }

  addUnknown(spectrum: Spectrum, file: string): UnknownSummary {
    const unknownId = `u${this.nextUnknown++}`;
    const m = spectrum.metadata;
    const summary: UnknownSummary = { unknownId, file, peakCount: spectrum.peaks.length };
    if (m.id !== undefined) summary.recordId = m.id;
    if (m.name !== undefined) summary.name = m.name;
    if (m.precursorMz !== undefined) summary.precursorMz = m.precursorMz;
    if (m.precursorType !== undefined) summary.precursorType = m.precursorType;
    if (m.retentionTime !== undefined) summary.retentionTime = m.retentionTime;
    if (m.retentionIndex !== undefined) summary.retentionIndex = m.retentionIndex;
    if (m.ionMode !== undefined) summary.ionMode = m.ionMode;
    if (m.msLevel !== undefined) summary.msLevel = m.msLevel;
    this.unknowns.set(unknownId, { summary, spectrum });
    return summary;
  }

  listUnknowns(): UnknownSummary[] {
    return [...this.unknowns.values()].map((u) => u.summary);
  }

  /** An unknown with its local result and, when federated search is on, the Atlas++ server's hits (or why there are none). */
  async getUnknown(unknownId: string): Promise<ResponseMap['unknowns.get']> {
    const entry = this.unknowns.get(unknownId);
    if (!entry) throw new UserError(`no unknown "${unknownId}" in this session`);
    const remote = entry.result && this.userSettings.settings.federatedSearch ? await this.atlas.federatedSearch(entry.spectrum, this.params) : undefined;
    return { unknown: entry.summary, spectrum: entry.spectrum, ...(entry.result ? { result: entry.result } : {}), ...(remote ? { remote } : {}) };
  }

  syncStatus(): ResponseMap['sync.status'] {
    return this.atlas.status();
  }

  setAtlasKey(apiKey: string): ResponseMap['sync.setKey'] {
    this.atlas.setKey(apiKey);
    return this.atlas.status();
  }

  /** Pulls the subscribed Atlas++ collections and pushes accepted identifications, as a job; the EI index is refreshed after. */
  startSyncJob(): JobStatus {
    return this.jobs.start('sync', async (control) => {
      try {
        const status = await this.atlas.run((message) => control.progress(0, undefined, message));
        this.search.prepare();
        return status;
      } catch (err) {
        if (err instanceof AtlasUnavailableError || err instanceof AtlasRefusedError) throw new UserError(`${err.message}; the local libraries are unchanged and in use`);
        throw err;
      }
    });
  }

  clearUnknowns(): Record<string, never> {
    this.unknowns.clear();
    this.project.clearUnknowns();
    return {};
  }

  searchDefaults(): SearchParams {
    return { ...this.params };
  }

  /**
   * Searches the given unknowns (all by default). With a job control it reports progress,
   * yields every few unknowns and stops when cancelled, keeping the results made so far.
   */
  async runSearch(request: RequestOf<'search.run'>, control?: JobControl): Promise<ResponseMap['search.run']> {
    const params: SearchParams = { ...this.params, ...request.params } as SearchParams;
    this.params = params;
    this.project.setSetting('searchParams', params);
    const ids = request.unknownIds ?? [...this.unknowns.keys()];
    for (const id of ids) if (!this.unknowns.has(id)) throw new UserError(`no unknown "${id}" in this session`);
    const results: ResponseMap['search.run']['results'] = [];
    for (let start = 0; start < ids.length; start += SEARCH_CHUNK) {
      if (control) {
        control.progress(results.length, ids.length, `${results.length} of ${ids.length} unknowns searched`);
        await yieldToEvents();
        if (control.cancelled) break;
      }
      const chunk = ids.slice(start, start + SEARCH_CHUNK);
      let found;
      try {
        found = await this.identifier.identify(chunk.map((id) => this.unknowns.get(id)!.spectrum), params);
      } catch (err) {
        if (err instanceof ModelUnavailableError) throw new UserError(`${err.message}; switch the ranking to "similarity" to search without it`);
        throw err;
      }
      chunk.forEach((id, i) => {
        const entry = this.unknowns.get(id)!;
        entry.result = found[i]!;
        entry.summary.searchedAs = entry.result.searchedAs;
        const top = entry.result.hits[0];
        if (top) entry.summary.topHit = { ...(top.name !== undefined ? { name: top.name } : {}), score: top.score, ...(top.probability !== undefined ? { probability: top.probability } : {}) };
        else delete entry.summary.topHit;
        if (entry.result.ranking) entry.summary.ranking = { pNone: entry.result.ranking.pNone, flagged: entry.result.ranking.flagged };
        else delete entry.summary.ranking;
        results.push({ unknownId: id, ...entry.result });
      });
    }
    this.project.saveResults(results.map(({ unknownId }) => ({ summary: this.unknowns.get(unknownId)!.summary, result: this.unknowns.get(unknownId)!.result! })));
    control?.progress(results.length, ids.length, `${results.length} of ${ids.length} unknowns searched`);
    return { results };
  }

  startImportJob(request: RequestOf<'jobs.startImport'>): JobStatus {
    return this.jobs.start('import', (control) => this.importUnknowns(request, control));
  }

  settings(): Settings {
    return this.userSettings.settings;
  }

  updateSettings(patch: Partial<Settings>): Settings {
    return this.userSettings.update(patch);
  }

  recentFiles(): RecentFile[] {
    return this.userSettings.recent;
  }

  reopenRecent(fileId: string): JobStatus {
    const file = this.userSettings.recentBytes(fileId);
    if (!file) throw new UserError('that recent file is no longer kept; import it again');
    return this.startImportJob({ fileName: file.name, contentBase64: file.bytes.toString('base64') });
  }

  /** Adds a spectral library from an uploaded file, in batches, cancellable; the EI index is rebuilt after. */
  startLibraryImportJob(request: RequestOf<'jobs.startLibraryImport'>): JobStatus {
    return this.jobs.start('library-import', (control) =>
      withUploadedFile(request.fileName, request.contentBase64, async (path) => {
        const abort = new AbortController();
        const summary = await importIntoLibrary(this.store, [path], {
          library: request.library,
          signal: abort.signal,
          onProgress: (p) => {
            control.progress(p.records, undefined, `${p.imported} spectra added to ${request.library}, ${p.rejected} rejected`);
            if (control.cancelled) abort.abort();
          },
        });
        control.progress(summary.imported, summary.imported, `indexing ${request.library}`);
        this.search.prepare();
        return {
          library: request.library,
          imported: summary.imported,
          duplicates: summary.duplicates,
          problems: summary.problems.map((p) => ({ ...p, file: request.fileName, message: p.message.replace(path, request.fileName) })),
        };
      }),
    );
  }

  /** Predicts a structure list (CSV or SDF) into an in-silico library, cancellable; the EI index is rebuilt after. */
  startInSilicoLibraryJob(request: RequestOf<'jobs.startInSilicoLibrary'>): JobStatus {
    return this.jobs.start('in-silico-library', async (control) => {
      const model = await this.spectrumModel();
      return withUploadedFile(request.fileName, request.contentBase64, async (path) => {
        const abort = new AbortController();
        const summary = await buildInSilicoLibrary(this.store, model, [path], {
          library: request.library,
          displayNames: [request.fileName],
          signal: abort.signal,
          onProgress: (p) => {
            control.progress(p.structures, undefined, `${p.predicted} spectra predicted into ${request.library}, ${p.rejected} rejected`);
            if (control.cancelled) abort.abort();
          },
        });
        control.progress(summary.imported, summary.imported, `indexing ${request.library}`);
        this.search.prepare();
        return { library: request.library, imported: summary.imported, duplicates: summary.duplicates, problems: summary.problems };
      });
    });
  }

  /** The predicted EI spectrum of one structure (a candidate's, or one the chemist typed). */
  async predictSpectrum(request: RequestOf<'prediction.spectrum'>): Promise<ResponseMap['prediction.spectrum']> {
    const model = await this.spectrumModel();
    const structure = { smiles: request.smiles, name: request.name ?? request.smiles, file: 'structure', line: 1 };
    try {
      for await (const item of predictSpectra(model, [structure])) {
        if (item.kind === 'problem') throw new UserError(`cannot predict "${request.smiles.slice(0, 80)}": ${item.problem.message}`);
        return { metadata: item.spectrum.metadata, peaks: item.spectrum.peaks, model: model.label, provider: model.provider };
      }
    } catch (err) {
      if (err instanceof UnpredictableStructureError) throw new UserError(err.message);
      throw err;
    }
    throw new UserError(`no prediction for "${request.smiles.slice(0, 80)}"`);
  }

  startSearchJob(request: RequestOf<'jobs.startSearch'>): JobStatus {
    for (const id of request.unknownIds ?? []) if (!this.unknowns.has(id)) throw new UserError(`no unknown "${id}" in this session`);
    return this.jobs.start('search', async (control) => ({ searched: (await this.runSearch(request, control)).results.length }));
  }

  job(jobId: string, cancel = false): JobStatus {
    const status = cancel ? this.jobs.cancel(jobId) : this.jobs.get(jobId);
    if (!status) throw new UserError(`no job "${jobId}"`);
    return status;
  }

  /** Accept or reject a candidate, flag the unknown for review, or clear its verdict; logged with who, when and how it was searched. */
  recordDecision(request: RequestOf<'decisions.record'>): UnknownSummary {
    const entry = this.unknowns.get(request.unknownId);
    if (!entry) throw new UserError(`no unknown "${request.unknownId}" in this session`);
    const decision: DecisionEntry = { action: request.action, decidedBy: this.userSettings.settings.analystName || userInfo().username, decidedAt: new Date().toISOString() };
    if (request.spectrumId !== undefined) {
      const hit = entry.result?.hits.find((h) => h.spectrumId === request.spectrumId);
      if (!hit) throw new UserError(`spectrum ${request.spectrumId} is not a candidate of ${request.unknownId}`);
      decision.spectrumId = hit.spectrumId;
      decision.candidate = { library: hit.library, ...(hit.name ? { name: hit.name } : {}), ...(hit.inchikey ? { inchikey: hit.inchikey } : {}) };
    }
    if (request.action === 'accept') {
      const hit = entry.result!.hits.find((h) => h.spectrumId === request.spectrumId)!;
      this.atlas.queueAccepted(request.unknownId, entry.spectrum, { ...(hit.name ? { name: hit.name } : {}), ...(hit.inchikey ? { inchikey: hit.inchikey } : {}), ...(hit.smiles ? { smiles: hit.smiles } : {}), ...(hit.formula ? { formula: hit.formula } : {}) });
    }
    const state = currentDecision([...this.project.decisionLog(request.unknownId), decision]);
    if (state) entry.summary.decision = state;
    const models = entry.result?.ranking ? [entry.result.ranking.model] : undefined;
    this.project.appendDecision(request.unknownId, decision, { parameters: this.params, libraries: this.store.listLibraries().map((l) => ({ name: l.name, spectra: l.spectra, ...(l.model ? { model: l.model } : {}) })), ...(models ? { models } : {}) }, entry.summary);
    return entry.summary;
  }

  getReferenceSpectrum(spectrumId: number): ResponseMap['spectra.get'] {
    const spectrum = this.store.getSpectrum(spectrumId);
    if (!spectrum) throw new UserError(`no library spectrum with id ${spectrumId}`);
    return { spectrumId: spectrum.id, library: spectrum.libraryName, source: spectrum.source, metadata: spectrum.metadata, peaks: spectrum.peaks };
  }

  async depict(request: RequestOf<'chemistry.depict'>): Promise<ResponseMap['chemistry.depict']> {
    try {
      return { svg: await depictSvg(request.smiles, request.width, request.height) };
    } catch (err) {
      throw new UserError(err instanceof Error ? err.message : String(err));
    }
  }

  async reportEntries(): Promise<ReportEntry[]> {
    const entries: ReportEntry[] = [];
    for (const { summary, spectrum, result } of this.unknowns.values()) {
      const hits = result?.hits ?? [];
      const entry: ReportEntry = { file: summary.file, query: spectrum, searchedAs: result?.searchedAs ?? 'ei', hits, ...(result?.ranking ? { ranking: result.ranking } : {}), ...(summary.decision ? { decision: summary.decision } : {}) };
      await attachTopHitFigures(entry, this.store);
      entries.push(entry);
    }
    return entries;
  }

  async exportReport(request: RequestOf<'reports.export'>): Promise<ResponseMap['reports.export']> {
    if (request.format === 'pdf') throw new UserError('PDF reports are printed by the app window or the web host, not the engine');
    const entries = await this.reportEntries();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (request.format === 'csv') return { fileName: `nexa-report-${stamp}.csv`, mimeType: 'text/csv', encoding: 'utf8', content: csvReport(entries) };
    const content = htmlReport(entries, reportContext(this.store, this.params));
    return { fileName: `nexa-report-${stamp}.html`, mimeType: 'text/html', encoding: 'utf8', content };
  }
}
