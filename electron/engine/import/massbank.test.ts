import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, EI_FILE, field, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('MassBank record importer', () => {
  it('reads real EI records with their canonical metadata and every peak', async () => {
    dir = tempDir();
    const records = await realRecords(EI_FILE, 200);
    const items = await collect(importSpectra(dir.file('ei.txt', records.join(''))));
    expect(items.every((i) => i.kind === 'spectrum')).toBe(true);
    expect(items).toHaveLength(200);
    records.forEach((record, n) => {
      const item = items[n]!;
      if (item.kind !== 'spectrum') throw new Error('expected a spectrum');
      const m = item.spectrum.metadata;
      expect(m.id).toBe(field(record, /^ACCESSION: (.+)$/m));
      expect(m.name).toBe(field(record, /^CH\$NAME: (.+)$/m));
      expect(m.msLevel).toBe(1);
      expect(m.license).toBe(field(record, /^LICENSE: (.+)$/m));
      const key = field(record, /^CH\$LINK: INCHIKEY (.+)$/m);
      if (key) expect(m.inchikey).toBe(key);
      expect(item.spectrum.peaks.length).toBe(Number(field(record, /^PK\$NUM_PEAK: (\d+)$/m)));
    });
  });

  it('reads precursor, ion mode, collision energy and retention time in seconds from real MS/MS records', async () => {
    dir = tempDir();
    const records = await realRecords(MSMS_FILE, 50, (r) => /RETENTION_TIME \d/.test(r));
    const items = await collect(importSpectra(dir.file('msms.txt.gz', gzipSync(records.join('')))));
    expect(items).toHaveLength(50);
    for (const [n, item] of items.entries()) {
      if (item.kind !== 'spectrum') throw new Error('expected a spectrum');
      const record = records[n]!;
      const m = item.spectrum.metadata;
      expect(m.msLevel).toBe(2);
      expect(m.precursorMz).toBeCloseTo(Number(field(record, /PRECURSOR_M\/Z (\S+)/)), 6);
      expect(m.ionMode).toBe(field(record, /ION_MODE (\S+)/)!.toLowerCase());
      const rt = field(record, /RETENTION_TIME (.+)$/m)!;
      const minutes = Number(/[\d.]+/.exec(rt)![0]);
      const expected = /s(ec)?\b/i.test(rt) ? minutes : minutes > 120 ? minutes : minutes * 60;
      expect(m.retentionTime).toBeCloseTo(expected, 6);
    }
  });

  it('reports a malformed record with file, line and accession, and still imports the records around it', async () => {
    dir = tempDir();
    const [first, second, third] = await realRecords(EI_FILE, 3);
    const broken = second!.replace(/\n {2}(\d+) /, '\n  x$1 ');
    const path = dir.file('broken.txt', first! + broken + third!);
    const items = await collect(importSpectra(path));
    expect(items.map((i) => i.kind)).toEqual(['spectrum', 'problem', 'spectrum']);
    const problem = items[1]!;
    if (problem.kind !== 'problem') throw new Error('expected a problem');
    expect(problem.problem.file).toBe(path);
    expect(problem.problem.record).toBe(field(second!, /^ACCESSION: (.+)$/m));
    const badLine = (first! + broken).split('\n').findIndex((l) => l.startsWith('  x')) + 1;
    expect(problem.problem.line).toBe(badLine);
    expect(problem.problem.message).toMatch(/bad peak line/);
  });

  it('rejects a record whose peak count disagrees with PK$NUM_PEAK, and one cut off before //', async () => {
    dir = tempDir();
    const [first, second] = await realRecords(EI_FILE, 2);
    const wrongCount = first!.replace(/PK\$NUM_PEAK: \d+/, 'PK$NUM_PEAK: 9999');
    const truncated = second!.slice(0, second!.lastIndexOf('//'));
    const items = await collect(importSpectra(dir.file('bad.txt', wrongCount + truncated)));
    expect(items).toHaveLength(2);
    expect(items.map((i) => (i.kind === 'problem' ? i.problem.message : 'ok'))).toEqual([
      expect.stringMatching(/declares 9999 peaks/),
      expect.stringMatching(/not closed/),
    ]);
  });
});
