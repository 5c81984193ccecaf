/**
 * The EI spectrum model on onnxruntime-node (opened by inference/onnx-model.ts: card,
 * sha256 check, execution provider chosen at start): runs batches of featurised molecules.
 * Runs in the engine's worker thread like every other native call.
 */
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider } from '../inference/execution-providers.js';
import { findModelCard, MODELS_DIR, type ModelCard, openModel } from '../inference/onnx-model.js';
import type { FeaturiserSettings, MoleculeFeatures } from './featurise.js';

export { MODELS_DIR, ModelUnavailableError } from '../inference/onnx-model.js';
export const SPECTRUM_TASK = 'ei-spectrum-prediction';
export const MAX_BATCH = 256;

export interface SpectrumModelCard extends ModelCard {
  featuriser: FeaturiserSettings;
  supported_elements: string[];
}

/** The card of the EI spectrum model in a folder, or a clear reason there is none. */
export function findSpectrumModelCard(dir: string = MODELS_DIR): SpectrumModelCard {
  return findModelCard<SpectrumModelCard>(SPECTRUM_TASK, dir);
}

export class SpectrumModel {
  private constructor(
    readonly card: SpectrumModelCard,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
  ) {}

  /** "NAME VERSION", as predicted spectra and in-silico libraries record it. */
  get label(): string {
    return `${this.card.name} ${this.card.version}`;
  }

  static async load(dir: string = MODELS_DIR, provider?: ExecutionProvider): Promise<SpectrumModel> {
    const { card, session, provider: used } = await openModel<SpectrumModelCard>(SPECTRUM_TASK, dir, provider);
    return new SpectrumModel(card, session, used);
  }

  /** Relative intensities (base peak 1) at m/z 1..massBins, one row per molecule, in batches of at most MAX_BATCH. */
  async predict(molecules: readonly MoleculeFeatures[]): Promise<Float32Array[]> {
    const { nBits, massBins } = this.card.featuriser;
    const rows: Float32Array[] = [];
    for (let start = 0; start < molecules.length; start += MAX_BATCH) {
      const batch = molecules.slice(start, start + MAX_BATCH);
      const fingerprints = new Float32Array(batch.length * nBits);
      const masses = new Float32Array(batch.length);
      batch.forEach((m, i) => {
        if (m.fingerprint.length !== nBits) throw new Error(`fingerprint of ${m.fingerprint.length} bits; the model takes ${nBits}`);
        for (let b = 0; b < nBits; b++) fingerprints[i * nBits + b] = m.fingerprint[b]!;
        masses[i] = m.nominalMass;
      });
      const output = await this.session.run({
        fingerprint: new ort.Tensor('float32', fingerprints, [batch.length, nBits]),
        nominal_mass: new ort.Tensor('float32', masses, [batch.length]),
      });
      const intensity = output.intensity!.data as Float32Array;
      for (let i = 0; i < batch.length; i++) rows.push(intensity.slice(i * massBins, (i + 1) * massBins));
    }
    return rows;
  }
}
