/**
 * In-silico libraries: a structure list predicted into a library whose spectra are
 * marked `predicted` with the model's name and version. Written in transactions of one
 * model batch each, with progress and cancellation like any library import; a spectrum
 * is keyed by the list's id column or else its InChIKey, so a rerun skips what landed.
 */
import { basename } from 'node:path';
import type { ImportProblem } from '../import/import-types.js';
import type { ImportSummary } from '../library/import-into-library.js';
import type { LibraryStore, SpectrumToStore } from '../library/library-store.js';
import { MAX_BATCH, type SpectrumModel } from './spectrum-model.js';
import { predictSpectra } from './predict-spectra.js';
import { readStructureList } from './structure-list.js';

export interface InSilicoOptions {
  library: string;
  /** Names to report problems under, one per file (uploads arrive as temp files). */
  displayNames?: string[];
  signal?: AbortSignal;
  onProgress?: (p: { file: string; structures: number; predicted: number; rejected: number }) => void;
}

export async function buildInSilicoLibrary(store: LibraryStore, model: SpectrumModel, files: readonly string[], options: InSilicoOptions): Promise<ImportSummary> {
  const libraryId = store.ensureLibrary(options.library, 'predicted', model.label);
  const summary: ImportSummary = { library: options.library, files: [...files], imported: 0, duplicates: 0, problems: [], cancelled: false };
  for (const [index, path] of files.entries()) {
    const file = options.displayNames?.[index] ?? path;
    let batch: SpectrumToStore[] = [];
    let structures = 0;
    const flush = (): void => {
      if (batch.length === 0) return;
      const { inserted, duplicates } = store.insertBatch(libraryId, batch, basename(file));
      summary.imported += inserted;
      summary.duplicates += duplicates;
      batch = [];
    };
    try {
      for await (const item of predictSpectra(model, readStructureList(path, file))) {
        structures++;
        if (item.kind === 'problem') summary.problems.push({ ...item.problem, file });
        else {
          const { metadata } = item.spectrum;
          batch.push({ ...item.spectrum, metadata: { ...metadata, id: metadata.id ?? metadata.inchikey ?? `${basename(file)}:${item.line}` } });
          if (batch.length >= MAX_BATCH) flush();
        }
        if (structures % 100 === 0) {
          options.onProgress?.({ file, structures, predicted: summary.imported + batch.length, rejected: summary.problems.length });
          if (options.signal?.aborted) break;
        }
      }
    } catch (err) {
      summary.problems.push({ file, line: 0, message: err instanceof Error ? err.message.replace(path, file) : String(err) } satisfies ImportProblem);
    }
    if (options.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    flush();
    options.onProgress?.({ file, structures, predicted: summary.imported, rejected: summary.problems.length });
  }
  return summary;
}
