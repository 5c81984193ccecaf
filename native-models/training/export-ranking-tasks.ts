/**
 * Stage R0 of the ranking pipeline: simulated identification tasks, written with the app's
 * own search, candidate grouping, features and predicted-spectrum similarity, so the
 * ranking model trains on exactly what it will see.
 *
 * Every EI record and every 12th MS/MS record (with an InChIKey) becomes a query. Half of
 * the queries (chosen by a hash of the accession) are searched against a library that
 * still holds the other spectra of their compound ("present"), half against one from which
 * the compound was removed ("absent": the right answer is "none of these"). The query's
 * own record is always removed. Decoys are whatever the search returns: compounds of the
 * same nominal or exact mass come in through the EI vectors and the MS/MS precursor window.
 * Split by InChIKey first block: the EI blocks follow data/split.json (the spectrum model's
 * split, so test compounds are unseen by both models); other blocks by a hash.
 *
 * Usage: node electron/bin/run-ts.js native-models/training/export-ranking-tasks.ts --out native-models/training/data
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../../electron/common/search-params.js';
import type { Spectrum, SpectrumMetadata } from '../../electron/common/spectrum.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { importIntoLibrary } from '../../electron/engine/library/import-into-library.js';
import { LibraryStore } from '../../electron/engine/library/library-store.js';
import { SpectrumModel } from '../../electron/engine/prediction/spectrum-model.js';
import { candidateFeatures, FEATURE_COUNT, groupCandidates, type QueryContext } from '../../electron/engine/ranking/candidate-features.js';
import { PredictedSimilarity } from '../../electron/engine/ranking/predicted-similarity.js';
import { searchForRanking } from '../../electron/engine/ranking/identifier.js';
import { SpectralSearch } from '../../electron/engine/search/spectral-search.js';
import { EI_FILE, MSMS_FILE } from '../../test-support/shared-data.js';

const K = 50;
const MSMS_EVERY = 12;

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) throw new Error('usage: export-ranking-tasks.ts --out DIR');
const outDir = values.out;
const split = JSON.parse(readFileSync(join(outDir, 'split.json'), 'utf8')) as { train: string[]; validation: string[]; test: string[] };
const partOf = new Map<string, string>([...split.train.map((b) => [b, 'train'] as const), ...split.validation.map((b) => [b, 'validation'] as const), ...split.test.map((b) => [b, 'test'] as const)]);
const hashFraction = (text: string): number => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
const part = (block: string): string => {
  const known = partOf.get(block);
  if (known) return known;
  const h = hashFraction(`split:${block}`);
  return h < 0.8 ? 'train' : h < 0.9 ? 'validation' : 'test';
};

const dbPath = join(outDir, 'ranking-library.sqlite');
const store = LibraryStore.open(dbPath);
if (store.countSpectra() === 0) {
  for (const [name, file] of [['massbank-ei', EI_FILE], ['massbank-msms', MSMS_FILE]] as const) {
    process.stderr.write(`importing ${name}...\n`);
    await importIntoLibrary(store, [file], { library: name });
  }
}
const search = new SpectralSearch(store);
search.prepare();
const predicted = new PredictedSimilarity(await SpectrumModel.load());
const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS };

function asUnknown(metadata: SpectrumMetadata): SpectrumMetadata {
  const keep: SpectrumMetadata = {};
  for (const key of ['precursorMz', 'ionMode', 'msLevel', 'retentionTime', 'retentionIndex'] as const) {
    if (metadata[key] !== undefined) (keep as Record<string, unknown>)[key] = metadata[key];
  }
  return keep;
}

const gzip = createGzip();
const done = new Promise<void>((resolve, reject) => gzip.pipe(createWriteStream(join(outDir, 'ranking-tasks.jsonl.gz'))).on('finish', resolve).on('error', reject));
const counts = new Map<string, number>();
let seen = 0;
const started = Date.now();
for (const [mode, file] of [['ei', EI_FILE], ['msms', MSMS_FILE]] as const) {
  let index = 0;
  for await (const item of importSpectra(file)) {
    if (item.kind !== 'spectrum') continue;
    const { metadata, peaks } = item.spectrum;
    if (mode === 'msms' && index++ % MSMS_EVERY !== 0) continue;
    if (!metadata.inchikey || !metadata.accession) continue;
    const block = metadata.inchikey.slice(0, 14);
    const condition = hashFraction(`condition:${metadata.accession}`) < 0.5 ? 'absent' : 'present';
    const query: Spectrum = { metadata: asUnknown(metadata), peaks };
    const result = searchForRanking(search, query, params);
    if (result.searchedAs !== mode) continue;
    const hits = result.hits.filter((h) => h.recordId !== metadata.accession && !(condition === 'absent' && h.inchikey?.startsWith(block)));
    const candidates = groupCandidates(hits).slice(0, K);
    if (mode === 'ei') {
      await predicted.predictMissing([candidates]);
      predicted.fill(peaks, candidates);
    }
    const context: QueryContext = {
      searchedAs: result.searchedAs,
      peakCount: peaks.length,
      precursorTolerancePpm: params.precursorTolerance.value,
      ...(query.metadata.precursorMz !== undefined ? { precursorMz: query.metadata.precursorMz } : {}),
      ...(query.metadata.ionMode ? { ionMode: query.metadata.ionMode } : {}),
      ...(query.metadata.retentionTime !== undefined ? { retentionTime: query.metadata.retentionTime } : {}),
      ...(query.metadata.retentionIndex !== undefined ? { retentionIndex: query.metadata.retentionIndex } : {}),
    };
    const { features } = candidateFeatures(candidates, candidates.length, context);
    const label = candidates.findIndex((c) => c.key === block);
    const taskPart = part(block);
    gzip.write(`${JSON.stringify({ part: taskPart, mode, condition, block, accession: metadata.accession, label, n: candidates.length, features: Array.from(features, (x) => Math.round(x * 1e5) / 1e5) })}\n`);
    const key = `${taskPart}/${mode}/${condition}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (++seen % 500 === 0) process.stderr.write(`${seen} tasks, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}
gzip.end();
await done;
store.close();
process.stderr.write(`${seen} tasks (${FEATURE_COUNT} features per candidate, up to ${K} candidates) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
for (const [key, n] of [...counts].sort()) process.stderr.write(`  ${key}: ${n}\n`);
if (!existsSync(join(outDir, 'ranking-tasks.jsonl.gz'))) process.exitCode = 1;
