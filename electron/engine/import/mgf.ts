/**
 * Mascot Generic Format: `BEGIN IONS` / `END IONS` blocks of `KEY=value` lines and
 * `m/z intensity [charge]` peak lines. `TITLE` identifies the record, `PEPMASS` carries
 * the precursor m/z (optionally followed by its intensity), `CHARGE` the polarity sign.
 */
import type { ImportItem, NumberedLine } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

export async function* parseMgf(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<ImportItem> {
  let record: RecordBuilder | undefined;
  for await (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^BEGIN IONS$/i.test(trimmed)) {
      if (record) {
        record.fail(line, 'missing "END IONS" before the next "BEGIN IONS"');
        yield record.finish();
      }
      record = new RecordBuilder(file, line);
      continue;
    }
    if (/^END IONS$/i.test(trimmed)) {
      if (record) yield record.finish();
      else yield { kind: 'problem', problem: { file, line, message: '"END IONS" without "BEGIN IONS"' } };
      record = undefined;
      continue;
    }
    if (!record) continue; // global parameters outside blocks carry no spectrum
    const eq = trimmed.indexOf('=');
    if (eq > 0 && /^[A-Za-z_]/.test(trimmed)) {
      const key = trimmed.slice(0, eq);
      const value = trimmed.slice(eq + 1);
      if (/^CHARGE$/i.test(key)) {
        const sign = value.trim().endsWith('-') ? 'negative' : value.trim().endsWith('+') ? 'positive' : undefined;
        if (sign && !record.metadata.ionMode) record.metadata.ionMode = sign;
        continue;
      }
      record.field(key, value);
      continue;
    }
    record.peakLine(trimmed, line);
  }
  if (record) {
    record.fail(record.startLine, 'record is not closed by "END IONS" (file truncated?)');
    yield record.finish();
  }
}
