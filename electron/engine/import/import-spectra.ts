/**
 * The importers' front door: recognise a file's format and stream its records as
 * spectra or problems. Callers (library import, unknown import) decide what to do
 * with each; nothing here touches the database.
 */
import { basename } from 'node:path';
import type { ImportItem, SpectrumFormat } from './import-types.js';
import { parseJcamp } from './jcamp.js';
import { parseJsonLines } from './jsonl.js';
import { parseMassBank } from './massbank.js';
import { parseMgf } from './mgf.js';
import { parseMsp } from './msp.js';
import { parseMzml } from './mzml.js';
import { detectDelimiter, parsePeakList } from './peak-list.js';
import { openText, readHead, readLines } from './read-text.js';
import { sniffFormat } from './sniff-format.js';

export class UnknownFormatError extends Error {
  constructor(readonly file: string) {
    super(`${file}: not a recognised spectrum file (expected MSP, MGF, MassBank, mzML, JCAMP-DX, JSON Lines or a CSV/TSV peak list)`);
  }
}

export async function detectFormat(path: string): Promise<{ format: SpectrumFormat; head: string }> {
  const head = await readHead(path);
  const format = sniffFormat(head, basename(path));
  if (!format) throw new UnknownFormatError(path);
  return { format, head };
}

/** Every record of the file as a spectrum or a problem; a file that yields nothing is itself a problem. */
export async function* importSpectra(path: string): AsyncGenerator<ImportItem> {
  let count = 0;
  for await (const item of parseByFormat(path)) {
    count++;
    yield item;
  }
  if (count === 0) yield { kind: 'problem', problem: { file: path, line: 1, message: 'no spectra found in this file' } };
}

async function* parseByFormat(path: string): AsyncGenerator<ImportItem> {
  const { format, head } = await detectFormat(path);
  switch (format) {
    case 'massbank':
      yield* parseMassBank(readLines(path), path);
      return;
    case 'msp':
      yield* parseMsp(readLines(path), path);
      return;
    case 'mgf':
      yield* parseMgf(readLines(path), path);
      return;
    case 'jcamp':
      yield* parseJcamp(readLines(path), path);
      return;
    case 'jsonl':
      yield* parseJsonLines(readLines(path), path);
      return;
    case 'mzml':
      yield* parseMzml(await openText(path), path);
      return;
    case 'peaklist':
      yield* parsePeakList(await openText(path), path, detectDelimiter(head));
      return;
  }
}
