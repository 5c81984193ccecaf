/**
 * Keeps references whose retention time (seconds) or retention index lies within the
 * window of the query's. Applied only where both sides carry the value: a missing
 * retention never excludes a candidate.
 */
import type { ReferenceFilter } from './reference-filter.js';

export function requireRetentionWindow(rtTolerance: number | undefined, riTolerance: number | undefined): ReferenceFilter {
  return (query, reference) => {
    const ref = reference.metadata;
    if (rtTolerance !== undefined && query.retentionTime !== undefined && ref.retentionTime !== undefined) {
      if (Math.abs(query.retentionTime - ref.retentionTime) > rtTolerance) return false;
    }
    if (riTolerance !== undefined && query.retentionIndex !== undefined && ref.retentionIndex !== undefined) {
      if (Math.abs(query.retentionIndex - ref.retentionIndex) > riTolerance) return false;
    }
    return true;
  };
}
