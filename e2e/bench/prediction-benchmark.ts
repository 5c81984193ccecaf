/**
 * EI spectrum prediction cost in the app's runtime (Node, @rdkit/rdkit, onnxruntime-node
 * on the provider the app would choose): milliseconds per molecule for featurisation plus
 * inference at batch 1 and batch 256, on real structures from the EI file, and the model's
 * size. Run alone with `npm run bench -- prediction`; `npm run bench` includes it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRDKit } from '../../electron/engine/chemistry/rdkit-chemistry.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { featurise, type MoleculeFeatures } from '../../electron/engine/prediction/featurise.js';
import { MAX_BATCH, MODELS_DIR, SpectrumModel } from '../../electron/engine/prediction/spectrum-model.js';
import { EI_FILE } from '../../test-support/shared-data.js';

const MOLECULES = 2560;
const SINGLE = 300;

async function realSmiles(count: number): Promise<string[]> {
  const seen = new Set<string>();
  for await (const item of importSpectra(EI_FILE)) {
    if (item.kind === 'spectrum' && item.spectrum.metadata.smiles) seen.add(item.spectrum.metadata.smiles);
    if (seen.size >= count) break;
  }
  return [...seen];
}

export async function predictionBenchmark(log: (text: string) => void): Promise<Record<string, unknown>> {
  const rdkit = await loadRDKit();
  const loadStarted = performance.now();
  const model = await SpectrumModel.load();
  const loadMs = performance.now() - loadStarted;
  const smiles = (await realSmiles(MOLECULES)).filter((s) => {
    try {
      return featurise(rdkit, s).nominalMass <= model.card.featuriser.massBins;
    } catch {
      return false;
    }
  });
  // Warm-up: the first runs allocate ONNX Runtime's buffers.
  await model.predict(smiles.slice(0, MAX_BATCH).map((s) => featurise(rdkit, s)));

  let featuriseMs = 0;
  let inferMs = 0;
  for (let start = 0; start + MAX_BATCH <= smiles.length; start += MAX_BATCH) {
    const t0 = performance.now();
    const features: MoleculeFeatures[] = smiles.slice(start, start + MAX_BATCH).map((s) => featurise(rdkit, s));
    const t1 = performance.now();
    await model.predict(features);
    featuriseMs += t1 - t0;
    inferMs += performance.now() - t1;
  }
  const batched = Math.floor(smiles.length / MAX_BATCH) * MAX_BATCH;

  const single: number[] = [];
  for (const s of smiles.slice(0, SINGLE)) {
    const t0 = performance.now();
    await model.predict([featurise(rdkit, s)]);
    single.push(performance.now() - t0);
  }
  single.sort((a, b) => a - b);
  const result = {
    model: model.label,
    provider: model.provider,
    model_megabytes: +(statSync(join(MODELS_DIR, model.card.file)).size / 1e6).toFixed(1),
    load_ms: Math.round(loadMs),
    batch_256: {
      molecules: batched,
      ms_per_molecule: +((featuriseMs + inferMs) / batched).toFixed(3),
      featurise_ms_per_molecule: +(featuriseMs / batched).toFixed(3),
      inference_ms_per_molecule: +(inferMs / batched).toFixed(3),
    },
    batch_1: {
      molecules: single.length,
      mean_ms: +(single.reduce((a, b) => a + b, 0) / single.length).toFixed(3),
      p50_ms: +single[Math.floor(single.length / 2)]!.toFixed(3),
      p99_ms: +single[Math.floor(single.length * 0.99)]!.toFixed(3),
    },
  };
  log(`prediction (${result.model} on ${result.provider}): batch 256 ${result.batch_256.ms_per_molecule} ms/molecule, batch 1 mean ${result.batch_1.mean_ms} ms`);
  return result;
}
