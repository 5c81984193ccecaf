/**
 * Structures in, predicted EI spectra out: featurise (the app's featuriser), check the
 * structure is inside what the model was trained on (elements, mass range), predict in
 * batches, and turn each output row into a peak list carrying name, SMILES, InChIKey and
 * the model's name and version. A structure that cannot be predicted becomes a problem
 * naming its file and line; the others go on.
 */
import type { Peak, Spectrum } from '../../common/spectrum.js';
import { describeSmiles, loadRDKit } from '../chemistry/rdkit-chemistry.js';
import type { ImportItem } from '../import/import-types.js';
import { featurise, FeaturisationError, type MoleculeFeatures } from './featurise.js';
import { MAX_BATCH, type SpectrumModel } from './spectrum-model.js';

export interface StructureInput {
  smiles: string;
  name?: string;
  id?: string;
  /** Other columns of a structure list, kept in the output. */
  extra?: Record<string, string>;
  file: string;
  line: number;
}

/** Peaks below this share of the base peak are dropped: the model's floor of near-zero outputs. */
export const MIN_RELATIVE_INTENSITY = 0.002;
export const MAX_PEAKS = 200;

export class UnpredictableStructureError extends Error {}

/** Output row (relative intensities for m/z 1..n) to a peak list scaled to a 999 base peak. */
export function peaksFromIntensities(row: Float32Array): Peak[] {
  const peaks: Peak[] = [];
  row.forEach((v, i) => {
    if (v >= MIN_RELATIVE_INTENSITY) peaks.push({ mz: i + 1, intensity: Math.round(v * 9990) / 10 });
  });
  if (peaks.length <= MAX_PEAKS) return peaks;
  const kept = [...peaks].sort((a, b) => b.intensity - a.intensity).slice(0, MAX_PEAKS);
  return kept.sort((a, b) => a.mz - b.mz);
}

/** The features of one structure, or the reason this model cannot predict it. */
export async function featuresFor(model: SpectrumModel, smiles: string): Promise<MoleculeFeatures> {
  const rdkit = await loadRDKit();
  let features: MoleculeFeatures;
  try {
    features = featurise(rdkit, smiles, model.card.featuriser);
  } catch (err) {
    if (err instanceof FeaturisationError) throw new UnpredictableStructureError(err.message);
    throw err;
  }
  const unsupported = features.elements.filter((e) => !model.card.supported_elements.includes(e));
  if (unsupported.length > 0) {
    throw new UnpredictableStructureError(`${unsupported.join(', ')} not supported by ${model.label} (trained on ${model.card.supported_elements.join(' ')})`);
  }
  if (features.nominalMass > model.card.featuriser.massBins) {
    throw new UnpredictableStructureError(`nominal mass ${features.nominalMass} is above the model's m/z range (1-${model.card.featuriser.massBins})`);
  }
  return features;
}

async function spectrumFor(model: SpectrumModel, input: StructureInput, features: MoleculeFeatures, row: Float32Array): Promise<Spectrum> {
  const info = await describeSmiles(features.canonicalSmiles);
  return {
    metadata: {
      ...(input.id ? { id: input.id } : {}),
      name: input.name || info.canonicalSmiles,
      smiles: info.canonicalSmiles,
      inchi: info.inchi,
      inchikey: info.inchikey,
      formula: info.formula,
      exactMass: info.monoisotopicMass,
      msLevel: 1,
      ionMode: 'positive',
      instrumentType: 'in-silico EI',
      predictionModel: model.label,
    },
    peaks: peaksFromIntensities(row),
  };
}

/** Predicts every structure, in model batches; yields spectra and problems in input order. */
export async function* predictSpectra(model: SpectrumModel, structures: AsyncIterable<StructureInput | ImportItem> | Iterable<StructureInput | ImportItem>): AsyncGenerator<ImportItem & { input?: StructureInput }> {
  let pending: { input: StructureInput; features: MoleculeFeatures }[] = [];
  async function* flush(): AsyncGenerator<ImportItem & { input?: StructureInput }> {
    const rows = await model.predict(pending.map((p) => p.features));
    for (let i = 0; i < pending.length; i++) {
      const { input, features } = pending[i]!;
      yield { kind: 'spectrum', spectrum: await spectrumFor(model, input, features, rows[i]!), line: input.line, input };
    }
    pending = [];
  }
  for await (const item of structures) {
    if ('kind' in item) {
      yield item; // a structure-list problem, passed through in order
      continue;
    }
    try {
      pending.push({ input: item, features: await featuresFor(model, item.smiles) });
    } catch (err) {
      if (!(err instanceof UnpredictableStructureError)) throw err;
      yield* flush();
      yield { kind: 'problem', problem: { file: item.file, line: item.line, ...(item.name ? { record: item.name } : {}), message: err.message } };
      continue;
    }
    if (pending.length >= MAX_BATCH) yield* flush();
  }
  if (pending.length > 0) yield* flush();
}
