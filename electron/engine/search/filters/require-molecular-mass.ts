/**
 * EI molecular-mass hints: when an EI unknown carries a molecular mass (an MSP `MW:` or
 * `ExactMass:` field, or the chemist's own reading of the molecular ion) and a tolerance is
 * set, keeps references whose compound mass lies within it. Applied only where both sides
 * have a mass, and never to MS/MS queries (their precursor window does this job).
 */
import type { ReferenceFilter } from './reference-filter.js';

export function requireMolecularMass(toleranceDa: number | undefined): ReferenceFilter {
  return (query, reference) => {
    if (toleranceDa === undefined || query.precursorMz !== undefined || query.exactMass === undefined) return true;
    const mass = reference.metadata.exactMass;
    return mass === undefined || Math.abs(mass - query.exactMass) <= toleranceDa;
  };
}
