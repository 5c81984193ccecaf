import { describe, expect, it } from 'vitest';
import type { StoredSpectrum } from '../../library/library-store.js';
import { requireMolecularMass } from './require-molecular-mass.js';

const reference = (exactMass?: number): StoredSpectrum => ({ id: 1, libraryId: 1, libraryName: 'L', source: 'measured', peaks: [], metadata: exactMass === undefined ? {} : { exactMass } });

describe('EI molecular-mass hint', () => {
  it('keeps candidates within the tolerance of the unknown\'s mass, and those without a mass', () => {
    const filter = requireMolecularMass(0.5);
    expect(filter({ exactMass: 194 }, reference(194.0804))).toBe(true);
    expect(filter({ exactMass: 194 }, reference(195.1))).toBe(false);
    expect(filter({ exactMass: 194 }, reference())).toBe(true);
  });

  it('does nothing without a tolerance, without a hint, or for MS/MS unknowns', () => {
    expect(requireMolecularMass(undefined)({ exactMass: 194 }, reference(300))).toBe(true);
    expect(requireMolecularMass(0.5)({}, reference(300))).toBe(true);
    expect(requireMolecularMass(0.5)({ exactMass: 194, precursorMz: 195.09 }, reference(300))).toBe(true);
  });
});
