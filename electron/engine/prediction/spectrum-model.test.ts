import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/shared-data.js';
import { loadRDKit } from '../chemistry/rdkit-chemistry.js';
import { featurise } from './featurise.js';
import { findSpectrumModelCard, MODELS_DIR, ModelUnavailableError, SpectrumModel } from './spectrum-model.js';

interface Fixtures {
  model: string;
  tolerance: number;
  molecules: { smiles: string; nominalMass: number; fingerprintOnBits: number[]; intensity: number[] }[];
}

const card = findSpectrumModelCard();
const fixtures = JSON.parse(readFileSync(join(MODELS_DIR, 'fixtures', `${card.name}.fixtures.json`), 'utf8')) as Fixtures;

describe('the shipped EI spectrum model', () => {
  it('is described by a card with its inputs, featuriser, licences and metrics, and is under 50 MB', () => {
    const raw = JSON.parse(readFileSync(join(MODELS_DIR, `${card.name}.card.json`), 'utf8')) as Record<string, unknown>;
    for (const key of ['name', 'version', 'sha256', 'inputs', 'outputs', 'featuriser', 'training_data', 'metrics', 'exported']) expect(raw).toHaveProperty(key);
    expect(JSON.stringify(raw.training_data)).toMatch(/CC BY-NC-SA/);
    expect((raw as { bytes: number }).bytes).toBeLessThan(50 * 1024 * 1024);
  });

  it('gets from the app featuriser exactly the features it was trained on (fixture molecules from the test split)', async () => {
    const rdkit = await loadRDKit();
    for (const molecule of fixtures.molecules) {
      const features = featurise(rdkit, molecule.smiles, card.featuriser);
      const onBits = [...features.fingerprint].flatMap((b, i) => (b ? [i] : []));
      expect(onBits, molecule.smiles).toEqual(molecule.fingerprintOnBits);
      expect(features.nominalMass, molecule.smiles).toBe(molecule.nominalMass);
    }
  });

  it('reproduces the PyTorch output within 1e-4 on onnxruntime-node', async () => {
    const model = await SpectrumModel.load();
    const rdkit = await loadRDKit();
    const rows = await model.predict(fixtures.molecules.map((m) => featurise(rdkit, m.smiles, card.featuriser)));
    expect(rows).toHaveLength(fixtures.molecules.length);
    let worst = 0;
    rows.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - fixtures.molecules[i]!.intensity[j]!)))));
    expect(worst).toBeLessThan(fixtures.tolerance);
    expect(Math.max(...rows[0]!)).toBeCloseTo(1, 5);
  });

  it('refuses a model file that does not match its card, naming the file', async () => {
    const dir = tempDir();
    try {
      copyFileSync(join(MODELS_DIR, `${card.name}.card.json`), join(dir.path, `${card.name}.card.json`));
      writeFileSync(join(dir.path, card.file), 'not a model');
      await expect(SpectrumModel.load(dir.path)).rejects.toThrow(new RegExp(`${card.file} does not match its model card`));
      await expect(SpectrumModel.load(join(dir.path, 'empty'))).rejects.toBeInstanceOf(ModelUnavailableError);
    } finally {
      dir.remove();
    }
  });
});
