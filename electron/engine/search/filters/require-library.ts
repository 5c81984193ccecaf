/** Keeps references from the chosen libraries (ids resolved from names, or all enabled). */
import type { ReferenceFilter } from './reference-filter.js';

export function requireLibrary(libraryIds: ReadonlySet<number>): ReferenceFilter {
  return (_query, reference) => libraryIds.has(reference.libraryId);
}
