/**
 * `npm run bench`: import throughput of both MassBank files through the real CLI, search
 * latency per query, replicate recall (EI and MS/MS), on the data in ../shared, and the
 * cost of EI spectrum prediction (prediction-benchmark.ts) and batch identification of
 * 10,000 unknowns (batch-identify-benchmark.ts). `npm run bench -- prediction` or
 * `npm run bench -- batch` runs one of the last two alone; `npm run bench -- atlas` runs
 * the Atlas++ benchmark (atlas-benchmark.ts), which is not part of the default run.
 * Prints a Markdown summary and writes .bench/results.json. Figures go to BENCHMARKS.md.
 *
 * Replicate recall: for every compound (first InChIKey block) with two or more spectra,
 * one spectrum goes into the library together with every single-spectrum compound; the
 * others are queries. A query counts as found at k when a hit of its compound is in the
 * top k. MS/MS is done within one ion mode at a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../../electron/common/search-params.js';
import type { Spectrum } from '../../electron/common/spectrum.js';
import { completeStructure } from '../../electron/engine/chemistry/complete-structure.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { LibraryStore } from '../../electron/engine/library/library-store.js';
import { DEFAULT_EI_WEIGHTS, NIST_WEIGHTS } from '../../electron/engine/search/similarity/nist-match-factor.js';
import { SpectralSearch } from '../../electron/engine/search/spectral-search.js';
import { EI_FILE, MSMS_FILE, NEXA_BIN, REPO_ROOT } from '../../test-support/shared-data.js';
import { atlasBenchmark } from './atlas-benchmark.js';
import { batchIdentifyBenchmark } from './batch-identify-benchmark.js';
import { predictionBenchmark } from './prediction-benchmark.js';

const OUT = join(REPO_ROOT, '.bench');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
};
let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const only = process.argv.slice(2).filter((a) => a === 'prediction' || a === 'batch' || a === 'atlas');
if (only.length > 0) {
  if (only.includes('atlas')) results.atlas = await atlasBenchmark(OUT, log);
  if (only.includes('prediction')) results.prediction = await predictionBenchmark(log);
  if (only.includes('batch')) results.batch_identify = await batchIdentifyBenchmark(OUT, log);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  process.exit(0);
}

// 1. Import throughput through the CLI, index build included.
for (const [label, file] of [['ei', EI_FILE], ['msms', MSMS_FILE]] as const) {
  const db = join(OUT, `${label}.sqlite`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [NEXA_BIN, 'library', 'import', file, '--library', db, '--name', label], { cwd: REPO_ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`import of ${file} failed: ${run.stderr}`);
  const store = LibraryStore.open(db);
  const spectra = store.countSpectra();
  store.close();
  results[`import_${label}`] = { seconds: +seconds.toFixed(1), spectra, spectra_per_second: Math.round(spectra / seconds) };
  log(`import ${label}: ${spectra} spectra in ${seconds.toFixed(1)} s`);
}

// 2. Search latency per query against the whole EI and MS/MS libraries.
async function loadAll(file: string): Promise<Spectrum[]> {
  const out: Spectrum[] = [];
  for await (const item of importSpectra(file)) if (item.kind === 'spectrum') out.push(item.spectrum);
  return out;
}
const eiSpectra = await loadAll(EI_FILE);
const msmsSpectra = await loadAll(MSMS_FILE);
sampleRss();
for (const [label, spectra] of [['ei', eiSpectra], ['msms', msmsSpectra]] as const) {
  const store = LibraryStore.open(join(OUT, `${label}.sqlite`));
  const search = new SpectralSearch(store);
  search.prepare();
  const queries = spectra.filter((_, i) => i % Math.max(1, Math.floor(spectra.length / 2000)) === 0);
  for (const q of queries.slice(0, 50)) search.search(q, DEFAULT_SEARCH_PARAMS);
  const times: number[] = [];
  for (const q of queries) {
    const t = process.hrtime.bigint();
    search.search(q, DEFAULT_SEARCH_PARAMS);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  sampleRss();
  results[`search_latency_${label}`] = { queries: times.length, p50_ms: +percentile(times, 50).toFixed(2), p99_ms: +percentile(times, 99).toFixed(2), mean_ms: +(times.reduce((s, x) => s + x, 0) / times.length).toFixed(2) };
  log(`search ${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms over ${times.length} queries`);
  store.close();
}

// 3. Replicate recall.
const block = (s: Spectrum): string | undefined => s.metadata.inchikey?.slice(0, 14);

function replicateSplit(spectra: Spectrum[]): { library: Spectrum[]; queries: Spectrum[] } {
  const groups = new Map<string, Spectrum[]>();
  for (const s of spectra) {
    const key = block(s);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const library: Spectrum[] = [];
  const queries: Spectrum[] = [];
  for (const group of groups.values()) {
    library.push(group[0]!);
    queries.push(...group.slice(1));
  }
  return { library, queries };
}

async function buildLibrary(name: string, spectra: Spectrum[]): Promise<LibraryStore> {
  const path = join(OUT, `${name}.sqlite`);
  rmSync(path, { force: true });
  const store = LibraryStore.open(path);
  const id = store.ensureLibrary(name);
  for (let i = 0; i < spectra.length; i += 1000) {
    const batch = spectra.slice(i, i + 1000);
    for (const s of batch) await completeStructure(s.metadata);
    store.insertBatch(id, batch, name);
  }
  return store;
}

function recall(search: SpectralSearch, queries: Spectrum[], params: SearchParams): { at1: number; at10: number; queries: number } {
  let at1 = 0;
  let at10 = 0;
  for (const q of queries) {
    const hits = search.search(q, { ...params, top: 10 }).hits.map((h) => h.inchikey?.slice(0, 14));
    if (hits[0] === block(q)) at1++;
    if (hits.includes(block(q))) at10++;
  }
  return { at1: +(at1 / queries.length).toFixed(4), at10: +(at10 / queries.length).toFixed(4), queries: queries.length };
}

const ei = replicateSplit(eiSpectra);
const eiStore = await buildLibrary('replicates-ei', ei.library);
const weightings = [
  { label: 'NIST default: intensity^0.6 * mz^3', ...NIST_WEIGHTS },
  { label: 'intensity^0.5 * mz^1 (the app default)', ...DEFAULT_EI_WEIGHTS },
  { label: 'intensity^0.53 * mz^1.3 (Kim et al. 2012)', mzPower: 1.3, intensityPower: 0.53 },
  { label: 'plain cosine: intensity^1', mzPower: 0, intensityPower: 1 },
];
const eiRecall: Record<string, unknown>[] = [];
for (const w of weightings) {
  const search = new SpectralSearch(eiStore, w);
  search.prepare();
  const r = recall(search, ei.queries, { ...DEFAULT_SEARCH_PARAMS, mode: 'ei', mzPower: w.mzPower, intensityPower: w.intensityPower });
  eiRecall.push({ weighting: w.label, ...r, library: ei.library.length });
  log(`EI replicate recall (${w.label}): @1 ${r.at1}, @10 ${r.at10} over ${r.queries} queries, library ${ei.library.length}`);
  sampleRss();
}
results.replicate_recall_ei = eiRecall;
eiStore.close();

const msmsRecall: Record<string, unknown>[] = [];
for (const mode of ['positive', 'negative'] as const) {
  const split = replicateSplit(msmsSpectra.filter((s) => s.metadata.ionMode === mode && s.metadata.precursorMz !== undefined));
  const store = await buildLibrary(`replicates-msms-${mode}`, split.library);
  const search = new SpectralSearch(store);
  // Every 10th query keeps the run inside a few minutes; the sample is fixed (index order).
  const queries = split.queries.filter((_, i) => i % 10 === 0);
  for (const similarity of ['entropy', 'weighted-cosine'] as const) {
    const r = recall(search, queries, { ...DEFAULT_SEARCH_PARAMS, mode: 'msms', msmsSimilarity: similarity });
    msmsRecall.push({ ion_mode: mode, similarity, ...r, library: split.library.length, all_queries: split.queries.length });
    log(`MS/MS ${mode} replicate recall (${similarity}): @1 ${r.at1}, @10 ${r.at10} over ${r.queries} of ${split.queries.length} queries, library ${split.library.length}`);
  }
  sampleRss();
  store.close();
}
results.replicate_recall_msms = msmsRecall;
results.peak_rss_mib = Math.round(peakRss / 2 ** 20);
results.prediction = await predictionBenchmark(log);
results.batch_identify = await batchIdentifyBenchmark(OUT, log);

writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
