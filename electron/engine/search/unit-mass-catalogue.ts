/**
 * An in-memory catalogue of every unit-mass reference: its metadata (for filters and
 * hit rows), its prepared match-factor form, and an inverted index from nominal m/z to
 * the references holding that peak. The inverted index lets the search bound, for every
 * reference at once, the best composite match factor it could reach, so references the
 * HNSW stage did not propose are checked exactly whenever they could still enter the
 * top hits (the ratio term of the composite is not captured by any vector similarity).
 */
import type { LibraryStore, StoredSpectrum } from '../library/library-store.js';
import type { NistMatchFactor, PreparedUnitMass } from './similarity/nist-match-factor.js';

export class UnitMassCatalogue {
  readonly references: StoredSpectrum[] = [];
  readonly prepared: PreparedUnitMass[] = [];
  private readonly indexById = new Map<number, number>();
  /** postings[mz] = reference indexes holding a peak at that nominal m/z, with the peak's weight. */
  private readonly postingRefs = new Map<number, Int32Array>();
  private readonly postingWeights = new Map<number, Float64Array>();

  constructor(store: LibraryStore, readonly matchFactor: NistMatchFactor, readonly generation: number) {
    const lists = new Map<number, { refs: number[]; weights: number[] }>();
    for (const spectrum of store.unitMassSpectra()) {
      const index = this.references.length;
      const prepared = matchFactor.prepare(spectrum.peaks);
      // Peaks are kept in `prepared` only; the metadata copy serves filters and hit rows.
      this.references.push({ ...spectrum, peaks: [] });
      this.prepared.push(prepared);
      this.indexById.set(spectrum.id, index);
      prepared.mz.forEach((mz, k) => {
        let list = lists.get(mz);
        if (!list) lists.set(mz, (list = { refs: [], weights: [] }));
        list.refs.push(index);
        list.weights.push(prepared.weight[k]!);
      });
    }
    for (const [mz, list] of lists) {
      this.postingRefs.set(mz, Int32Array.from(list.refs));
      this.postingWeights.set(mz, Float64Array.from(list.weights));
    }
  }

  get size(): number {
    return this.references.length;
  }

  indexOf(spectrumId: number): number | undefined {
    return this.indexById.get(spectrumId);
  }

  /** For every reference: the weighted dot-product numerator with the query and the count of common peaks. */
  accumulate(query: PreparedUnitMass): { dot: Float64Array; common: Int32Array } {
    const dot = new Float64Array(this.references.length);
    const common = new Int32Array(this.references.length);
    query.mz.forEach((mz, k) => {
      const refs = this.postingRefs.get(mz);
      if (!refs) return;
      const weights = this.postingWeights.get(mz)!;
      const wq = query.weight[k]!;
      for (let i = 0; i < refs.length; i++) {
        dot[refs[i]!]! += wq * weights[i]!;
        common[refs[i]!]!++;
      }
    });
    return { dot, common };
  }
}
