import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findModelCard, MODELS_DIR } from '../inference/onnx-model.js';
import { FEATURE_COUNT, RANKING_FEATURES } from './candidate-features.js';
import { RANKING_TASK, RankingModel, type RankingModelCard } from './ranking-model.js';

interface Fixtures {
  tolerance: number;
  tasks: { features: number[][]; mask: number[]; probabilities: number[] }[];
}

const card = findModelCard<RankingModelCard & { metrics: { test: { expected_calibration_error_top1: number } } }>(RANKING_TASK);
const fixtures = JSON.parse(readFileSync(join(MODELS_DIR, 'fixtures', `${card.name}.fixtures.json`), 'utf8')) as Fixtures;

describe('the shipped candidate-ranking model', () => {
  it('takes the features this app computes, in the same order', () => {
    expect(card.inputs.find((i) => i.name === 'features')?.columns).toEqual([...RANKING_FEATURES]);
    expect(card.metrics.test.expected_calibration_error_top1).toBeLessThanOrEqual(0.05);
  });

  it('reproduces the PyTorch probabilities within 1e-4 on onnxruntime-node, at any candidate count', async () => {
    const model = await RankingModel.load();
    const k = fixtures.tasks[0]!.mask.length;
    const batch = fixtures.tasks.map((t) => ({ features: Float32Array.from(t.features.flat()), mask: Float32Array.from(t.mask) }));
    const rows = await model.probabilities(batch, k);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(k + 1);
      row.forEach((p, j) => expect(Math.abs(p - fixtures.tasks[i]!.probabilities[j]!)).toBeLessThan(fixtures.tolerance));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    });
    // The same first task cut to its first 20 slots still gives a distribution over 21.
    const cut = await model.probabilities([{ features: batch[0]!.features.slice(0, 20 * FEATURE_COUNT), mask: batch[0]!.mask.slice(0, 20) }], 20);
    expect(cut[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});
