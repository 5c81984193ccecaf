import { afterEach, describe, expect, it } from 'vitest';
import { collect, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('CSV/TSV peak list importer', () => {
  it('reads a headed CSV with a spectrum column into one spectrum per id', async () => {
    dir = tempDir();
    const path = dir.file('peaks.csv', 'spectrum,m/z,intensity\nA,41.0,10\nA,43.1,100\nB,57.07,50\n');
    const items = await collect(importSpectra(path));
    expect(items.map((i) => (i.kind === 'spectrum' ? [i.spectrum.metadata.id, i.spectrum.peaks.length] : i.problem.message))).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });

  it('reads a header-less TSV as one spectrum named after the file', async () => {
    dir = tempDir();
    const items = await collect(importSpectra(dir.file('unknown-7.tsv', '41\t10\n43\t100\n57\t5\n')));
    expect(items).toHaveLength(1);
    const [item] = items;
    if (item?.kind !== 'spectrum') throw new Error(JSON.stringify(item));
    expect(item.spectrum.metadata.id).toBe('unknown-7');
    expect(item.spectrum.peaks).toHaveLength(3);
  });

  it('rejects the spectrum holding a non-numeric intensity with its line', async () => {
    dir = tempDir();
    const items = await collect(importSpectra(dir.file('bad.csv', 'id,mz,intensity\nA,41,10\nB,43,lots\nC,57,5\n')));
    expect(items.map((i) => (i.kind === 'problem' ? `problem ${i.problem.record}@${i.problem.line}` : i.spectrum.metadata.id))).toEqual(['A', 'problem B@3', 'C']);
  });
});
