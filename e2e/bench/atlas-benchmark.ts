/**
 * Atlas++ at the scale of the whole MassBank MS/MS file: ingest throughput, search latency
 * p50/p99 with 8 concurrent clients, and sync throughput of a fresh workstation through
 * `nexa sync`. The store is PGlite in memory: with a data folder every transaction is
 * written through to disk, which made the full ingest take most of an hour on the
 * development machine (see BENCHMARKS.md); search and sync are the same code either way.
 * Run with `npm run bench -- atlas` (not part of the default run: the ingest takes long).
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spectrum } from '../../electron/common/spectrum.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { ingestFiles } from '../../atlas/src/ingest.js';
import { buildAtlasServer } from '../../atlas/src/server/atlas-server.js';
import { AtlasStore } from '../../atlas/src/store/atlas-store.js';
import { openDatabase } from '../../atlas/src/store/database.js';
import { MSMS_FILE, NEXA_BIN, REPO_ROOT } from '../../test-support/shared-data.js';

const CLIENTS = 8;
const QUERIES_PER_CLIENT = 250;


function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function atlasBenchmark(outDir: string, log: (text: string) => void): Promise<Record<string, unknown>> {
  const store = new AtlasStore(await openDatabase(undefined));
  const ingestStarted = Date.now();
  let lastLog = 0;
  const ingest = await ingestFiles(store, [MSMS_FILE], {
    collection: 'massbank-msms',
    onProgress: (p) => {
      if (Date.now() - lastLog > 30_000) {
        lastLog = Date.now();
        log(`atlas ingest: ${p.records} records read, ${p.stored} stored`);
      }
    },
  });
  const ingestSeconds = (Date.now() - ingestStarted) / 1000;
  const spectra = (await store.collection('massbank-msms'))!.spectra;
  log(`atlas ingest: ${ingest.stored} stored this run (${ingest.skipped} already there) in ${ingestSeconds.toFixed(0)} s; collection holds ${spectra}`);

  const key = await store.createKey('benchmark', 'commercial');
  const app = await buildAtlasServer(store);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const queries: Spectrum[] = [];
  let index = 0;
  for await (const item of importSpectra(MSMS_FILE)) {
    if (item.kind === 'spectrum' && index++ % 37 === 0) queries.push(item.spectrum);
    if (queries.length >= CLIENTS * QUERIES_PER_CLIENT) break;
  }
  // Warm-up, then the clients run in their own process (see atlas-search-clients.ts).
  const bodies = queries.map((q) => ({ spectrum: { peaks: q.peaks.map((p) => [p.mz, p.intensity]) }, top_k: 10, filters: q.metadata.ionMode ? { ion_mode: q.metadata.ionMode } : {} }));
  for (const body of bodies.slice(0, 50)) await (await fetch(`${url}/search`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  const queriesFile = join(outDir, 'atlas-queries.json');
  writeFileSync(queriesFile, JSON.stringify(bodies));
  const searchStarted = performance.now();
  const latencies = await new Promise<number[]>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'electron', 'bin', 'run-ts.js'), join(REPO_ROOT, 'e2e', 'bench', 'atlas-search-clients.ts'), url, key, queriesFile, String(CLIENTS)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`search clients exited ${code}`))));
  });
  const searchSeconds = (performance.now() - searchStarted) / 1000;
  const search = { clients: CLIENTS, requests: latencies.length, p50_ms: +percentile(latencies, 50).toFixed(1), p99_ms: +percentile(latencies, 99).toFixed(1), requests_per_second: Math.round(latencies.length / searchSeconds) };
  log(`atlas search, ${CLIENTS} clients: p50 ${search.p50_ms} ms, p99 ${search.p99_ms} ms over ${latencies.length} requests`);

  const db = join(outDir, 'atlas-sync.sqlite');
  rmSync(db, { force: true });
  const syncStarted = Date.now();
  const status = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [NEXA_BIN, 'sync', '--library', db, '--server', url, '--collection', 'massbank-msms', '--batch-size', '2000'], { cwd: REPO_ROOT, env: { ...process.env, NEXA_ATLAS_KEY: key }, stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? -1));
  });
  const syncSeconds = (Date.now() - syncStarted) / 1000;
  if (status !== 0) throw new Error(`nexa sync exited ${status}`);
  const sync = { spectra, seconds: +syncSeconds.toFixed(1), spectra_per_second: Math.round(spectra / syncSeconds) };
  log(`atlas sync of a fresh workstation: ${spectra} spectra in ${syncSeconds.toFixed(1)} s`);
  await app.close();
  await store.db.close();
  return { collection_spectra: spectra, ingest: { stored_this_run: ingest.stored, seconds_this_run: +ingestSeconds.toFixed(0) }, search, sync };
}
