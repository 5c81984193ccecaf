/**
 * Decides a file's format from its content first and its extension second, so a
 * MassBank export named `.txt` or an MSP named `.dat` still imports.
 */
import type { SpectrumFormat } from './import-types.js';

const BY_CONTENT: [SpectrumFormat, RegExp][] = [
  ['mzml', /<(indexedmzML|mzML)[\s>]/],
  ['massbank', /^ACCESSION:\s*\S/m],
  ['mgf', /^BEGIN IONS\s*$/m],
  ['jcamp', /^##(TITLE|JCAMP-?DX)=/im],
  ['jsonl', /^\s*\{.*"peaks"\s*:/m],
  ['msp', /^NAME:\s*\S.*$[\s\S]*^NUM ?PEAKS:/im],
  ['peaklist', /^\s*"?(m\/?z|mass)"?\s*[,;\t ]\s*"?(intensity|int|abundance|rel\.?int)/im],
  ['peaklist', /^\s*\d+(\.\d+)?\s*[,;\t ]\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/m],
];

const BY_EXTENSION: [SpectrumFormat, RegExp][] = [
  ['mzml', /\.mzml$/i],
  ['msp', /\.msp$/i],
  ['mgf', /\.mgf$/i],
  ['jcamp', /\.(jdx|dx|jcamp)$/i],
  ['jsonl', /\.jsonl$/i],
  ['peaklist', /\.(csv|tsv)$/i],
  ['massbank', /\.txt$/i],
];

export function sniffFormat(head: string, fileName: string): SpectrumFormat | undefined {
  for (const [format, pattern] of BY_CONTENT) if (pattern.test(head)) return format;
  const name = fileName.replace(/\.gz$/i, '');
  for (const [format, pattern] of BY_EXTENSION) if (pattern.test(name)) return format;
  return undefined;
}
