/**
 * One table mapping every input format's metadata keys to the canonical set
 * (the matchms idea): importers never hard-code field names, they look them up here.
 * Keys are compared upper-cased with spaces, dashes and dots folded to underscores.
 */
import type { SpectrumMetadata } from '../../common/spectrum.js';

export type CanonicalKey = keyof SpectrumMetadata;

const ALIASES: Record<CanonicalKey, readonly string[]> = {
  id: ['ID', 'DB#', 'DB', 'TITLE', 'SPECTRUMID', 'SPECTRUM_ID', 'NATIVEID', 'SCANS'],
  accession: ['ACCESSION', 'SOURCE_ACCESSION'],
  name: ['NAME', 'CH$NAME', 'COMPOUND_NAME', 'COMPOUND', 'TITLE_NAME', 'MOLECULE_NAME'],
  smiles: ['SMILES', 'CH$SMILES', 'COMPUTED_SMILES'],
  inchi: ['INCHI', 'CH$IUPAC', 'INCHI_STRING'],
  inchikey: ['INCHIKEY', 'INCHI_KEY', 'INCHIKEY_INCHI', 'CH$LINK_INCHIKEY'],
  formula: ['FORMULA', 'CH$FORMULA', 'MOLECULAR_FORMULA', 'MOLFORM', 'MOLFORMULA'],
  exactMass: ['EXACTMASS', 'EXACT_MASS', 'CH$EXACT_MASS', 'MONOISOTOPIC_MASS', 'MW', 'MOLECULAR_WEIGHT'],
  precursorMz: ['PRECURSORMZ', 'PRECURSOR_MZ', 'PRECURSOR_M/Z', 'PEPMASS', 'MS$FOCUSED_ION_PRECURSOR_M/Z', 'SELECTED_ION_M/Z'],
  precursorType: ['PRECURSORTYPE', 'PRECURSOR_TYPE', 'ADDUCT', 'ION_TYPE', 'MS$FOCUSED_ION_PRECURSOR_TYPE'],
  ionMode: ['IONMODE', 'ION_MODE', 'POLARITY', 'CHARGE_MODE', '.SPECTROMETER_TYPE_POLARITY'],
  msLevel: ['MSLEVEL', 'MS_LEVEL', 'MS_TYPE', 'SPECTRUMTYPE', 'SPECTRUM_TYPE'],
  retentionTime: ['RETENTIONTIME', 'RETENTION_TIME', 'RT', 'RTINSECONDS', 'RTINMINUTES', 'SCAN_START_TIME', '.RETENTION_TIME'],
  retentionIndex: ['RETENTIONINDEX', 'RETENTION_INDEX', 'RI', 'KOVATS_RTI', 'KOVATS_RI', 'RETENTION_INDEX_KOVATS'],
  instrumentType: ['INSTRUMENTTYPE', 'INSTRUMENT_TYPE', 'AC$INSTRUMENT_TYPE', 'SOURCE_INSTRUMENT', 'INSTRUMENT_TYPE_'],
  instrument: ['INSTRUMENT', 'AC$INSTRUMENT', 'SPECTROMETER/DATA_SYSTEM', 'MASS_SPECTROMETER'],
  collisionEnergy: ['COLLISIONENERGY', 'COLLISION_ENERGY', 'CE'],
  license: ['LICENSE', 'LICENCE'],
  predictionModel: ['PREDICTION_MODEL', 'PREDICTED_BY'],
  authors: ['AUTHORS', 'AUTHOR', 'CONTRIBUTOR', 'ORIGIN', 'OWNER'],
};

/** The canonical keys themselves (what the app's own JSON carries). */
export const CANONICAL_KEYS: ReadonlySet<string> = new Set(Object.keys(ALIASES));

/** Fold a raw key so `Precursor M/Z`, `precursor_m/z` and `PRECURSOR-M/Z` all meet. */
export function foldKey(raw: string): string {
  return raw.trim().toUpperCase().replace(/[\s\-.]+/g, '_').replace(/^_+/, '');
}

const LOOKUP: ReadonlyMap<string, CanonicalKey> = (() => {
  const table = new Map<string, CanonicalKey>();
  for (const [canonical, aliases] of Object.entries(ALIASES) as [CanonicalKey, readonly string[]][]) {
    for (const alias of aliases) table.set(foldKey(alias), canonical);
  }
  return table;
})();

/** The canonical key for a raw format key, or undefined when the key carries nothing we keep. */
export function canonicalKey(raw: string): CanonicalKey | undefined {
  return LOOKUP.get(foldKey(raw));
}
