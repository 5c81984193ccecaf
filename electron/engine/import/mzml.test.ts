import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

function peaksOf(record: string): [number, number][] {
  return record.split('PK$PEAK: m/z int. rel.int.\n')[1]!.split('\n').filter((l) => l.startsWith('  ')).map((l) => {
    const [mz, intensity] = l.trim().split(/\s+/).map(Number);
    return [mz!, intensity!];
  });
}

function binary(values: number[], bits: 32 | 64, zlib: boolean): string {
  const array = bits === 64 ? new Float64Array(values) : new Float32Array(values);
  const bytes = Buffer.from(array.buffer);
  return (zlib ? deflateSync(bytes) : bytes).toString('base64');
}

function spectrumXml(id: string, peaks: [number, number][], options: { bits: 32 | 64; zlib: boolean; profile?: boolean; precursor?: number }): string {
  const array = (kind: 'MS:1000514' | 'MS:1000515', values: number[]): string => `
        <binaryDataArray encodedLength="0">
          <cvParam cvRef="MS" accession="${options.bits === 64 ? 'MS:1000523' : 'MS:1000521'}" name="float"/>
          <cvParam cvRef="MS" accession="${options.zlib ? 'MS:1000574' : 'MS:1000576'}" name="compression"/>
          <cvParam cvRef="MS" accession="${kind}" name="array"/>
          <binary>${binary(values, options.bits, options.zlib)}</binary>
        </binaryDataArray>`;
  return `
    <spectrum index="0" id="${id}" defaultArrayLength="${peaks.length}">
      <cvParam cvRef="MS" accession="MS:1000511" name="ms level" value="2"/>
      <cvParam cvRef="MS" accession="MS:1000130" name="positive scan"/>
      <cvParam cvRef="MS" accession="${options.profile ? 'MS:1000128' : 'MS:1000127'}" name="spectrum representation"/>
      <scanList count="1"><scan><cvParam cvRef="MS" accession="MS:1000016" name="scan start time" value="2.5" unitName="minute"/></scan></scanList>
      <precursorList count="1"><precursor><selectedIonList count="1"><selectedIon>
        <cvParam cvRef="MS" accession="MS:1000744" name="selected ion m/z" value="${options.precursor ?? 0}"/>
      </selectedIon></selectedIonList></precursor></precursorList>
      <binaryDataArrayList count="2">${array('MS:1000514', peaks.map((p) => p[0]))}${array('MS:1000515', peaks.map((p) => p[1]))}
      </binaryDataArrayList>
    </spectrum>`;
}

function mzml(spectra: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<indexedmzML xmlns="http://psi.hupo.org/ms/mzml"><mzML version="1.1.0"><run id="r1"><spectrumList count="${spectra.length}">${spectra.join('')}
</spectrumList></run></mzML></indexedmzML>
`;
}

describe('mzML importer', () => {
  it('decodes 64-bit zlib and 32-bit plain centroided arrays of real spectra', async () => {
    dir = tempDir();
    const [a, b] = await realRecords(MSMS_FILE, 2);
    const peaksA = peaksOf(a!);
    const peaksB = peaksOf(b!);
    const path = dir.file('run.mzML', mzml([
      spectrumXml('scan=1', peaksA, { bits: 64, zlib: true, precursor: 179.0697 }),
      spectrumXml('scan=2', peaksB, { bits: 32, zlib: false, precursor: 301.1 }),
    ]));
    const items = await collect(importSpectra(path));
    expect(items).toHaveLength(2);
    const [first, second] = items;
    if (first?.kind !== 'spectrum' || second?.kind !== 'spectrum') throw new Error(JSON.stringify(items));
    expect(first.spectrum.metadata).toMatchObject({ id: 'scan=1', msLevel: 2, ionMode: 'positive', precursorMz: 179.0697, retentionTime: 150 });
    expect(first.spectrum.peaks.map((p) => [p.mz, p.intensity])).toEqual([...peaksA].sort((x, y) => x[0] - y[0]));
    second.spectrum.peaks.forEach((p, i) => {
      expect(p.mz).toBeCloseTo(peaksB[i]![0], 3);
      expect(p.intensity).toBeCloseTo(peaksB[i]![1], 0);
    });
  });

  it('rejects a profile spectrum with a message and keeps the centroided one', async () => {
    dir = tempDir();
    const [a] = await realRecords(MSMS_FILE, 1);
    const path = dir.file('mixed.mzml', mzml([
      spectrumXml('profile', peaksOf(a!), { bits: 64, zlib: false, profile: true }),
      spectrumXml('centroid', peaksOf(a!), { bits: 64, zlib: false }),
    ]));
    const items = await collect(importSpectra(path));
    expect(items.map((i) => (i.kind === 'problem' ? i.problem.message.slice(0, 16) : i.spectrum.metadata.id))).toEqual(['profile spectrum', 'centroid']);
  });

  it('stops at broken XML with the line, keeping spectra read before it', async () => {
    dir = tempDir();
    const [a] = await realRecords(MSMS_FILE, 1);
    const good = mzml([spectrumXml('ok', peaksOf(a!), { bits: 64, zlib: true })]);
    const broken = good.replace('</spectrumList>', '<spectrum id="bad"><cvParam accession=MS:1000511/></spectrum></spectrumList>');
    const items = await collect(importSpectra(dir.file('broken.mzML', broken)));
    expect(items[0]?.kind).toBe('spectrum');
    const last = items[items.length - 1]!;
    if (last.kind !== 'problem') throw new Error('expected a problem');
    expect(last.problem.message).toMatch(/not well-formed/);
    expect(last.problem.line).toBeGreaterThan(1);
  });
});
