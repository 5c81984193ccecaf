/**
 * MassBank record format (https://github.com/MassBank/MassBank-web/blob/main/Documentation/MassBankRecordFormat.md):
 * `TAG: value` lines, records closed by `//`, peaks as indented `m/z int rel.int` lines
 * under `PK$PEAK:`. Tags that carry sub-fields (`AC$MASS_SPECTROMETRY: ION_MODE POSITIVE`)
 * are split into sub-tag and value before the canonical-key lookup.
 */
import type { ImportItem, NumberedLine } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

const SUBTAGGED = new Set(['CH$LINK', 'AC$MASS_SPECTROMETRY', 'AC$CHROMATOGRAPHY', 'MS$FOCUSED_ION']);
/** Sub-tags whose bare canonical names would otherwise be ambiguous. */
const KEEP_SUBTAGS = new Set([
  'INCHIKEY', 'MS_TYPE', 'ION_MODE', 'COLLISION_ENERGY', 'RETENTION_TIME', 'KOVATS_RTI', 'RETENTION_INDEX',
  'PRECURSOR_M/Z', 'PRECURSOR_TYPE', 'ION_TYPE',
]);

export async function* parseMassBank(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<ImportItem> {
  let record: RecordBuilder | undefined;
  let inPeaks = false;
  let declaredPeaks: number | undefined;
  for await (const { text, line } of lines) {
    if (text.startsWith('//')) {
      if (record) yield record.finish(declaredPeaks);
      record = undefined;
      inPeaks = false;
      declaredPeaks = undefined;
      continue;
    }
    if (text.trim() === '') continue;
    record ??= new RecordBuilder(file, line);
    if (text.startsWith('  ')) {
      if (inPeaks) record.peakLine(text, line);
      // Other indented blocks (PK$ANNOTATION) are continuation lines we do not keep.
      continue;
    }
    inPeaks = false;
    const colon = text.indexOf(':');
    if (colon <= 0) {
      record.fail(line, `expected "TAG: value", got "${text.slice(0, 60)}"`);
      continue;
    }
    const tag = text.slice(0, colon);
    const value = text.slice(colon + 1).trim();
    if (tag === 'PK$PEAK') {
      inPeaks = true;
      continue;
    }
    if (tag === 'PK$NUM_PEAK') {
      const n = Number(value);
      if (Number.isInteger(n)) declaredPeaks = n;
      continue;
    }
    if (tag === 'ACCESSION') {
      record.field('ID', value);
      record.field('ACCESSION', value);
      continue;
    }
    if (SUBTAGGED.has(tag)) {
      const space = value.indexOf(' ');
      const sub = space > 0 ? value.slice(0, space) : value;
      if (KEEP_SUBTAGS.has(sub)) record.field(sub, space > 0 ? value.slice(space + 1) : '');
      continue;
    }
    record.field(tag, value);
  }
  if (record && (record.peaks.length > 0 || record.failed)) {
    record.fail(record.startLine, 'record is not closed by "//" (file truncated?)');
    yield record.finish();
  }
}
