/**
 * JCAMP-DX mass spectra (JCAMP-DX MS, McDonald & Wilks 1988 / Lampen et al. 1994):
 * `##LABEL=value` records between `##TITLE=` and `##END=`, peaks under
 * `##PEAK TABLE=(XY..XY)` or `##XYDATA=(XY..XY)` as `x,y` pairs separated by
 * whitespace or `;`. Compound-file link blocks without peaks are skipped silently.
 * Written here because the one npm JCAMP parser (jcampconverter) is CC BY-NC-SA and so
 * cannot ship in a commercial product; the (XY..XY) subset is all MS files use.
 */
import type { ImportItem, NumberedLine } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

const LABEL = /^##([^=]*)=(.*)$/;

export async function* parseJcamp(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<ImportItem> {
  let record: RecordBuilder | undefined;
  let inPeaks = false;
  let isMassSpectrum = false;
  let declaredPoints: number | undefined;
  for await (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('$$')) continue;
    const label = LABEL.exec(trimmed);
    if (!label) {
      if (record && inPeaks) {
        for (const pair of trimmed.replace(/\$\$.*$/, '').split(/[;\s]+/).filter(Boolean)) {
          const [x, y] = pair.split(',');
          if (y === undefined) record.fail(line, `bad peak "${pair}": expected "m/z,intensity"`);
          else record.addPeak(Number(x), Number(y), line);
        }
      }
      continue;
    }
    const key = label[1]!.trim().toUpperCase();
    const value = label[2]!.trim();
    inPeaks = false;
    if (key === 'TITLE') {
      record = new RecordBuilder(file, line);
      record.field('NAME', value);
      record.field('ID', value);
      isMassSpectrum = false;
      declaredPoints = undefined;
      continue;
    }
    if (!record) continue;
    if (key === 'END') {
      if (record.peaks.length > 0 || record.failed || isMassSpectrum) yield record.finish(declaredPoints);
      record = undefined;
      continue;
    }
    switch (key) {
      case 'PEAK TABLE':
      case 'XYDATA':
        if (!/\(XY\.\.XY\)/i.test(value)) {
          record.fail(line, `unsupported ${key} form "${value}": only (XY..XY) pairs are read`);
        } else inPeaks = true;
        break;
      case 'DATA TYPE':
        isMassSpectrum = /MASS SPECTRUM/i.test(value);
        break;
      case 'NPOINTS': {
        const n = Number(value);
        if (Number.isInteger(n)) declaredPoints = n;
        break;
      }
      case 'NAMES':
      case 'CAS NAME':
        record.metadata.name = value;
        break;
      case 'MOLFORM':
        record.field('FORMULA', value.replace(/\s+/g, ''));
        break;
      case '.SPECTROMETER TYPE':
      case 'SPECTROMETER/DATA SYSTEM':
        record.field('INSTRUMENT', value);
        break;
      case '.IONIZATION MODE':
        if (/EI/i.test(value)) record.field('MS_LEVEL', '1');
        break;
      default:
        record.field(key.replace(/^\$/, ''), value);
    }
  }
  if (record && record.peaks.length > 0) {
    record.fail(record.startLine, 'block is not closed by "##END=" (file truncated?)');
    yield record.finish();
  }
}
