/**
 * Bulk ingestion with the app's own importers: every record of each file becomes a spectrum
 * of the collection (keyed by its accession or id, else file and line), in transactions of
 * one batch each that also record how far into the file they got, so a killed ingest
 * resumes after its last whole batch. Bad records are reported and skipped.
 */
import { basename } from 'node:path';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { formatProblem } from '../../electron/engine/import/import-types.js';
import type { AtlasStore, SpectrumInput, Tier } from './store/atlas-store.js';

export const INGEST_BATCH = 500;

export interface IngestOptions {
  collection: string;
  licence?: string;
  pushTiers?: Tier[];
  onProgress?: (p: { file: string; records: number; stored: number }) => void;
  onProblem?: (message: string) => void;
  signal?: AbortSignal;
}

export async function ingestFiles(store: AtlasStore, files: readonly string[], options: IngestOptions): Promise<{ stored: number; skipped: number; problems: number }> {
  await store.createCollection(options.collection, { ...(options.licence ? { licence: options.licence } : {}), ...(options.pushTiers ? { pushTiers: options.pushTiers } : {}) });
  let stored = 0;
  let skipped = 0;
  let problems = 0;
  for (const file of files) {
    const key = basename(file);
    const done = await store.ingestProgress(options.collection, key);
    let records = 0;
    let batch: SpectrumInput[] = [];
    for await (const item of importSpectra(file)) {
      records++;
      if (records <= done) {
        skipped++;
        continue;
      }
      if (item.kind === 'problem') {
        problems++;
        options.onProblem?.(formatProblem(item.problem));
      } else {
        const m = item.spectrum.metadata;
        batch.push({ externalId: m.accession ?? m.id ?? `${key}:${item.line}`, metadata: { ...m }, peaks: item.spectrum.peaks });
      }
      if (records % INGEST_BATCH === 0) {
        await store.ingestBatch(options.collection, key, records, batch);
        stored += batch.length;
        batch = [];
        options.onProgress?.({ file: key, records, stored });
        if (options.signal?.aborted) return { stored, skipped, problems };
      }
    }
    await store.ingestBatch(options.collection, key, records, batch);
    stored += batch.length;
    options.onProgress?.({ file: key, records, stored });
  }
  return { stored, skipped, problems };
}
