/**
 * Structure lists for prediction: CSV/TSV with a header row holding at least `name` and
 * `smiles` (any case; other columns such as `id` are kept), or SDF (the molblock gives
 * the structure, its first line the name, `> <FIELD>` data items the other columns).
 * Bad rows are problems with file and line; a list without the needed columns fails whole.
 */
import { parse } from 'csv-parse';
import { basename } from 'node:path';
import { loadRDKit } from '../chemistry/rdkit-chemistry.js';
import type { ImportItem } from '../import/import-types.js';
import { detectDelimiter } from '../import/peak-list.js';
import { openText, readHead, readLines } from '../import/read-text.js';
import type { StructureInput } from './predict-spectra.js';

export class StructureListError extends Error {}

export type StructureItem = StructureInput | ImportItem;

export async function* readStructureList(path: string, displayName: string = basename(path)): AsyncGenerator<StructureItem> {
  const head = await readHead(path);
  const isSdf = /\.(sdf|sd|mol)(\.gz)?$/i.test(displayName) || /^M {2}END\s*$/m.test(head);
  yield* isSdf ? readSdf(path, displayName) : readCsv(path, displayName, detectDelimiter(head));
}

async function* readCsv(path: string, file: string, delimiter: string): AsyncGenerator<StructureItem> {
  const rows = (await openText(path)).pipe(parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }));
  let header: string[] | undefined;
  let smilesCol = -1;
  let nameCol = -1;
  for await (const { record: cells, info } of rows as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = cells;
      const lower = cells.map((c) => c.toLowerCase());
      smilesCol = lower.indexOf('smiles');
      nameCol = lower.indexOf('name');
      if (smilesCol < 0 || nameCol < 0) {
        throw new StructureListError(`${file}:${info.lines}: the header row needs "name" and "smiles" columns (found: ${cells.join(', ').slice(0, 200)})`);
      }
      continue;
    }
    const smiles = cells[smilesCol]?.trim() ?? '';
    const name = cells[nameCol]?.trim() ?? '';
    if (smiles === '') {
      yield { kind: 'problem', problem: { file, line: info.lines, ...(name ? { record: name } : {}), message: 'empty SMILES' } };
      continue;
    }
    const extra: Record<string, string> = {};
    header.forEach((column, i) => {
      if (i !== smilesCol && i !== nameCol && cells[i] !== undefined && cells[i] !== '') extra[column] = cells[i]!;
    });
    const id = Object.entries(extra).find(([k]) => k.toLowerCase() === 'id')?.[1];
    yield { smiles, name, ...(id ? { id } : {}), extra, file, line: info.lines };
  }
  if (!header) throw new StructureListError(`${file}: empty structure list`);
}

async function* readSdf(path: string, file: string): AsyncGenerator<StructureItem> {
  const rdkit = await loadRDKit();
  let lines: string[] = [];
  let start = 1;
  for await (const { text, line } of readLines(path)) {
    if (lines.length === 0) start = line;
    if (text.trim() !== '$$$$') {
      lines.push(text);
      continue;
    }
    yield sdfRecord(rdkit, lines, file, start);
    lines = [];
  }
  if (lines.some((l) => l.trim() !== '')) yield sdfRecord(rdkit, lines, file, start);
}

function sdfRecord(rdkit: Awaited<ReturnType<typeof loadRDKit>>, lines: string[], file: string, line: number): StructureItem {
  const end = lines.findIndex((l) => l.startsWith('M  END'));
  const name = lines[0]?.trim() ?? '';
  if (end < 0) return { kind: 'problem', problem: { file, line, ...(name ? { record: name } : {}), message: 'record has no "M  END" line' } };
  const extra: Record<string, string> = {};
  for (let i = end + 1; i < lines.length; i++) {
    const field = /^>\s*.*<([^>]+)>/.exec(lines[i]!);
    if (field && lines[i + 1] !== undefined) extra[field[1]!] = lines[i + 1]!.trim();
  }
  const mol = rdkit.get_mol(lines.slice(0, end + 1).join('\n'));
  try {
    if (!mol || !mol.is_valid()) return { kind: 'problem', problem: { file, line, ...(name ? { record: name } : {}), message: 'molblock RDKit cannot read' } };
    const id = extra.ID ?? extra.id;
    return { smiles: mol.get_smiles(), name: name || extra.NAME || extra.name || '', ...(id ? { id } : {}), extra, file, line };
  } finally {
    mol?.delete();
  }
}
