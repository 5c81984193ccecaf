/**
 * The one typed API between the UI and the engine, shared by the Electron preload
 * bridge, `nexa serve` and the renderer (the request/response channel map of GitHub
 * Desktop's ipc-shared.ts). Every channel names a zod schema for its request, checked
 * at each boundary; responses are typed here and produced only by the engine.
 * There is no generic channel: a name not in this map is refused.
 */
import { z } from 'zod';
import type { Hit, QueryResult, SearchParams } from '../search-params.js';
import { settingsSchema, type RecentFile, type Settings } from '../settings.js';
import type { Peak, SpectrumMetadata, SpectrumSource } from '../spectrum.js';

const tolerance = z.object({ value: z.number().positive().max(1e5), unit: z.enum(['ppm', 'da']) }).strict();

export const searchParamsSchema = z
  .object({
    mode: z.enum(['ei', 'msms', 'auto']),
    top: z.number().int().min(1).max(100),
    precursorTolerance: tolerance,
    fragmentTolerance: tolerance,
    rtTolerance: z.number().positive().optional(),
    riTolerance: z.number().positive().optional(),
    massHintTolerance: z.number().positive().max(100).optional(),
    ionMode: z.enum(['positive', 'negative']).optional(),
    instrumentTypes: z.array(z.string().max(100)).max(50).optional(),
    libraries: z.array(z.string().max(200)).max(200).optional(),
    mzPower: z.number().min(0).max(5),
    intensityPower: z.number().min(0).max(2),
    msmsSimilarity: z.enum(['entropy', 'weighted-cosine']),
    rank: z.enum(['probabilistic', 'similarity']),
    kMax: z.number().int().min(5).max(50),
    reviewThreshold: z.number().min(0).max(1),
  })
  .strict()
  .partial();

const empty = z.object({}).strict();
const unknownId = z.string().min(1).max(100);

export const requestSchemas = {
  'app.info': empty,
  'libraries.list': empty,
  'libraries.setEnabled': z.object({ name: z.string().min(1).max(200), enabled: z.boolean() }).strict(),
  'unknowns.import': z
    .object({ fileName: z.string().min(1).max(500), contentBase64: z.string().max(200 * 1024 * 1024) })
    .strict(),
  'unknowns.list': empty,
  'unknowns.get': z.object({ unknownId }).strict(),
  'unknowns.clear': empty,
  'decisions.record': z
    .object({ unknownId, action: z.enum(['accept', 'reject', 'flag', 'clear']), spectrumId: z.number().int().positive().optional() })
    .strict()
    .refine((r) => (r.action === 'accept' || r.action === 'reject') === (r.spectrumId !== undefined), {
      message: 'accept and reject name a candidate spectrumId; flag and clear do not',
    }),
  'settings.get': empty,
  'settings.update': settingsSchema.partial(),
  'files.recent': empty,
  'files.reopen': z.object({ fileId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
  'search.defaults': empty,
  'search.run': z.object({ unknownIds: z.array(unknownId).max(100000).optional(), params: searchParamsSchema }).strict(),
  'jobs.startImport': z
    .object({ fileName: z.string().min(1).max(500), contentBase64: z.string().max(200 * 1024 * 1024) })
    .strict(),
  'jobs.startLibraryImport': z
    .object({ fileName: z.string().min(1).max(500), contentBase64: z.string().max(280 * 1024 * 1024), library: z.string().min(1).max(200) })
    .strict(),
  'jobs.startInSilicoLibrary': z
    .object({ fileName: z.string().min(1).max(500), contentBase64: z.string().max(100 * 1024 * 1024), library: z.string().min(1).max(200) })
    .strict(),
  'jobs.startSearch': z.object({ unknownIds: z.array(unknownId).max(100000).optional(), params: searchParamsSchema }).strict(),
  'jobs.get': z.object({ jobId: z.string().min(1).max(50) }).strict(),
  'jobs.cancel': z.object({ jobId: z.string().min(1).max(50) }).strict(),
  'spectra.get': z.object({ spectrumId: z.number().int().positive() }).strict(),
  'prediction.spectrum': z.object({ smiles: z.string().trim().min(1).max(5000), name: z.string().max(500).optional() }).strict(),
  'chemistry.depict': z.object({ smiles: z.string().min(1).max(5000), width: z.number().int().min(50).max(2000).optional(), height: z.number().int().min(50).max(2000).optional() }).strict(),
  'reports.export': z.object({ format: z.enum(['html', 'csv', 'pdf']) }).strict(),
  'sync.status': empty,
  /** The API key travels once, to be kept encrypted by the desktop shell or in memory by the web host; it is never sent back. */
  'sync.setKey': z.object({ apiKey: z.string().max(500) }).strict(),
  'jobs.startSync': empty,
} as const;

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

/** Checks a request against its channel's schema; every boundary reports failures in these words. */
export function parseRequest<C extends Channel>(channel: C, body: unknown): { ok: true; request: RequestOf<C> } | { ok: false; error: string } {
  const parsed = requestSchemas[channel].safeParse(body ?? {});
  if (parsed.success) return { ok: true, request: parsed.data as RequestOf<C> };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return { ok: false, error: `bad request for ${channel}: ${issues}` };
}

export interface LibrarySummary {
  id: number;
  name: string;
  enabled: boolean;
  source: SpectrumSource;
  /** The prediction model of an in-silico library. */
  model?: string;
  spectra: number;
  compounds: number;
}

export interface ImportProblemView {
  file: string;
  line: number;
  record?: string;
  message: string;
}

export type DecisionAction = 'accept' | 'reject' | 'flag' | 'clear';

/** The chemist's current verdict on an unknown, derived from its decision log. */
export interface DecisionState {
  accepted?: { spectrumId: number; name?: string; inchikey?: string; library: string };
  rejected: number[];
  flagged: boolean;
  decidedBy: string;
  decidedAt: string;
}

export interface UnknownSummary {
  unknownId: string;
  file: string;
  recordId?: string;
  name?: string;
  precursorMz?: number;
  precursorType?: string;
  retentionTime?: number;
  retentionIndex?: number;
  ionMode?: string;
  msLevel?: number;
  peakCount: number;
  searchedAs?: 'ei' | 'msms';
  topHit?: { name?: string; score: number; probability?: number };
  /** From probabilistic ranking: "none of these" and the review flag. */
  ranking?: { pNone: number; flagged: boolean };
  decision?: DecisionState;
}

export interface SpectrumView {
  metadata: SpectrumMetadata;
  peaks: Peak[];
}

export interface ReferenceSpectrumView extends SpectrumView {
  spectrumId: number;
  library: string;
  source: SpectrumSource;
}

/** A long-running piece of work the UI shows with a progress bar and can cancel. */
export interface JobStatus {
  jobId: string;
  kind: 'import' | 'search' | 'library-import' | 'in-silico-library' | 'sync';
  state: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  /** Absent while the amount of work is not known (reading a file). */
  total?: number;
  message: string;
  error?: string;
  result?:
    | { added: UnknownSummary[]; problems: ImportProblemView[] }
    | { searched: number }
    | { library: string; imported: number; duplicates: number; problems: ImportProblemView[] }
    | SyncStatusView;
}

/** A report file; PDF content travels base64-encoded. */
export interface ExportedReport {
  fileName: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

export interface AppInfo {
  appVersion: string;
  rdkitVersion: string;
  sqliteVersion: string;
  libraryPath: string;
  libraries: { name: string; spectra: number }[];
  node: string;
  onnxRuntime: { version: string; available: string[]; inUse: string };
  /** The EI spectrum model and the provider it runs on, or why it cannot be used. */
  spectrumModel: { label: string; file: string; provider: string } | { error: string };
}

/** A spectrum predicted for a structure, for the predicted-versus-measured mirror plot. */
export interface PredictedSpectrumView extends SpectrumView {
  model: string;
  provider: string;
}

export interface ResponseMap {
  'app.info': AppInfo;
  'libraries.list': LibrarySummary[];
  'libraries.setEnabled': LibrarySummary[];
  'unknowns.import': { added: UnknownSummary[]; problems: ImportProblemView[] };
  'unknowns.list': UnknownSummary[];
  'unknowns.get': { unknown: UnknownSummary; spectrum: SpectrumView; result?: QueryResult; remote?: { hits: RemoteHitView[] } | { error: string } };
  'unknowns.clear': Record<string, never>;
  'decisions.record': UnknownSummary;
  'settings.get': Settings;
  'settings.update': Settings;
  'files.recent': RecentFile[];
  'files.reopen': JobStatus;
  'search.defaults': SearchParams;
  'search.run': { results: { unknownId: string; searchedAs: 'ei' | 'msms'; hits: Hit[] }[] };
  'jobs.startImport': JobStatus;
  'jobs.startLibraryImport': JobStatus;
  'jobs.startInSilicoLibrary': JobStatus;
  'jobs.startSearch': JobStatus;
  'jobs.get': JobStatus;
  'jobs.cancel': JobStatus;
  'spectra.get': ReferenceSpectrumView;
  'prediction.spectrum': PredictedSpectrumView;
  'chemistry.depict': { svg: string };
  'reports.export': ExportedReport;
  'sync.status': SyncStatusView;
  'sync.setKey': SyncStatusView;
  'jobs.startSync': JobStatus;
}

/** Atlas++ link as the UI shows it: server, subscriptions, whether a key is set (never the key), last sync, pending pushes, last error. */
export interface SyncStatusView {
  server: string;
  collections: string[];
  pushCollection: string;
  keySet: boolean;
  federated: boolean;
  lastSync?: string;
  lastResult?: string;
  pendingPushes: number;
  error?: string;
}

/** A hit from the Atlas++ server, shown apart from local hits and labelled by its collection. */
export interface RemoteHitView {
  collection: string;
  externalId: string;
  score: number;
  name?: string;
  inchikey?: string;
  smiles?: string;
  precursorMz?: number;
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** An error the engine reports to the caller as a message (bad input, missing record), not a crash. */
export interface ApiErrorBody {
  error: string;
  channel?: string;
}

/** The typed call every transport (preload bridge, HTTP client) implements. */
export type ApiCall = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;
