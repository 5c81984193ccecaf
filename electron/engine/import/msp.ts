/**
 * NIST MSP text (also MoNA and MassBank exports): `Key: value` header lines starting with
 * `Name:`, a `Num Peaks:` line, then peaks as `m/z intensity` pairs (several per line
 * separated by `;` in NIST's own files, optionally followed by a quoted annotation).
 * A blank line or the next `Name:` ends a record. MoNA packs extra fields into
 * `Comments: "key=value" "key=value"`, which are unpacked through the same key table.
 */
import type { ImportItem, NumberedLine } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

const COMMENT_FIELD = /"([^"=]+)=([^"]*)"/g;

/** `51 2; 52 3;`, `51:2 52:3`, `51\t2 "annotation"` all become one "m/z int" string per peak. */
function splitPeakPairs(text: string): string[] {
  const bare = text.replace(/"[^"]*"/g, ' ');
  if (bare.includes(';')) return bare.split(';').map((s) => s.trim()).filter((s) => s.length > 0);
  const tokens = bare.trim().split(/[\s,:]+/);
  if (tokens.length <= 3 || tokens.length % 2 !== 0) return [tokens.slice(0, 2).join(' ')];
  const pairs: string[] = [];
  for (let i = 0; i < tokens.length; i += 2) pairs.push(`${tokens[i]} ${tokens[i + 1]}`);
  return pairs;
}

export async function* parseMsp(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<ImportItem> {
  let record: RecordBuilder | undefined;
  let declaredPeaks: number | undefined;
  let inPeaks = false;
  const close = (): ImportItem | undefined => {
    // MSP identifies a record by DB# when present, else by its name.
    if (record && record.metadata.id === undefined && record.metadata.name !== undefined) record.metadata.id = record.metadata.name;
    const item = record?.finish(declaredPeaks);
    record = undefined;
    declaredPeaks = undefined;
    inPeaks = false;
    return item;
  };
  for await (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (record) yield close()!;
      continue;
    }
    const colon = trimmed.indexOf(':');
    const key = colon > 0 ? trimmed.slice(0, colon).trim() : '';
    const isHeader = colon > 0 && /^[A-Za-z$#_][\w $#/.\-()]*$/.test(key) && !/^[\d.]/.test(trimmed);
    if (isHeader && /^name$/i.test(key) && record && (inPeaks || record.peaks.length > 0)) {
      yield close()!;
    }
    if (!record) {
      if (!isHeader) continue;
      record = new RecordBuilder(file, line);
    }
    if (inPeaks || (!isHeader && /^[\d.]/.test(trimmed))) {
      inPeaks = true;
      for (const pair of splitPeakPairs(trimmed)) record.peakLine(pair, line);
      continue;
    }
    if (!isHeader) {
      record.fail(line, `expected "Key: value" or a peak line, got "${trimmed.slice(0, 60)}"`);
      continue;
    }
    const value = trimmed.slice(colon + 1).trim();
    if (/^num ?peaks$/i.test(key)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) record.fail(line, `bad "Num Peaks" value "${value}"`);
      else declaredPeaks = n;
      inPeaks = true;
      continue;
    }
    if (/^comments?$/i.test(key)) {
      for (const match of value.matchAll(COMMENT_FIELD)) record.field(match[1]!, match[2]!);
      continue;
    }
    if (/^name$/i.test(key)) record.field('NAME', value);
    else record.field(key, value);
  }
  if (record) yield close()!;
}
