/**
 * `nexa predict (--smiles S [--name N] | --input structures.csv|.sdf) --out spectra.msp|.jsonl`:
 * predicted EI spectra for structures. Structures the model cannot take (invalid SMILES,
 * elements it was not trained on, mass beyond m/z 1000) are reported on stderr with their
 * line and skipped; the exit code is then 3.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { formatProblem } from '../../engine/import/import-types.js';
import { predictSpectra, type StructureInput } from '../../engine/prediction/predict-spectra.js';
import { SpectrumModel } from '../../engine/prediction/spectrum-model.js';
import { readStructureList, type StructureItem } from '../../engine/prediction/structure-list.js';
import { jsonlRecord, mspRecord } from '../../engine/prediction/write-predicted.js';
import { EXIT_OK, EXIT_REJECTED, Progress, requireExistingFile, requireOption, UsageError } from '../cli-support.js';

export const PREDICT_USAGE = 'nexa predict (--smiles SMILES [--name NAME] | --input structures.csv|.sdf) --out spectra.msp|.jsonl';

export async function predictCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { smiles: { type: 'string' }, name: { type: 'string' }, input: { type: 'string' }, out: { type: 'string' } } });
  const out = requireOption(values.out, '--out spectra.msp|.jsonl');
  const format = /\.jsonl$/i.test(out) ? 'jsonl' : /\.msp$/i.test(out) ? 'msp' : undefined;
  if (!format) throw new UsageError('--out must end in .msp or .jsonl');
  if ((values.smiles === undefined) === (values.input === undefined)) throw new UsageError('give either --smiles or --input');
  const structures: AsyncIterable<StructureItem> | StructureItem[] = values.input
    ? readStructureList(requireExistingFile(values.input, 'structure list'))
    : [{ smiles: values.smiles!, name: values.name ?? values.smiles!, file: 'command line', line: 1 } satisfies StructureInput];

  const model = await SpectrumModel.load();
  const writer = createWriteStream(out);
  const progress = new Progress('predict');
  let written = 0;
  let rejected = 0;
  for await (const item of predictSpectra(model, structures)) {
    if (item.kind === 'problem') {
      rejected++;
      process.stderr.write(`rejected: ${formatProblem(item.problem)}\n`);
      continue;
    }
    const extra = item.input?.extra ?? {};
    if (!writer.write(format === 'msp' ? mspRecord(item.spectrum, extra) : jsonlRecord(item.spectrum, extra))) await once(writer, 'drain');
    if (++written % 256 === 0) progress.update(`${written} spectra predicted`);
  }
  writer.end();
  await once(writer, 'finish');
  progress.done(`${written} spectra predicted with ${model.label} on ${model.provider} into ${out}${rejected ? `, ${rejected} structures rejected` : ''}`);
  return rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}
