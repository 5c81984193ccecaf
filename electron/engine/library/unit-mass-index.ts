/**
 * The HNSW index (hnswlib-node, inner-product space) over the unit-mass vectors of every
 * EI-like spectrum in a library file. It lives beside the database as `<db>.hnsw` with a
 * `<db>.hnsw.json` stamp naming the database generation it was built from; a missing or
 * stale index is rebuilt, and both files are written to temporary names then renamed,
 * so a crash never leaves a half-written index that looks valid.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import { UNIT_MASS_DIMENSIONS, unitMassVector } from '../search/unit-mass-vector.js';
import type { NistMatchFactor } from '../search/similarity/nist-match-factor.js';
import type { LibraryStore, StoredSpectrum } from './library-store.js';

const INDEX_VERSION = 1;

interface IndexStamp {
  version: number;
  generation: number;
  count: number;
  mzPower: number;
  intensityPower: number;
}

export interface IndexBuildProgress {
  done: number;
  total: number;
}

export class UnitMassIndex {
  private index: hnswlib.HierarchicalNSW | undefined;
  private count = 0;

  constructor(
    private readonly store: LibraryStore,
    private readonly weighting: NistMatchFactor,
  ) {}

  get indexPath(): string {
    return `${this.store.path}.hnsw`;
  }

  get stampPath(): string {
    return `${this.indexPath}.json`;
  }

  private readStamp(): IndexStamp | undefined {
    if (!existsSync(this.stampPath) || !existsSync(this.indexPath)) return undefined;
    try {
      return JSON.parse(readFileSync(this.stampPath, 'utf8')) as IndexStamp;
    } catch {
      return undefined;
    }
  }

  isFresh(): boolean {
    const stamp = this.readStamp();
    return (
      stamp !== undefined &&
      stamp.version === INDEX_VERSION &&
      stamp.generation === this.store.unitMassGeneration() &&
      stamp.mzPower === this.weighting.mzPower &&
      stamp.intensityPower === this.weighting.intensityPower
    );
  }

  /** Load the index from disk, rebuilding it first when it is missing or stale. */
  ensure(onProgress?: (p: IndexBuildProgress) => void): void {
    if (this.index && this.isFresh()) return;
    if (!this.isFresh()) {
      this.rebuild(onProgress);
      return;
    }
    const stamp = this.readStamp()!;
    const index = new hnswlib.HierarchicalNSW('ip', UNIT_MASS_DIMENSIONS);
    index.readIndexSync(this.indexPath);
    this.index = index;
    this.count = stamp.count;
  }

  rebuild(onProgress?: (p: IndexBuildProgress) => void): void {
    const generation = this.store.unitMassGeneration();
    const spectra: StoredSpectrum[] = [...this.store.unitMassSpectra()];
    const index = new hnswlib.HierarchicalNSW('ip', UNIT_MASS_DIMENSIONS);
    index.initIndex({ maxElements: Math.max(1, spectra.length), m: 16, efConstruction: 100, randomSeed: 42 });
    spectra.forEach((s, i) => {
      index.addPoint(unitMassVector(s.peaks, this.weighting), s.id);
      if (onProgress && i % 1000 === 0) onProgress({ done: i, total: spectra.length });
    });
    onProgress?.({ done: spectra.length, total: spectra.length });
    if (!this.store.readonly) {
      const tmpIndex = `${this.indexPath}.tmp-${process.pid}`;
      const tmpStamp = `${this.stampPath}.tmp-${process.pid}`;
      index.writeIndexSync(tmpIndex);
      renameSync(tmpIndex, this.indexPath);
      const stamp: IndexStamp = {
        version: INDEX_VERSION,
        generation,
        count: spectra.length,
        mzPower: this.weighting.mzPower,
        intensityPower: this.weighting.intensityPower,
      };
      writeFileSync(tmpStamp, JSON.stringify(stamp));
      renameSync(tmpStamp, this.stampPath);
    }
    this.index = index;
    this.count = spectra.length;
  }

  get size(): number {
    return this.count;
  }

  /** Labels (spectrum ids) of the k nearest vectors, best first. */
  nearest(vector: number[], k: number, accept?: (id: number) => boolean): number[] {
    if (!this.index || this.count === 0) return [];
    const n = Math.min(k, this.count);
    this.index.setEf(Math.max(n, 200));
    const result = accept ? this.index.searchKnn(vector, n, accept) : this.index.searchKnn(vector, n);
    return result.neighbors;
  }
}
