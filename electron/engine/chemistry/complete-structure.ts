/**
 * Fills what a record leaves out about its structure: the InChIKey from the SMILES or
 * the InChI, the formula and exact mass from the structure or the formula. A SMILES
 * RDKit cannot parse is dropped with a warning rather than failing the record, since
 * the spectrum is still a valid reference.
 */
import type { SpectrumMetadata } from '../../common/spectrum.js';
import { describeSmiles, formulaMass, inchikeyFromInchi, InvalidStructureError } from './rdkit-chemistry.js';

export async function completeStructure(metadata: SpectrumMetadata): Promise<string | undefined> {
  let warning: string | undefined;
  if (metadata.smiles && (!metadata.inchikey || !metadata.formula || metadata.exactMass === undefined)) {
    try {
      const info = await describeSmiles(metadata.smiles);
      if (!metadata.inchikey && info.inchikey) metadata.inchikey = info.inchikey;
      if (!metadata.inchi && info.inchi) metadata.inchi = info.inchi;
      metadata.formula ??= info.formula;
      metadata.exactMass ??= info.monoisotopicMass;
    } catch (err) {
      if (!(err instanceof InvalidStructureError)) throw err;
      warning = err.message;
    }
  }
  if (!metadata.inchikey && metadata.inchi) {
    const key = await inchikeyFromInchi(metadata.inchi);
    if (key) metadata.inchikey = key;
  }
  if (metadata.exactMass === undefined && metadata.formula) {
    const mass = formulaMass(metadata.formula);
    if (mass !== undefined) metadata.exactMass = mass;
  }
  return warning;
}
