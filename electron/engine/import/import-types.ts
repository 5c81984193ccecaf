/**
 * Shapes shared by every importer: what a parser yields, and how a rejected record is
 * reported (file, line, record identifier, reason) so the chemist can find and fix it.
 */
import type { Spectrum } from '../../common/spectrum.js';

export interface ImportProblem {
  file: string;
  /** 1-based line where the bad record starts (or where the fault was seen). */
  line: number;
  /** The record's identifier when one was read before the fault. */
  record?: string;
  message: string;
}

export type ImportItem =
  | { kind: 'spectrum'; spectrum: Spectrum; line: number }
  | { kind: 'problem'; problem: ImportProblem };

export type SpectrumFormat = 'massbank' | 'msp' | 'mgf' | 'mzml' | 'jcamp' | 'jsonl' | 'peaklist';

/** A numbered line of text, as the line reader hands it to the text parsers. */
export interface NumberedLine {
  text: string;
  line: number;
}

export function formatProblem(p: ImportProblem): string {
  const where = `${p.file}:${p.line}`;
  return p.record ? `${where} (record ${p.record}): ${p.message}` : `${where}: ${p.message}`;
}
