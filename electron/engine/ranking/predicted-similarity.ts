/**
 * The "similarity to the candidate's predicted spectrum" feature for EI candidates: each
 * candidate compound's EI spectrum is predicted once (cached by InChIKey block) and compared
 * with the unknown by the EI match factor. A hit from an in-silico library already is a
 * predicted spectrum, so its own score is used. Structures the model cannot take stay
 * without the feature (the ranking model has a "missing" flag for it).
 */
import type { Peak } from '../../common/spectrum.js';
import { featuresFor, peaksFromIntensities, UnpredictableStructureError } from '../prediction/predict-spectra.js';
import type { SpectrumModel } from '../prediction/spectrum-model.js';
import { NistMatchFactor, type PreparedUnitMass } from '../search/similarity/nist-match-factor.js';
import type { Candidate } from './candidate-features.js';

const CACHE_LIMIT = 50_000;

export class PredictedSimilarity {
  private readonly cache = new Map<string, PreparedUnitMass | null>();

  constructor(
    private readonly model: SpectrumModel,
    private readonly similarity: NistMatchFactor = new NistMatchFactor(),
  ) {}

  /** Predicts every uncached candidate of these queries in model batches. */
  async predictMissing(candidateLists: readonly (readonly Candidate[])[]): Promise<void> {
    const wanted = new Map<string, string>();
    for (const candidates of candidateLists) {
      for (const c of candidates) {
        const hit = c.hits[0]!;
        if (hit.source !== 'predicted' && hit.smiles && !this.cache.has(c.key)) wanted.set(c.key, hit.smiles);
      }
    }
    if (this.cache.size + wanted.size > CACHE_LIMIT) this.cache.clear();
    const keys: string[] = [];
    const features = [];
    for (const [key, smiles] of wanted) {
      try {
        features.push(await featuresFor(this.model, smiles));
        keys.push(key);
      } catch (err) {
        if (!(err instanceof UnpredictableStructureError)) throw err;
        this.cache.set(key, null);
      }
    }
    const rows = await this.model.predict(features);
    keys.forEach((key, i) => this.cache.set(key, this.similarity.prepare(peaksFromIntensities(rows[i]!))));
  }

  /** Sets predictedSimilarity on each candidate that has (or is) a predicted spectrum; call predictMissing first. */
  fill(query: readonly Peak[], candidates: Candidate[]): void {
    const prepared = this.similarity.prepare(query);
    for (const c of candidates) {
      const hit = c.hits[0]!;
      if (hit.source === 'predicted') {
        c.predictedSimilarity = hit.score / 999;
        continue;
      }
      const predicted = this.cache.get(c.key);
      if (predicted) c.predictedSimilarity = this.similarity.comparePrepared(prepared, predicted).score;
    }
  }
}
