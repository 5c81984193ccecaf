import { afterEach, describe, expect, it } from 'vitest';
import { collect, field, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

function asMgf(record: string): string {
  const peaks = record.split('PK$PEAK: m/z int. rel.int.\n')[1]!.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
  const negative = /ION_MODE NEGATIVE/.test(record);
  return ['BEGIN IONS', `TITLE=${field(record, /^ACCESSION: (.+)$/m)}`, `PEPMASS=${field(record, /PRECURSOR_M\/Z (\S+)/)} 1000`, `CHARGE=1${negative ? '-' : '+'}`, ...peaks, 'END IONS', ''].join('\n');
}

describe('MGF importer', () => {
  it('reads real MS/MS spectra: TITLE as id, PEPMASS as precursor, CHARGE sign as ion mode', async () => {
    dir = tempDir();
    const records = await realRecords(MSMS_FILE, 30);
    const items = await collect(importSpectra(dir.file('spectra.mgf', records.map(asMgf).join('\n'))));
    expect(items).toHaveLength(30);
    items.forEach((item, n) => {
      if (item.kind !== 'spectrum') throw new Error(JSON.stringify(item));
      const record = records[n]!;
      expect(item.spectrum.metadata.id).toBe(field(record, /^ACCESSION: (.+)$/m));
      expect(item.spectrum.metadata.precursorMz).toBeCloseTo(Number(field(record, /PRECURSOR_M\/Z (\S+)/)), 6);
      expect(item.spectrum.metadata.ionMode).toBe(field(record, /ION_MODE (\S+)/)!.toLowerCase());
    });
  });

  it('reports a block left open and a stray END IONS, keeping the good block', async () => {
    dir = tempDir();
    const text = ['BEGIN IONS', 'TITLE=open', '100 1', 'BEGIN IONS', 'TITLE=good', 'PEPMASS=200.1', '100.5 10', 'END IONS', 'END IONS', ''].join('\n');
    const items = await collect(importSpectra(dir.file('bad.mgf', text)));
    expect(items.map((i) => (i.kind === 'problem' ? `${i.problem.line}:${i.problem.message}` : i.spectrum.metadata.id))).toEqual([
      '4:missing "END IONS" before the next "BEGIN IONS"',
      'good',
      '9:"END IONS" without "BEGIN IONS"',
    ]);
  });
});
