/** Keeps references of the wanted ion mode; a reference that does not say its mode passes. */
import type { IonMode } from '../../../common/spectrum.js';
import type { ReferenceFilter } from './reference-filter.js';

export function requireIonMode(wanted: IonMode | undefined): ReferenceFilter {
  return (query, reference) => {
    const mode = wanted ?? query.ionMode;
    return mode === undefined || reference.metadata.ionMode === undefined || reference.metadata.ionMode === mode;
  };
}
