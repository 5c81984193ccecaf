/**
 * A reference filter decides whether one library spectrum may be a candidate for one
 * query. Each filter sits in its own file named for its intent; `allOf` composes them.
 */
import type { SpectrumMetadata } from '../../../common/spectrum.js';
import type { StoredSpectrum } from '../../library/library-store.js';

export type ReferenceFilter = (query: SpectrumMetadata, reference: StoredSpectrum) => boolean;

export function allOf(filters: readonly ReferenceFilter[]): ReferenceFilter {
  return (query, reference) => filters.every((f) => f(query, reference));
}
