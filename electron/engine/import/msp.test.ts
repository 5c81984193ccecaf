import { afterEach, describe, expect, it } from 'vitest';
import { collect, EI_FILE, field, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

/** Writes a real MassBank EI record as NIST MSP with `mz int;` pairs, as NIST's own exports do. */
function asNistMsp(record: string): string {
  const peaks = record.split('PK$PEAK: m/z int. rel.int.\n')[1]!.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/));
  const pairs = peaks.map(([mz, , rel]) => `${mz} ${rel};`);
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 5) rows.push(pairs.slice(i, i + 5).join(' '));
  return [
    `Name: ${field(record, /^CH\$NAME: (.+)$/m)}`,
    `Formula: ${field(record, /^CH\$FORMULA: (.+)$/m)}`,
    `MW: ${field(record, /^CH\$EXACT_MASS: (.+)$/m)}`,
    `InChIKey: ${field(record, /INCHIKEY (.+)$/m)}`,
    `DB#: ${field(record, /^ACCESSION: (.+)$/m)}`,
    `Num Peaks: ${peaks.length}`,
    ...rows,
    '',
  ].join('\n');
}

describe('MSP importer', () => {
  it('reads NIST-style records with several peaks per line, keyed by DB#', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 20, (r) => /INCHIKEY/.test(r));
    const items = await collect(importSpectra(dir.file('library.msp', records.map(asNistMsp).join('\n'))));
    expect(items).toHaveLength(20);
    items.forEach((item, n) => {
      if (item.kind !== 'spectrum') throw new Error(JSON.stringify(item));
      expect(item.spectrum.metadata.id).toBe(field(records[n]!, /^ACCESSION: (.+)$/m));
      expect(item.spectrum.metadata.inchikey).toBe(field(records[n]!, /INCHIKEY (.+)$/m));
      expect(item.spectrum.peaks.length).toBe(Number(field(records[n]!, /^PK\$NUM_PEAK: (\d+)$/m)));
    });
  });

  it('unpacks MoNA comment fields and falls back to the name as identifier', async () => {
    dir = tempDir();
    const text = [
      'Name: Caffeine',
      'Precursor_type: [M+H]+',
      'Spectrum_type: MS2',
      'PrecursorMZ: 195.0877',
      'Ion_mode: P',
      'Comments: "SMILES=CN1C=NC2=C1C(=O)N(C(=O)N2C)C" "retention time=3.1 min" "license=CC BY"',
      'Num Peaks: 3',
      '138.0662 100',
      '110.0713 12 "annotation"',
      '195.0877 45',
      '',
    ].join('\n');
    const [item] = await collect(importSpectra(dir.file('mona.msp', text)));
    if (item?.kind !== 'spectrum') throw new Error(JSON.stringify(item));
    expect(item.spectrum.metadata).toMatchObject({
      id: 'Caffeine',
      smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
      precursorMz: 195.0877,
      precursorType: '[M+H]+',
      msLevel: 2,
      ionMode: 'positive',
      license: 'CC BY',
      retentionTime: 186,
    });
    expect(item.spectrum.peaks.map((p) => p.mz)).toEqual([110.0713, 138.0662, 195.0877]);
  });

  it('rejects a record with a non-numeric peak, names its line, and keeps the next record', async () => {
    dir = tempDir();
    const text = ['Name: good one', 'Num Peaks: 2', '41 10', '43 100', '', 'Name: bad one', 'Num Peaks: 2', '41 ten', '43 100', '', 'Name: after', 'Num Peaks: 1', '57 5', ''].join('\n');
    const items = await collect(importSpectra(dir.file('mixed.msp', text)));
    expect(items.map((i) => i.kind)).toEqual(['spectrum', 'problem', 'spectrum']);
    const problem = items[1]!;
    if (problem.kind !== 'problem') throw new Error('expected a problem');
    expect(problem.problem).toMatchObject({ line: 8, record: 'bad one' });
  });
});
