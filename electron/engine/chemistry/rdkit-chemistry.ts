/**
 * Structure chemistry on RDKit's WebAssembly build (@rdkit/rdkit): canonical SMILES,
 * InChI and InChIKey, Hill formula, monoisotopic mass and SVG depictions.
 * RDKit's MinimalLib cannot build a molecule from InChI, so a record with only an InChI
 * gets its InChIKey and formula from the InChI string itself.
 */
import { createRequire } from 'node:module';
import type { MainModule, Mol } from '@rdkit/rdkit';
import { ELEMENTS, hillFormula } from './element-table.js';

export interface StructureInfo {
  canonicalSmiles: string;
  inchi: string;
  inchikey: string;
  formula: string;
  monoisotopicMass: number;
}

export class InvalidStructureError extends Error {}

// The package is CommonJS whose typings claim a default export; require() gives the factory.
const initRDKit = createRequire(import.meta.url)('@rdkit/rdkit') as () => Promise<MainModule>;

let modulePromise: Promise<MainModule> | undefined;

/** Loads the WebAssembly module once per thread (about 200 ms). */
export function loadRDKit(): Promise<MainModule> {
  const loading = modulePromise ?? initRDKit().then((rdkit) => {
    rdkit.disable_logging();
    return rdkit;
  });
  modulePromise = loading;
  return loading;
}

interface MolJson {
  defaults: { atom: { z: number; impHs: number; isotope: number } };
  molecules: { atoms: { z?: number; impHs?: number; isotope?: number }[] }[];
}

function formulaAndMass(mol: Mol): { formula: string; mass: number } {
  const json = JSON.parse(mol.get_json()) as MolJson;
  const counts = new Map<string, number>();
  let mass = 0;
  const add = (z: number, n: number): void => {
    const element = ELEMENTS[z];
    if (!element) throw new InvalidStructureError(`unsupported element with atomic number ${z}`);
    counts.set(element.symbol, (counts.get(element.symbol) ?? 0) + n);
    mass += element.mass * n;
  };
  for (const molecule of json.molecules) {
    for (const atom of molecule.atoms) {
      const z = atom.z ?? json.defaults.atom.z;
      if (z === 0) continue; // dummy atoms carry no mass
      add(z, 1);
      const hydrogens = atom.impHs ?? json.defaults.atom.impHs;
      if (hydrogens > 0) add(1, hydrogens);
    }
  }
  return { formula: hillFormula(counts), mass };
}

function withMol<T>(rdkit: MainModule, smiles: string, use: (mol: Mol) => T): T {
  const mol = smiles.trim() === '' ? null : rdkit.get_mol(smiles);
  if (!mol) throw new InvalidStructureError(`invalid SMILES "${smiles.slice(0, 80)}"`);
  try {
    if (!mol.is_valid()) throw new InvalidStructureError(`invalid SMILES "${smiles.slice(0, 80)}"`);
    return use(mol);
  } finally {
    mol.delete();
  }
}

export async function describeSmiles(smiles: string): Promise<StructureInfo> {
  const rdkit = await loadRDKit();
  return withMol(rdkit, smiles, (mol) => {
    const inchi = mol.get_inchi();
    const { formula, mass } = formulaAndMass(mol);
    return {
      canonicalSmiles: mol.get_smiles(),
      inchi,
      inchikey: inchi ? rdkit.get_inchikey_for_inchi(inchi) : '',
      formula,
      monoisotopicMass: mass,
    };
  });
}

export async function inchikeyFromInchi(inchi: string): Promise<string | undefined> {
  const rdkit = await loadRDKit();
  const key = rdkit.get_inchikey_for_inchi(inchi);
  return /^[A-Z]{14}-[A-Z]{10}-[A-Z]$/.test(key) ? key : undefined;
}

export async function depictSvg(smiles: string, width = 320, height = 240): Promise<string> {
  const rdkit = await loadRDKit();
  return withMol(rdkit, smiles, (mol) => mol.get_svg(width, height));
}

/** Monoisotopic mass of a Hill or plain formula such as C10H10O3 or C6H5Cl. */
export function formulaMass(formula: string): number | undefined {
  const bySymbol = new Map(Object.values(ELEMENTS).map((e) => [e.symbol, e.mass]));
  let mass = 0;
  let matched = '';
  for (const m of formula.matchAll(/([A-Z][a-z]?)(\d*)/g)) {
    const element = bySymbol.get(m[1]!);
    if (element === undefined) return undefined;
    mass += element * (m[2] ? Number(m[2]) : 1);
    matched += m[0];
  }
  return matched.length === formula.length && matched.length > 0 ? mass : undefined;
}
