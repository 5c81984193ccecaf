/**
 * The parts of a report that come from the library file: the top hit's reference peaks
 * and structure drawing for the mirror figure, and the report's context (app version,
 * library file, enabled libraries, parameters, date). Shared by `nexa identify` and the
 * app's export, so both write the same report.
 */
import { depictSvg } from '../chemistry/rdkit-chemistry.js';
import type { LibraryStore } from '../library/library-store.js';
import { APP_VERSION } from '../workbench/app-paths.js';
import type { ReportContext, ReportEntry } from './report-entry.js';

export async function attachTopHitFigures(entry: ReportEntry, store: LibraryStore): Promise<void> {
  const top = entry.hits[0];
  if (!top) return;
  entry.topReferencePeaks = store.getSpectrum(top.spectrumId)?.peaks ?? [];
  // A structure RDKit cannot draw leaves the figure without it rather than failing the report.
  if (top.smiles) entry.topStructureSvg = await depictSvg(top.smiles, 240, 180).catch(() => undefined);
}

export function reportContext(store: LibraryStore, parameters: object): ReportContext {
  return {
    appVersion: APP_VERSION,
    libraryPath: store.path,
    libraries: store.listLibraries().filter((l) => l.enabled).map((l) => l.name),
    parameters: { ...parameters },
    createdAt: new Date().toISOString(),
  };
}
