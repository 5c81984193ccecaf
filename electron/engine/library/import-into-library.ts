/**
 * Streams spectrum files into a named library: parse, complete the structure fields,
 * write in batches of one transaction each, report progress, stop cleanly when
 * cancelled. Rejected records are collected as problems; good records always land.
 */
import { basename } from 'node:path';
import type { SpectrumSource } from '../../common/spectrum.js';
import { completeStructure } from '../chemistry/complete-structure.js';
import { importSpectra } from '../import/import-spectra.js';
import type { ImportProblem } from '../import/import-types.js';
import type { LibraryStore, SpectrumToStore } from './library-store.js';

export const IMPORT_BATCH_SIZE = 1000;

export interface ImportProgress {
  file: string;
  records: number;
  imported: number;
  rejected: number;
}

export interface ImportSummary {
  library: string;
  files: string[];
  imported: number;
  duplicates: number;
  problems: ImportProblem[];
  cancelled: boolean;
}

export interface ImportOptions {
  library: string;
  /** By default a new library is 'predicted' when its first spectrum names a prediction model, else 'measured'. */
  source?: SpectrumSource;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export async function importIntoLibrary(store: LibraryStore, files: readonly string[], options: ImportOptions): Promise<ImportSummary> {
  let libraryId: number | undefined;
  const library = (first: SpectrumToStore): number => {
    const model = first.metadata.predictionModel;
    libraryId ??= store.ensureLibrary(options.library, options.source ?? (model ? 'predicted' : 'measured'), model);
    return libraryId;
  };
  const summary: ImportSummary = { library: options.library, files: [...files], imported: 0, duplicates: 0, problems: [], cancelled: false };
  for (const file of files) {
    let batch: SpectrumToStore[] = [];
    let records = 0;
    const flush = (): void => {
      if (batch.length === 0) return;
      const { inserted, duplicates } = store.insertBatch(library(batch[0]!), batch, basename(file));
      summary.imported += inserted;
      summary.duplicates += duplicates;
      batch = [];
    };
    try {
      for await (const item of importSpectra(file)) {
        records++;
        if (item.kind === 'problem') {
          summary.problems.push(item.problem);
        } else {
          await completeStructure(item.spectrum.metadata);
          batch.push(item.spectrum);
          if (batch.length >= IMPORT_BATCH_SIZE) flush();
        }
        if (records % 500 === 0) {
          options.onProgress?.({ file, records, imported: summary.imported + batch.length, rejected: summary.problems.length });
          if (options.signal?.aborted) break;
        }
      }
    } catch (err) {
      summary.problems.push({ file, line: 0, message: err instanceof Error ? err.message : String(err) });
    }
    if (options.signal?.aborted) {
      // Records of the open batch are dropped whole; a rerun skips what landed and picks up the rest.
      summary.cancelled = true;
      break;
    }
    flush();
    options.onProgress?.({ file, records, imported: summary.imported, rejected: summary.problems.length });
  }
  return summary;
}
