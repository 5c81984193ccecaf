/** Keeps references whose instrument type is one of the chosen ones (case-insensitive). */
import type { ReferenceFilter } from './reference-filter.js';

export function requireInstrumentType(types: readonly string[] | undefined): ReferenceFilter {
  if (!types || types.length === 0) return () => true;
  const wanted = new Set(types.map((t) => t.toUpperCase()));
  return (_query, reference) => wanted.has((reference.metadata.instrumentType ?? '').toUpperCase());
}
