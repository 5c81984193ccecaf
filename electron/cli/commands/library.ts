/**
 * `nexa library import FILE... --library DB [--name NAME]`, `nexa library import-structures
 * FILE... --library DB [--name NAME]` (an in-silico library: structures predicted by the EI
 * model) and `nexa library list --library DB`.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { libraryNameFromFile } from '../../common/library-name.js';
import { formatProblem } from '../../engine/import/import-types.js';
import { importIntoLibrary } from '../../engine/library/import-into-library.js';
import { LibraryStore } from '../../engine/library/library-store.js';
import { buildInSilicoLibrary } from '../../engine/prediction/in-silico-library.js';
import { SpectrumModel } from '../../engine/prediction/spectrum-model.js';
import { SpectralSearch } from '../../engine/search/spectral-search.js';
import { EXIT_OK, EXIT_REJECTED, Progress, requireExistingFile, requireOption, UsageError } from '../cli-support.js';

export const LIBRARY_USAGE = `nexa library import FILE... --library DB [--name NAME]
nexa library import-structures structures.csv|.sdf... --library DB [--name NAME]
nexa library list --library DB`;

export async function libraryCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { library: { type: 'string' }, name: { type: 'string' } },
  });
  const dbPath = requireOption(values.library, '--library DB');
  if (sub === 'list') {
    const store = LibraryStore.open(requireExistingFile(dbPath, 'library file'));
    try {
      for (const l of store.listLibraries()) {
        process.stdout.write(`${l.name}\t${l.enabled ? 'enabled' : 'disabled'}\t${l.source}${l.model ? ` (${l.model})` : ''}\t${l.spectra} spectra\t${l.compounds} compounds\n`);
      }
    } finally {
      store.close();
    }
    return EXIT_OK;
  }
  if (sub !== 'import' && sub !== 'import-structures') throw new UsageError(`unknown library command "${sub ?? ''}"`);
  if (positionals.length === 0) throw new UsageError('library import needs at least one FILE');
  positionals.forEach((f) => requireExistingFile(f, 'input file'));
  const name = values.name ?? libraryNameFromFile(positionals[0]!);
  const model = sub === 'import-structures' ? await SpectrumModel.load() : undefined;

  const store = LibraryStore.open(dbPath);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const progress = new Progress('import');
    const started = Date.now();
    const summary = model
      ? await buildInSilicoLibrary(store, model, positionals, {
          library: name,
          signal: controller.signal,
          onProgress: (p) => progress.update(`${basename(p.file)}: ${p.structures} structures read, ${p.predicted} predicted, ${p.rejected} rejected`),
        })
      : await importIntoLibrary(store, positionals, {
          library: name,
          signal: controller.signal,
          onProgress: (p) => progress.update(`${basename(p.file)}: ${p.records} records read, ${p.imported} imported, ${p.rejected} rejected`),
        });
    const indexProgress = new Progress('index');
    new SpectralSearch(store).prepare((p) => indexProgress.update(`${p.done}/${p.total} EI spectra`));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    progress.done(
      `${summary.imported} spectra imported into "${name}", ${summary.duplicates} already present, ${summary.problems.length} rejected, ${seconds} s${summary.cancelled ? ' (cancelled: every committed batch is kept; run again to continue)' : ''}`,
    );
    for (const problem of summary.problems) process.stderr.write(`rejected: ${formatProblem(problem)}\n`);
    return summary.problems.length > 0 ? EXIT_REJECTED : EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    store.close();
  }
}
