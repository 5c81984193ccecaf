/**
 * Search plus ranking for batches of unknowns: the one path the app, `nexa identify` and
 * the benchmark use. With probabilistic ranking each unknown is searched for enough hits
 * to fill K_max candidate compounds, then the batch is ranked together (one model call per
 * stage, one prediction batch for the candidates' EI spectra).
 */
import type { QueryResult, SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import { ModelUnavailableError } from '../inference/onnx-model.js';
import { SpectrumModel } from '../prediction/spectrum-model.js';
import type { SpectralSearch } from '../search/spectral-search.js';
import { PredictedSimilarity } from './predicted-similarity.js';
import { rankCandidates } from './rank-candidates.js';
import { RankingModel } from './ranking-model.js';

/** Spectra searched per unknown before grouping into compounds (as in the training tasks). */
export const SEARCH_HITS_FOR_RANKING = 80;
/** Of those, how many EI hits are guaranteed equal to exhaustive search (the rest come from the vector index). */
export const EXACT_HITS_FOR_RANKING = 10;

/** The search the ranking model was trained on; the task export calls this same function. */
export function searchForRanking(search: SpectralSearch, query: Spectrum, params: SearchParams): QueryResult {
  return search.search(query, { ...params, top: Math.max(params.top, SEARCH_HITS_FOR_RANKING) }, EXACT_HITS_FOR_RANKING);
}

export class Identifier {
  private rankerLoad?: Promise<RankingModel>;
  private predictedLoad?: Promise<PredictedSimilarity | undefined>;

  /** `loadSpectrumModel` lets a host that already holds the EI model share it (one ONNX session per thread). */
  constructor(
    private readonly search: SpectralSearch,
    private readonly loadSpectrumModel: () => Promise<SpectrumModel> = () => SpectrumModel.load(),
  ) {}

  /** The ranking model, loaded once; a missing one is a clear error, retried next time. */
  async ranker(): Promise<RankingModel> {
    this.rankerLoad ??= RankingModel.load();
    try {
      return await this.rankerLoad;
    } catch (err) {
      this.rankerLoad = undefined;
      throw err;
    }
  }

  /** Predicted-spectrum similarity needs the EI model; without it the feature is "missing". */
  private predicted(): Promise<PredictedSimilarity | undefined> {
    this.predictedLoad ??= this.loadSpectrumModel().then(
      (model) => new PredictedSimilarity(model),
      (err: unknown) => {
        if (err instanceof ModelUnavailableError) return undefined;
        throw err;
      },
    );
    return this.predictedLoad;
  }

  async identify(queries: readonly Spectrum[], params: SearchParams): Promise<QueryResult[]> {
    if (params.rank === 'similarity') return queries.map((q) => this.search.search(q, params));
    const searched = queries.map((query) => ({ query, result: searchForRanking(this.search, query, params) }));
    return rankCandidates(searched, params, { kMax: params.kMax, reviewThreshold: params.reviewThreshold }, await this.ranker(), await this.predicted());
  }
}
