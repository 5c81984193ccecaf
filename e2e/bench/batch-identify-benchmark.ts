/**
 * Batch identification at scale: 10,000 real unknowns (4,000 EI, 6,000 MS/MS, from the
 * MassBank files) searched and ranked by the real `nexa identify` against one library of
 * both files, streaming JSONL out. Reports wall time and the child's peak resident
 * memory, with probabilistic ranking and with similarity only. Run alone with
 * `npm run bench -- batch`; `npm run bench` includes it.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Spectrum } from '../../electron/common/spectrum.js';
import { importSpectra } from '../../electron/engine/import/import-spectra.js';
import { EI_FILE, MSMS_FILE, NEXA_BIN, REPO_ROOT } from '../../test-support/shared-data.js';

const EI_QUERIES = 4000;
const MSMS_QUERIES = 6000;

function runNexa(args: string[]): { seconds: number; peakRssMib: number; stderr: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(REPO_ROOT, 'e2e', 'bench', 'report-peak-rss.mjs'), NEXA_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`nexa ${args[0]} failed: ${run.stderr}`);
  const kib = Number(/peak-rss-kib (\d+)/.exec(run.stderr)?.[1] ?? 0);
  return { seconds, peakRssMib: Math.round(kib / 1024), stderr: run.stderr };
}

async function writeQueries(path: string): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  for (const [file, wanted] of [[EI_FILE, EI_QUERIES], [MSMS_FILE, MSMS_QUERIES]] as const) {
    const spectra: Spectrum[] = [];
    for await (const item of importSpectra(file)) if (item.kind === 'spectrum') spectra.push(item.spectrum);
    const step = spectra.length / wanted;
    for (let i = 0; i < wanted; i++) {
      const { metadata: m, peaks } = spectra[Math.floor(i * step)]!;
      const line = { id: `q${written + 1}`, precursorMz: m.precursorMz, ionMode: m.ionMode, msLevel: m.msLevel, retentionTime: m.retentionTime, peaks: peaks.map((p) => [p.mz, p.intensity]) };
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
      written++;
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}

export async function batchIdentifyBenchmark(outDir: string, log: (text: string) => void): Promise<Record<string, unknown>> {
  const library = join(outDir, 'batch-library.sqlite');
  runNexa(['library', 'import', EI_FILE, MSMS_FILE, '--library', library, '--name', 'massbank']);
  const queries = join(outDir, 'batch-queries.jsonl');
  const count = await writeQueries(queries);
  const results: Record<string, unknown> = { unknowns: count, ei: EI_QUERIES, msms: MSMS_QUERIES, library_spectra: 104_111 };
  for (const rank of ['probabilistic', 'similarity'] as const) {
    const out = join(outDir, `batch-${rank}.jsonl`);
    const run = runNexa(['identify', queries, '--library', library, '--rank', rank, '--top', '10', '--out', out]);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const flagged = rank === 'probabilistic' ? lines.filter((l) => (JSON.parse(l) as { flagged?: boolean }).flagged).length : undefined;
    results[rank] = { seconds: +run.seconds.toFixed(1), unknowns_per_second: Math.round(count / run.seconds), peak_rss_mib: run.peakRssMib, results: lines.length, ...(flagged !== undefined ? { flagged } : {}) };
    log(`batch identify (${rank}): ${lines.length} unknowns in ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMib} MiB`);
  }
  return results;
}
