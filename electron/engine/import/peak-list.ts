/**
 * Plain peak lists as CSV or TSV: columns for m/z and intensity (header names from a
 * small alias list, or the first two columns when there is no header), and optionally a
 * spectrum-id column that groups consecutive rows into spectra. csv-parse does the
 * quoting and delimiter work; it streams and reports line numbers.
 */
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { ImportItem } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

const MZ_HEADERS = /^(m\/?z|mass|mz|m_z)$/i;
const INTENSITY_HEADERS = /^(intensity|int|abundance|abund|rel\.?int|relative intensity|i)$/i;
const ID_HEADERS = /^(id|spectrum|spectrum_id|name|compound|title)$/i;

export function detectDelimiter(head: string): string {
  const first = head.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  if (first.includes(',')) return ',';
  return ' ';
}

export async function* parsePeakList(input: Readable, file: string, delimiter: string): AsyncGenerator<ImportItem> {
  const rows = input.pipe(
    parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, comment: '#' }),
  );
  let mzCol = 0;
  let intCol = 1;
  let idCol: number | undefined;
  let first = true;
  let record: RecordBuilder | undefined;
  let currentId: string | undefined;
  const fileName = file.split(/[\\/]/).pop() ?? file;
  try {
    for await (const { record: cells, info } of rows as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      const values = delimiter === ' ' ? cells.join(' ').split(/\s+/) : cells;
      if (first) {
        first = false;
        if (values.some((v) => Number.isNaN(Number(v)))) {
          const mz = values.findIndex((v) => MZ_HEADERS.test(v));
          const intensity = values.findIndex((v) => INTENSITY_HEADERS.test(v));
          if (mz < 0 || intensity < 0) {
            yield { kind: 'problem', problem: { file, line, message: `header "${values.join(',')}" names no m/z and intensity columns` } };
            return;
          }
          mzCol = mz;
          intCol = intensity;
          const id = values.findIndex((v) => ID_HEADERS.test(v));
          idCol = id >= 0 ? id : undefined;
          continue;
        }
      }
      const id = idCol === undefined ? fileName.replace(/\.(csv|tsv|txt)(\.gz)?$/i, '') : (values[idCol] ?? '');
      if (!record || id !== currentId) {
        if (record) yield record.finish();
        record = new RecordBuilder(file, line);
        record.field('ID', id);
        record.field('NAME', id);
        currentId = id;
      }
      record.peakLine(`${values[mzCol] ?? ''} ${values[intCol] ?? ''}`, line);
    }
  } catch (err) {
    if (record) yield record.finish();
    record = undefined;
    yield { kind: 'problem', problem: { file, line: 0, message: `peak list unreadable: ${err instanceof Error ? err.message : String(err)}` } };
  }
  if (record) yield record.finish();
}
