import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, EI_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { detectFormat, importSpectra, UnknownFormatError } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('format recognition', () => {
  it('recognises each format by content even under a misleading extension', async () => {
    dir = tempDir();
    const [record] = await realRecords(EI_FILE, 1);
    const cases: [string, string][] = [
      ['massbank', record!],
      ['msp', 'Name: x\nNum Peaks: 1\n41 1\n'],
      ['mgf', 'BEGIN IONS\nPEPMASS=100\n50 1\nEND IONS\n'],
      ['mzml', '<?xml version="1.0"?>\n<mzML xmlns="http://psi.hupo.org/ms/mzml">'],
      ['jcamp', '##TITLE=x\n##PEAK TABLE=(XY..XY)\n41,1\n##END=\n'],
      ['peaklist', 'mz,intensity\n41,1\n'],
    ];
    for (const [format, content] of cases) {
      expect((await detectFormat(dir.file(`sample-${format}.dat`, content))).format).toBe(format);
    }
  });

  it('reads gzip-compressed files directly, whatever their name', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 10);
    const items = await collect(importSpectra(dir.file('ei-records.bin', gzipSync(records.join('')))));
    expect(items.filter((i) => i.kind === 'spectrum')).toHaveLength(10);
  });

  it('names the file it cannot recognise', async () => {
    dir = tempDir();
    const path = dir.file('notes.dat', 'just some words\nnothing spectral\n');
    await expect(detectFormat(path)).rejects.toThrow(UnknownFormatError);
    await expect(detectFormat(path)).rejects.toThrow(path);
  });
});
