/**
 * `nexa identify FILE --library DB [--top N] [--mode ei|msms|auto] [--precursor-tol 10ppm]
 * [--rt-tol SECONDS] [--ri-tol UNITS] [--ion-mode positive|negative] [--similarity entropy|weighted-cosine]
 * [--rank probabilistic|similarity] [--k-max 50] [--review-threshold 0.5]
 * --out OUT.jsonl|.csv|.html`: searches and ranks every spectrum of FILE in batches,
 * streaming results (memory stays bounded however long the file).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEARCH_PARAMS, parseTolerance, type SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { importSpectra } from '../../engine/import/import-spectra.js';
import { formatProblem, type ImportProblem } from '../../engine/import/import-types.js';
import { LibraryStore } from '../../engine/library/library-store.js';
import { CSV_HEADER, csvRows } from '../../engine/reports/csv-report.js';
import { htmlReport } from '../../engine/reports/html-report.js';
import { attachTopHitFigures, reportContext } from '../../engine/reports/report-from-library.js';
import { jsonlLine, type ReportEntry } from '../../engine/reports/report-entry.js';
import { Identifier } from '../../engine/ranking/identifier.js';
import { SpectralSearch } from '../../engine/search/spectral-search.js';
import { EXIT_OK, EXIT_REJECTED, parsePositiveNumber, Progress, requireExistingFile, requireOption, UsageError } from '../cli-support.js';

export const IDENTIFY_USAGE = `nexa identify FILE --library DB --out OUT.(jsonl|csv|html) [--top N] [--mode ei|msms|auto]
    [--precursor-tol 10ppm|0.01da] [--fragment-tol 0.01da|10ppm] [--rt-tol SECONDS] [--ri-tol UNITS]
    [--ion-mode positive|negative] [--instrument-type TYPE[,TYPE...]] [--library-name NAME[,NAME...]]
    [--similarity entropy|weighted-cosine] [--mz-power 1] [--intensity-power 0.5]
    [--rank probabilistic|similarity] [--k-max 50] [--review-threshold 0.5] [--mass-hint-tol DA]`;

/** Unknowns read, then searched and ranked together. */
const BATCH = 64;

function searchParams(values: Record<string, string | undefined>): SearchParams {
  const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS };
  if (values.top !== undefined) {
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError(`--top needs an integer 1-100, got "${values.top}"`);
    params.top = top;
  }
  if (values.mode !== undefined) {
    if (!['ei', 'msms', 'auto'].includes(values.mode)) throw new UsageError(`--mode must be ei, msms or auto, got "${values.mode}"`);
    params.mode = values.mode as SearchParams['mode'];
  }
  for (const [flag, key] of [['precursor-tol', 'precursorTolerance'], ['fragment-tol', 'fragmentTolerance']] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const tolerance = parseTolerance(text);
    if (!tolerance) throw new UsageError(`--${flag} needs a value such as 10ppm or 0.01da, got "${text}"`);
    params[key] = tolerance;
  }
  const rt = parsePositiveNumber(values['rt-tol'], '--rt-tol');
  if (rt !== undefined) params.rtTolerance = rt;
  const ri = parsePositiveNumber(values['ri-tol'], '--ri-tol');
  if (ri !== undefined) params.riTolerance = ri;
  const massHint = parsePositiveNumber(values['mass-hint-tol'], '--mass-hint-tol');
  if (massHint !== undefined) params.massHintTolerance = massHint;
  if (values['ion-mode'] !== undefined) {
    if (values['ion-mode'] !== 'positive' && values['ion-mode'] !== 'negative') throw new UsageError('--ion-mode must be positive or negative');
    params.ionMode = values['ion-mode'];
  }
  const list = (text: string | undefined): string[] | undefined => text?.split(',').map((t) => t.trim()).filter(Boolean);
  const instrumentTypes = list(values['instrument-type']);
  if (instrumentTypes) params.instrumentTypes = instrumentTypes;
  const libraries = list(values['library-name']);
  if (libraries) params.libraries = libraries;
  if (values.similarity !== undefined) {
    if (values.similarity !== 'entropy' && values.similarity !== 'weighted-cosine') throw new UsageError('--similarity must be entropy or weighted-cosine');
    params.msmsSimilarity = values.similarity;
  }
  const mzPower = values['mz-power'] === undefined ? undefined : Number(values['mz-power']);
  if (mzPower !== undefined) {
    if (!Number.isFinite(mzPower) || mzPower < 0) throw new UsageError('--mz-power needs a number >= 0');
    params.mzPower = mzPower;
  }
  const intensityPower = values['intensity-power'] === undefined ? undefined : Number(values['intensity-power']);
  if (intensityPower !== undefined) {
    if (!Number.isFinite(intensityPower) || intensityPower <= 0) throw new UsageError('--intensity-power needs a number > 0');
    params.intensityPower = intensityPower;
  }
  if (values.rank !== undefined) {
    if (values.rank !== 'probabilistic' && values.rank !== 'similarity') throw new UsageError('--rank must be probabilistic or similarity');
    params.rank = values.rank;
  }
  if (values['k-max'] !== undefined) {
    const kMax = Number(values['k-max']);
    if (!Number.isInteger(kMax) || kMax < 5 || kMax > 50) throw new UsageError(`--k-max needs an integer 5-50, got "${values['k-max']}"`);
    params.kMax = kMax;
  }
  if (values['review-threshold'] !== undefined) {
    const threshold = Number(values['review-threshold']);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError(`--review-threshold needs a number 0-1, got "${values['review-threshold']}"`);
    params.reviewThreshold = threshold;
  }
  return params;
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

export async function identifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      library: { type: 'string' }, out: { type: 'string' }, top: { type: 'string' }, mode: { type: 'string' },
      'precursor-tol': { type: 'string' }, 'fragment-tol': { type: 'string' }, 'rt-tol': { type: 'string' }, 'ri-tol': { type: 'string' },
      'ion-mode': { type: 'string' }, 'instrument-type': { type: 'string' }, 'library-name': { type: 'string' }, similarity: { type: 'string' }, 'mz-power': { type: 'string' }, 'intensity-power': { type: 'string' },
      rank: { type: 'string' }, 'k-max': { type: 'string' }, 'review-threshold': { type: 'string' }, 'mass-hint-tol': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('identify takes exactly one input FILE');
  const input = requireExistingFile(positionals[0]!, 'input file');
  const dbPath = requireExistingFile(requireOption(values.library, '--library DB'), 'library file');
  const out = requireOption(values.out, '--out OUT');
  const format = /\.jsonl$/i.test(out) ? 'jsonl' : /\.csv$/i.test(out) ? 'csv' : /\.html?$/i.test(out) ? 'html' : undefined;
  if (!format) throw new UsageError('--out must end in .jsonl, .csv or .html');
  const params = searchParams(values);

  const store = LibraryStore.open(dbPath);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  const stream = createWriteStream(out);
  try {
    const search = new SpectralSearch(store, params);
    const indexProgress = new Progress('index');
    search.prepare((p) => indexProgress.update(`building ${p.done}/${p.total}`));
    if (format === 'csv') stream.write(CSV_HEADER.join(',') + '\r\n');
    const problems: ImportProblem[] = [];
    const htmlEntries: ReportEntry[] = [];
    const progress = new Progress('identify');
    const identifier = new Identifier(search);
    let queries = 0;
    let flagged = 0;
    let batch: Spectrum[] = [];
    const flush = async (): Promise<void> => {
      const results = await identifier.identify(batch, params);
      for (const [i, result] of results.entries()) {
        const entry: ReportEntry = { file: basename(input), query: batch[i]!, searchedAs: result.searchedAs, hits: result.hits, ...(result.ranking ? { ranking: result.ranking } : {}) };
        if (result.ranking?.flagged) flagged++;
        const text = format === 'jsonl' ? jsonlLine(entry) + '\n' : format === 'csv' ? csvRows(entry).join('\r\n') + '\r\n' : undefined;
        if (text !== undefined) {
          if (!stream.write(text)) await once(stream, 'drain');
        } else {
          await attachTopHitFigures(entry, store);
          htmlEntries.push(entry);
        }
      }
      queries += batch.length;
      batch = [];
      progress.update(`${queries} spectra searched${params.rank === 'probabilistic' ? `, ${flagged} flagged for review` : ''}`);
    };
    for await (const item of importSpectra(input)) {
      if (controller.signal.aborted) break;
      if (item.kind === 'problem') {
        problems.push(item.problem);
        continue;
      }
      batch.push(item.spectrum);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0 && !controller.signal.aborted) await flush();
    if (format === 'html') {
      stream.write(htmlReport(htmlEntries, reportContext(store, params)));
    }
    progress.done(`${queries} spectra searched${params.rank === 'probabilistic' ? ` and ranked (${flagged} flagged for review)` : ''}, ${problems.length} rejected${controller.signal.aborted ? ' (cancelled)' : ''}; results in ${out}`);
    for (const problem of problems) process.stderr.write(`rejected: ${formatProblem(problem)}\n`);
    return problems.length > 0 ? EXIT_REJECTED : EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    await endStream(stream);
    store.close();
  }
}
