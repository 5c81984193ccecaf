/**
 * The spectrum models' input features, computed one way for training and inference:
 * the training pipeline's dataset is written by this file (native-models/training
 * export-dataset.ts), so the app and the model can never disagree on a feature.
 * Features: a Morgan fingerprint (RDKit MinimalLib, bits) and the molecule's nominal mass,
 * which places the model's neutral-loss output and cuts peaks above the molecular ion.
 */
import type { MainModule } from '@rdkit/rdkit';
import { ELEMENTS } from '../chemistry/element-table.js';

export interface FeaturiserSettings {
  name: 'morgan-bits';
  version: number;
  radius: number;
  nBits: number;
  /** The model predicts intensities at m/z 1..massBins. */
  massBins: number;
}

export const FEATURISER: FeaturiserSettings = { name: 'morgan-bits', version: 1, radius: 2, nBits: 4096, massBins: 1000 };

export interface MoleculeFeatures {
  canonicalSmiles: string;
  /** nBits entries of 0 or 1. */
  fingerprint: Uint8Array;
  /** Sum of the nominal (most abundant isotope, rounded) masses of the atoms. */
  nominalMass: number;
  /** Element symbols present, hydrogen included where the molecule has any. */
  elements: string[];
}

export class FeaturisationError extends Error {}

interface MolJson {
  defaults: { atom: { z: number; impHs: number } };
  molecules: { atoms: { z?: number; impHs?: number }[] }[];
}

/** Unpacks RDKit's byte-packed fingerprint (least significant bit first) into one byte per bit. */
export function unpackBits(packed: Uint8Array, nBits: number): Uint8Array {
  const bits = new Uint8Array(nBits);
  for (let i = 0; i < nBits; i++) bits[i] = (packed[i >> 3]! >> (i & 7)) & 1;
  return bits;
}

export function featurise(rdkit: MainModule, smiles: string, settings: FeaturiserSettings = FEATURISER): MoleculeFeatures {
  const mol = smiles.trim() === '' ? null : rdkit.get_mol(smiles);
  if (!mol) throw new FeaturisationError(`invalid SMILES "${smiles.slice(0, 80)}"`);
  try {
    if (!mol.is_valid()) throw new FeaturisationError(`invalid SMILES "${smiles.slice(0, 80)}"`);
    const json = JSON.parse(mol.get_json()) as MolJson;
    const symbols = new Set<string>();
    let nominalMass = 0;
    for (const molecule of json.molecules) {
      for (const atom of molecule.atoms) {
        const z = atom.z ?? json.defaults.atom.z;
        const element = ELEMENTS[z];
        if (!element) throw new FeaturisationError(`unsupported element (atomic number ${z}) in "${smiles.slice(0, 80)}"`);
        symbols.add(element.symbol);
        nominalMass += Math.round(element.mass);
        const hydrogens = atom.impHs ?? json.defaults.atom.impHs;
        if (hydrogens > 0) {
          symbols.add('H');
          nominalMass += hydrogens;
        }
      }
    }
    const packed = mol.get_morgan_fp_as_uint8array(JSON.stringify({ radius: settings.radius, nBits: settings.nBits })) as Uint8Array;
    return {
      canonicalSmiles: mol.get_smiles(),
      fingerprint: unpackBits(packed, settings.nBits),
      nominalMass,
      elements: [...symbols].sort(),
    };
  } finally {
    mol.delete();
  }
}
