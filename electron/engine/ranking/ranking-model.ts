/**
 * The candidate-ranking model on onnxruntime-node: feature rows of K candidate slots (plus
 * a mask of real slots) in, K + 1 probabilities out, the last for "none of these".
 */
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider } from '../inference/execution-providers.js';
import { MODELS_DIR, type ModelCard, openModel } from '../inference/onnx-model.js';
import { FEATURE_COUNT } from './candidate-features.js';

export const RANKING_TASK = 'candidate-ranking';

export interface RankingModelCard extends ModelCard {
  k_max: number;
  first_stage_k: number;
  inputs: { name: string; columns?: string[] }[];
}

export class RankingModel {
  private constructor(
    readonly card: RankingModelCard,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
  ) {}

  get label(): string {
    return `${this.card.name} ${this.card.version}`;
  }

  static async load(dir: string = MODELS_DIR, provider?: ExecutionProvider): Promise<RankingModel> {
    const opened = await openModel<RankingModelCard>(RANKING_TASK, dir, provider);
    const columns = opened.card.inputs.find((i) => i.name === 'features')?.columns;
    if (columns?.length !== FEATURE_COUNT) throw new Error(`${opened.card.file} takes ${columns?.length} features per candidate; this app computes ${FEATURE_COUNT}`);
    return new RankingModel(opened.card, opened.session, opened.provider);
  }

  /** Probabilities for a batch of queries, all padded to k slots: one row of k + 1 per query. */
  async probabilities(batch: readonly { features: Float32Array; mask: Float32Array }[], k: number): Promise<Float32Array[]> {
    if (batch.length === 0) return [];
    const features = new Float32Array(batch.length * k * FEATURE_COUNT);
    const mask = new Float32Array(batch.length * k);
    batch.forEach((b, i) => {
      features.set(b.features, i * k * FEATURE_COUNT);
      mask.set(b.mask, i * k);
    });
    const output = await this.session.run({
      features: new ort.Tensor('float32', features, [batch.length, k, FEATURE_COUNT]),
      mask: new ort.Tensor('float32', mask, [batch.length, k]),
    });
    const probabilities = output.probabilities!.data as Float32Array;
    return batch.map((_, i) => probabilities.slice(i * (k + 1), (i + 1) * (k + 1)));
  }
}
