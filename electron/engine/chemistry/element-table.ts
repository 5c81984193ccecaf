/**
 * Element symbols and monoisotopic masses of the most abundant isotope (IUPAC 2016
 * atomic-weight tables). Used for Hill formulas and for masses of formulas that come
 * without a structure.
 */

export const ELEMENTS: Record<number, { symbol: string; mass: number }> = {
  1: { symbol: 'H', mass: 1.00782503223 },
  5: { symbol: 'B', mass: 11.00930536 },
  6: { symbol: 'C', mass: 12 },
  7: { symbol: 'N', mass: 14.00307400443 },
  8: { symbol: 'O', mass: 15.99491461957 },
  9: { symbol: 'F', mass: 18.99840316273 },
  11: { symbol: 'Na', mass: 22.989769282 },
  12: { symbol: 'Mg', mass: 23.985041697 },
  13: { symbol: 'Al', mass: 26.98153853 },
  14: { symbol: 'Si', mass: 27.97692653465 },
  15: { symbol: 'P', mass: 30.97376199842 },
  16: { symbol: 'S', mass: 31.9720711744 },
  17: { symbol: 'Cl', mass: 34.968852682 },
  19: { symbol: 'K', mass: 38.9637064864 },
  20: { symbol: 'Ca', mass: 39.962590863 },
  26: { symbol: 'Fe', mass: 55.93493633 },
  29: { symbol: 'Cu', mass: 62.92959772 },
  30: { symbol: 'Zn', mass: 63.92914201 },
  33: { symbol: 'As', mass: 74.92159457 },
  34: { symbol: 'Se', mass: 79.9165218 },
  35: { symbol: 'Br', mass: 78.9183376 },
  50: { symbol: 'Sn', mass: 119.90220163 },
  53: { symbol: 'I', mass: 126.9044719 },
  80: { symbol: 'Hg', mass: 201.9706434 },
  82: { symbol: 'Pb', mass: 207.9766525 },
};

/** Hill order: C, then H, then the rest alphabetically; without carbon, all alphabetically. */
export function hillFormula(counts: Map<string, number>): string {
  const symbols = [...counts.keys()].sort();
  const ordered = counts.has('C') ? ['C', ...(counts.has('H') ? ['H'] : []), ...symbols.filter((s) => s !== 'C' && s !== 'H')] : symbols;
  return ordered.map((s) => `${s}${counts.get(s) === 1 ? '' : counts.get(s)}`).join('');
}
