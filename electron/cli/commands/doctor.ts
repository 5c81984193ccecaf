/**
 * `nexa doctor [--library DB]`: what this installation can do. Versions of the app and its
 * engines (SQLite, RDKit, ONNX Runtime with the execution providers found and the one in
 * use, the EI spectrum model and the provider it runs on), whether a Chromium for PDF export in web mode is there, and, given a library file,
 * its schema, contents and index state.
 */
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadRDKit } from '../../engine/chemistry/rdkit-chemistry.js';
import { detectExecutionProviders } from '../../engine/inference/execution-providers.js';
import { LibraryStore } from '../../engine/library/library-store.js';
import { SpectrumModel } from '../../engine/prediction/spectrum-model.js';
import { UnitMassIndex } from '../../engine/library/unit-mass-index.js';
import { NistMatchFactor } from '../../engine/search/similarity/nist-match-factor.js';
import { APP_VERSION } from '../../engine/workbench/app-paths.js';
import { findChromium } from '../../serve/chromium-pdf.js';
import { EXIT_OK, requireExistingFile } from '../cli-support.js';

export const DOCTOR_USAGE = 'nexa doctor [--library DB]';

export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { library: { type: 'string' } } });
  const line = (label: string, value: string): void => {
    process.stdout.write(`${label.padEnd(22)} ${value}\n`);
  };
  line('Nexa Workbench', APP_VERSION);
  line('Node.js', `${process.version} (${process.platform}-${process.arch})`);
  const memory = new Database(':memory:');
  line('SQLite', (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  memory.close();
  line('RDKit', (await loadRDKit()).version());
  const providers = detectExecutionProviders();
  line('ONNX Runtime', providers.onnxRuntimeVersion);
  line('Execution providers', `${providers.available.join(', ')} (in use: ${providers.inUse})`);
  try {
    const model = await SpectrumModel.load(undefined, providers.inUse);
    line('EI spectrum model', `${model.label} (${model.card.file}), running on ${model.provider}`);
  } catch (err) {
    line('EI spectrum model', `unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }
  line('Chromium for PDF', findChromium() ?? 'not found (PDF export in web mode unavailable; set NEXA_CHROMIUM)');
  if (values.library) {
    const store = LibraryStore.open(requireExistingFile(values.library, 'library file'), { readonly: true });
    try {
      line('Library file', `${store.path} (schema ${store.schemaVersion()})`);
      for (const l of store.listLibraries()) line(`  ${l.name}`, `${l.enabled ? 'enabled' : 'disabled'}, ${l.spectra} spectra, ${l.compounds} compounds`);
      line('EI index', new UnitMassIndex(store, new NistMatchFactor()).isFresh() ? 'up to date' : 'missing or stale (rebuilt on next search)');
    } finally {
      store.close();
    }
  }
  return EXIT_OK;
}
