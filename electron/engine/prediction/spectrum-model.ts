/**
 * The EI spectrum model on onnxruntime-node: finds the model card in native-models/,
 * checks the ONNX file against the card's sha256, and runs batches of featurised
 * molecules on the execution provider chosen at start (CUDA, DirectML or CoreML where
 * present, else the CPU; a provider that fails to start falls back to the CPU).
 * Runs in the engine's worker thread like every other native call.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { detectExecutionProviders, type ExecutionProvider } from '../inference/execution-providers.js';
import { APP_ROOT } from '../workbench/app-paths.js';
import type { FeaturiserSettings, MoleculeFeatures } from './featurise.js';

export const MODELS_DIR = join(APP_ROOT, 'native-models');
export const SPECTRUM_TASK = 'ei-spectrum-prediction';
export const MAX_BATCH = 256;

export interface SpectrumModelCard {
  name: string;
  version: string;
  task: string;
  file: string;
  sha256: string;
  featuriser: FeaturiserSettings;
  supported_elements: string[];
  training_data?: { licence_note?: string };
}

export class ModelUnavailableError extends Error {}

/** The card of the EI spectrum model in a folder, or a clear reason there is none. */
export function findSpectrumModelCard(dir: string = MODELS_DIR): SpectrumModelCard {
  const cards = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.card.json')) : [];
  for (const file of cards.sort()) {
    const card = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SpectrumModelCard;
    if (card.task === SPECTRUM_TASK) return card;
  }
  throw new ModelUnavailableError(`no EI spectrum model found: ${dir} has no model card with task "${SPECTRUM_TASK}"`);
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

  static async load(dir: string = MODELS_DIR, provider: ExecutionProvider = detectExecutionProviders().inUse): Promise<SpectrumModel> {
    const card = findSpectrumModelCard(dir);
    const path = join(dir, card.file);
    if (!existsSync(path)) throw new ModelUnavailableError(`the EI spectrum model file ${path} named by its card is missing`);
    // Read into memory: works the same inside an asar archive, and checks the file whole.
    const bytes = readFileSync(path);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== card.sha256) throw new ModelUnavailableError(`${path} does not match its model card (sha256 ${digest.slice(0, 12)}…, card says ${card.sha256.slice(0, 12)}…): reinstall the app`);
    try {
      return new SpectrumModel(card, await ort.InferenceSession.create(bytes, { executionProviders: [provider] }), provider);
    } catch (err) {
      if (provider === 'cpu') throw new ModelUnavailableError(`cannot load ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return new SpectrumModel(card, await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] }), 'cpu');
    }
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
