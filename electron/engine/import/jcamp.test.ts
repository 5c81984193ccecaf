import { afterEach, describe, expect, it } from 'vitest';
import { collect, EI_FILE, field, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

function asJcamp(record: string): string {
  const peaks = record.split('PK$PEAK: m/z int. rel.int.\n')[1]!.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/));
  return [
    `##TITLE=${field(record, /^CH\$NAME: (.+)$/m)}`,
    '##JCAMP-DX=5.01',
    '##DATA TYPE=MASS SPECTRUM',
    `##MOLFORM=${field(record, /^CH\$FORMULA: (.+)$/m)}`,
    `##NPOINTS=${peaks.length}`,
    '##PEAK TABLE=(XY..XY)',
    ...peaks.map(([mz, , rel]) => `${mz},${rel}`),
    '##END=',
  ].join('\n');
}

describe('JCAMP-DX importer', () => {
  it('reads real EI spectra written as JCAMP-DX peak tables inside a link block', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 5);
    const text = ['##TITLE=Compound file', '##JCAMP-DX=5.01', '##DATA TYPE=LINK', '##BLOCKS=5', ...records.map(asJcamp), '##END=', ''].join('\n');
    const items = await collect(importSpectra(dir.file('spectra.jdx', text)));
    expect(items).toHaveLength(5);
    items.forEach((item, n) => {
      if (item.kind !== 'spectrum') throw new Error(JSON.stringify(item));
      expect(item.spectrum.metadata.name).toBe(field(records[n]!, /^CH\$NAME: (.+)$/m));
      expect(item.spectrum.metadata.formula).toBe(field(records[n]!, /^CH\$FORMULA: (.+)$/m));
      expect(item.spectrum.peaks.length).toBe(Number(field(records[n]!, /^PK\$NUM_PEAK: (\d+)$/m)));
    });
  });

  it('rejects a compressed (X++(Y..Y)) table and a bad pair, keeping the good block', async () => {
    dir = tempDir();
    const text = [
      '##TITLE=compressed', '##DATA TYPE=MASS SPECTRUM', '##XYDATA=(X++(Y..Y))', '10 1 2 3', '##END=',
      '##TITLE=bad pair', '##DATA TYPE=MASS SPECTRUM', '##PEAK TABLE=(XY..XY)', '41,10 43', '##END=',
      '##TITLE=good', '##DATA TYPE=MASS SPECTRUM', '##PEAK TABLE=(XY..XY)', '41,10 43,100', '##END=',
    ].join('\n');
    const items = await collect(importSpectra(dir.file('x.jdx', text)));
    expect(items.map((i) => (i.kind === 'problem' ? `${i.problem.record}@${i.problem.line}` : i.spectrum.metadata.name))).toEqual(['compressed@3', 'bad pair@9', 'good']);
  });
});
