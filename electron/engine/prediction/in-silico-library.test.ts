import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_PARAMS } from '../../common/search-params.js';
import { collect, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from '../import/import-spectra.js';
import { importIntoLibrary } from '../library/import-into-library.js';
import { LibraryStore } from '../library/library-store.js';
import { SpectralSearch } from '../search/spectral-search.js';
import { buildInSilicoLibrary } from './in-silico-library.js';
import { peaksFromIntensities, predictSpectra } from './predict-spectra.js';
import { SpectrumModel } from './spectrum-model.js';
import { readStructureList, StructureListError } from './structure-list.js';
import { jsonlRecord, mspRecord } from './write-predicted.js';

const CSV = `id,name,smiles,cas
S1,caffeine,CN1C=NC2=C1C(=O)N(C(=O)N2C)C,58-08-2
S2,broken,C1CC(,-
S3,toluene,Cc1ccccc1,108-88-3
S4,gold salt,[Au]Cl,-
S5,large alkane,${'C'.repeat(80)},-
S6,ethyl acetate,CCOC(C)=O,141-78-6
`;

const SDF = `benzene
  manual

  6  6  0  0  0  0  0  0  0  0999 V2000
    0.0000    1.4000    0.0000 C   0  0
    1.2124    0.7000    0.0000 C   0  0
    1.2124   -0.7000    0.0000 C   0  0
    0.0000   -1.4000    0.0000 C   0  0
   -1.2124   -0.7000    0.0000 C   0  0
   -1.2124    0.7000    0.0000 C   0  0
  1  2  2  0
  2  3  1  0
  3  4  2  0
  4  5  1  0
  5  6  2  0
  6  1  1  0
M  END
> <ID>
B1

$$$$
not a molecule
  manual

$$$$
`;

let dir: TempDir;
let model: SpectrumModel;
beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir.path, 'structures.csv'), CSV);
  writeFileSync(join(dir.path, 'structures.sdf'), SDF);
  model = await SpectrumModel.load();
});
afterAll(() => dir?.remove());

describe('predicting EI spectra for structure lists', () => {
  it('predicts good rows and reports each bad one with its file, line and reason, in order', async () => {
    const items = await collect(predictSpectra(model, readStructureList(join(dir.path, 'structures.csv'))));
    expect(items.map((i) => (i.kind === 'spectrum' ? i.spectrum.metadata.name : `${i.problem.line}:${i.problem.record}`))).toEqual([
      'caffeine', '3:broken', 'toluene', '5:gold salt', '6:large alkane', 'ethyl acetate',
    ]);
    const problems = items.flatMap((i) => (i.kind === 'problem' ? [i.problem.message] : []));
    expect(problems[0]).toMatch(/invalid SMILES/);
    expect(problems[1]).toMatch(/unsupported element/);
    expect(problems[2]).toMatch(/nominal mass 1122 is above the model's m\/z range/);
    const caffeine = items.find((i) => i.kind === 'spectrum')!;
    if (caffeine.kind !== 'spectrum') throw new Error('unreachable');
    const m = caffeine.spectrum.metadata;
    expect(m).toMatchObject({ id: 'S1', inchikey: 'RYYVLZVUVIJVGH-UHFFFAOYSA-N', formula: 'C8H10N4O2', predictionModel: model.label });
    expect(Math.max(...caffeine.spectrum.peaks.map((p) => p.intensity))).toBe(999);
    expect(Math.max(...caffeine.spectrum.peaks.map((p) => p.mz))).toBeLessThanOrEqual(194 + 12);
  });

  it('reads SDF records, naming a record whose molblock is broken', async () => {
    const items = await collect(readStructureList(join(dir.path, 'structures.sdf')));
    expect(items[0]).toMatchObject({ smiles: 'c1ccccc1', name: 'benzene', id: 'B1', line: 1 });
    expect(items[1]).toMatchObject({ kind: 'problem', problem: { line: 22, record: 'not a molecule' } });
  });

  it('refuses a CSV without name and smiles columns, saying which columns it found', async () => {
    const path = join(dir.path, 'wrong.csv');
    writeFileSync(path, 'compound,structure\nx,CCO\n');
    await expect(collect(readStructureList(path))).rejects.toThrow(StructureListError);
    await expect(collect(readStructureList(path))).rejects.toThrow(/needs "name" and "smiles" columns \(found: compound, structure\)/);
  });

  it('keeps peaks down to 0.2 % of the base peak, scaled to 999, at most 200', () => {
    const row = new Float32Array(1000);
    row[40] = 1;
    row[41] = 0.0019;
    row[42] = 0.5;
    expect(peaksFromIntensities(row)).toEqual([{ mz: 41, intensity: 999 }, { mz: 43, intensity: 499.5 }]);
    expect(peaksFromIntensities(new Float32Array(1000).fill(0.5))).toHaveLength(200);
  });
});

describe('in-silico libraries', () => {
  it('stores predicted spectra as a library marked predicted with the model, whose hits say "predicted"', async () => {
    const store = LibraryStore.open(join(dir.path, 'insilico.sqlite'));
    try {
      const summary = await buildInSilicoLibrary(store, model, [join(dir.path, 'structures.csv')], { library: 'suspects' });
      expect(summary).toMatchObject({ imported: 3, cancelled: false });
      expect(summary.problems.map((p) => p.line)).toEqual([3, 5, 6]);
      expect(store.listLibraries()).toEqual([expect.objectContaining({ name: 'suspects', source: 'predicted', model: model.label, spectra: 3 })]);
      const again = await buildInSilicoLibrary(store, model, [join(dir.path, 'structures.csv')], { library: 'suspects' });
      expect(again).toMatchObject({ imported: 0, duplicates: 3 });

      // Search the library with caffeine's own predicted spectrum: the top hit is caffeine, labelled predicted.
      const [caffeine] = await collect(predictSpectra(model, [{ smiles: 'Cn1cnc2c1c(=O)n(C)c(=O)n2C', name: 'q', file: 'q', line: 1 }]));
      if (caffeine?.kind !== 'spectrum') throw new Error('no prediction');
      const result = new SpectralSearch(store).search({ metadata: {}, peaks: caffeine.spectrum.peaks }, DEFAULT_SEARCH_PARAMS);
      expect(result.hits[0]).toMatchObject({ name: 'caffeine', source: 'predicted' });
    } finally {
      store.close();
    }
  });

  it('makes a predicted library from `nexa predict` output in MSP or JSON Lines through the ordinary import', async () => {
    const items = await collect(predictSpectra(model, readStructureList(join(dir.path, 'structures.csv'))));
    const spectra = items.flatMap((i) => (i.kind === 'spectrum' ? [i] : []));
    const msp = join(dir.path, 'predicted.msp');
    const jsonl = join(dir.path, 'predicted.jsonl');
    writeFileSync(msp, spectra.map((i) => mspRecord(i.spectrum, i.input?.extra)).join(''));
    writeFileSync(jsonl, spectra.map((i) => jsonlRecord(i.spectrum, i.input?.extra)).join(''));
    for (const file of [msp, jsonl]) {
      const reread = await collect(importSpectra(file));
      expect(reread.map((r) => (r.kind === 'spectrum' ? r.spectrum.metadata : r.problem))).toEqual(
        spectra.map((s) => expect.objectContaining({ name: s.spectrum.metadata.name, smiles: s.spectrum.metadata.smiles, inchikey: s.spectrum.metadata.inchikey, predictionModel: model.label })),
      );
      const store = LibraryStore.open(join(dir.path, `${file.endsWith('msp') ? 'msp' : 'jsonl'}.sqlite`));
      try {
        await importIntoLibrary(store, [file], { library: 'from-file' });
        expect(store.listLibraries()[0]).toMatchObject({ source: 'predicted', model: model.label, spectra: 3 });
      } finally {
        store.close();
      }
    }
  });
});
