/**
 * Stage 0 of the training pipeline: writes the training data with the app's own code, so
 * the features the models learn from are exactly those the app computes at inference.
 * - ei-spectra.jsonl.gz: one line per EI record with a usable structure: its InChIKey and
 *   first block, canonical SMILES, nominal mass, fingerprint (on-bit indices), unit-mass
 *   peaks (the app's binning: m/z rounded, intensities summed) and licence.
 * - extra-structures.jsonl.gz: structures of the MS/MS file (their spectra unused) with
 *   features, for distillation; the split stage drops any that share a block with the
 *   EI validation or test compounds.
 * - featuriser.json: the settings, copied into every model card.
 * Usage: node electron/bin/run-ts.js native-models/training/export-dataset.ts --ei FILE --structures FILE --out DIR
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { loadRDKit } from '../../electron/engine/chemistry/rdkit-chemistry.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { FEATURISER, featurise, FeaturisationError } from '../../electron/engine/prediction/featurise.js';
import { toUnitMass } from '../../electron/engine/search/similarity/nist-match-factor.js';

const { values } = parseArgs({ options: { ei: { type: 'string' }, structures: { type: 'string' }, out: { type: 'string' } } });
if (!values.ei || !values.out) {
  process.stderr.write('usage: export-dataset.ts --ei EI_FILE [--structures MSMS_FILE] --out DIR\n');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const rdkit = await loadRDKit();

function gzipLines(path: string): { write: (line: object) => void; close: () => Promise<void> } {
  const gzip = createGzip();
  const done = new Promise<void>((resolve, reject) => gzip.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject));
  return {
    write: (line) => gzip.write(`${JSON.stringify(line)}\n`),
    close: () => {
      gzip.end();
      return done;
    },
  };
}

function inchikeyOf(smiles: string): string | undefined {
  const mol = rdkit.get_mol(smiles);
  if (!mol) return undefined;
  try {
    const inchi = mol.get_inchi();
    return inchi ? rdkit.get_inchikey_for_inchi(inchi) : undefined;
  } finally {
    mol.delete();
  }
}

const onBits = (bits: Uint8Array): number[] => Array.from(bits).flatMap((b, i) => (b ? [i] : []));
const skipped = new Map<string, number>();
const skip = (why: string): void => void skipped.set(why, (skipped.get(why) ?? 0) + 1);

const ei = gzipLines(join(values.out, 'ei-spectra.jsonl.gz'));
const eiBlocks = new Set<string>();
let eiCount = 0;
for await (const item of importSpectra(values.ei)) {
  if (item.kind !== 'spectrum') continue;
  const { metadata, peaks } = item.spectrum;
  if (!metadata.smiles) {
    skip('no SMILES');
    continue;
  }
  try {
    const features = featurise(rdkit, metadata.smiles);
    const inchikey = metadata.inchikey && /^[A-Z]{14}-/.test(metadata.inchikey) ? metadata.inchikey : inchikeyOf(metadata.smiles);
    if (!inchikey) {
      skip('no InChIKey');
      continue;
    }
    const binned = [...toUnitMass(peaks)].filter(([mz, intensity]) => mz >= 1 && mz <= FEATURISER.massBins && intensity > 0).sort((a, b) => a[0] - b[0]);
    if (binned.length === 0) {
      skip('no peaks in m/z 1-1000');
      continue;
    }
    const block = inchikey.slice(0, 14);
    eiBlocks.add(block);
    ei.write({
      accession: metadata.accession ?? metadata.id,
      name: metadata.name,
      inchikey,
      block,
      smiles: features.canonicalSmiles,
      nominalMass: features.nominalMass,
      elements: features.elements,
      fingerprint: onBits(features.fingerprint),
      peaks: binned,
      license: metadata.license,
    });
    eiCount++;
  } catch (error) {
    if (!(error instanceof FeaturisationError)) throw error;
    skip(error.message.startsWith('invalid') ? 'invalid SMILES' : 'unsupported element');
  }
}
await ei.close();

let extraCount = 0;
if (values.structures) {
  const extra = gzipLines(join(values.out, 'extra-structures.jsonl.gz'));
  const seen = new Set<string>(eiBlocks);
  for await (const item of importSpectra(values.structures)) {
    if (item.kind !== 'spectrum') continue;
    const { smiles, inchikey } = item.spectrum.metadata;
    if (!smiles || !inchikey || !/^[A-Z]{14}-/.test(inchikey)) continue;
    const block = inchikey.slice(0, 14);
    if (seen.has(block)) continue;
    seen.add(block);
    try {
      const features = featurise(rdkit, smiles);
      if (features.nominalMass > FEATURISER.massBins) continue;
      extra.write({ inchikey, block, smiles: features.canonicalSmiles, nominalMass: features.nominalMass, elements: features.elements, fingerprint: onBits(features.fingerprint) });
      extraCount++;
    } catch (error) {
      if (!(error instanceof FeaturisationError)) throw error;
    }
  }
  await extra.close();
}

writeFileSync(join(values.out, 'featuriser.json'), `${JSON.stringify(FEATURISER, null, 2)}\n`);
process.stderr.write(`EI spectra written: ${eiCount} (${eiBlocks.size} compounds); extra structures: ${extraCount}\n`);
for (const [why, n] of skipped) process.stderr.write(`  skipped ${n}: ${why}\n`);
