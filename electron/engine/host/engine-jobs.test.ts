import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import type { JobStatus } from '../../common/api/contract.js';
import { DEFAULT_SEARCH_PARAMS } from '../../common/search-params.js';
import { EngineClient, EngineUserError } from './engine-client.js';

let dir: TempDir;
let engine: EngineClient;
let content: string;

beforeAll(async () => {
  dir = tempDir();
  engine = await EngineClient.start({ libraryPath: join(dir.path, 'lib.sqlite'), projectPath: join(dir.path, 'project.sqlite'), seedSampleLibrary: true });
  content = Buffer.from((await realRecords(MSMS_FILE, 3000)).join('')).toString('base64');
});
afterAll(async () => {
  await engine?.stop();
  dir?.remove();
});

/** Polls a job to its end, recording every status seen on the way. */
async function follow(started: JobStatus): Promise<JobStatus[]> {
  const seen = [started];
  while (seen[seen.length - 1]!.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    seen.push(await engine.call('jobs.get', { jobId: started.jobId }));
  }
  return seen;
}

describe('long jobs on the engine thread', () => {
  it('imports a large file as a job whose progress the engine reports while it runs', async () => {
    const seen = await follow(await engine.call('jobs.startImport', { fileName: 'msms.txt', contentBase64: content }));
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ state: 'done', done: 3000, total: 3000 });
    expect((last.result as { added: unknown[] }).added).toHaveLength(3000);
    expect(seen.some((s) => s.state === 'running' && s.done > 0 && s.done < 3000)).toBe(true);
  });

  it('cancels a search part-way, keeping the results made so far', async () => {
    const started = await engine.call('jobs.startSearch', { params: DEFAULT_SEARCH_PARAMS });
    let status = started;
    while (status.state === 'running' && status.done < 100) status = await engine.call('jobs.get', { jobId: started.jobId });
    await engine.call('jobs.cancel', { jobId: started.jobId });
    const seen = await follow(status);
    const last = seen[seen.length - 1]!;
    expect(last.state).toBe('cancelled');
    const searched = (last.result as { searched: number }).searched;
    expect(searched).toBeGreaterThanOrEqual(100);
    expect(searched).toBeLessThan(3000);
    const unknowns = await engine.call('unknowns.list', {});
    expect(unknowns.filter((u) => u.searchedAs !== undefined)).toHaveLength(searched);
  });

  it('cancels an import without keeping any of its spectra', async () => {
    const before = (await engine.call('unknowns.list', {})).length;
    const started = await engine.call('jobs.startImport', { fileName: 'again.txt', contentBase64: content });
    await engine.call('jobs.cancel', { jobId: started.jobId });
    const seen = await follow(started);
    expect(seen[seen.length - 1]!.state).toBe('cancelled');
    expect((await engine.call('unknowns.list', {})).length).toBe(before);
  });

  it('adds a library as a job, and a cancelled one keeps whole batches only', async () => {
    const done = await follow(await engine.call('jobs.startLibraryImport', { fileName: 'lab.txt', contentBase64: content, library: 'lab MS/MS' }));
    expect(done[done.length - 1]).toMatchObject({ state: 'done', result: { library: 'lab MS/MS', imported: 3000, duplicates: 0, problems: [] } });
    const libraries = await engine.call('libraries.list', {});
    expect(libraries.find((l) => l.name === 'lab MS/MS')?.spectra).toBe(3000);

    const started = await engine.call('jobs.startLibraryImport', { fileName: 'lab2.txt', contentBase64: content, library: 'cancelled' });
    await engine.call('jobs.cancel', { jobId: started.jobId });
    const seen = await follow(started);
    const kept = (await engine.call('libraries.list', {})).find((l) => l.name === 'cancelled')?.spectra ?? 0;
    expect(seen[seen.length - 1]!.state).toBe('cancelled');
    expect(kept % 1000).toBe(0);
    expect(kept).toBeLessThan(3000);
  });

  it('names an unknown job', async () => {
    await expect(engine.call('jobs.get', { jobId: 'job999' })).rejects.toThrow(EngineUserError);
  });
});

describe('an engine thread that dies', () => {
  it('is started again on the same files, with the project as it was', async () => {
    const before = await engine.call('unknowns.list', {});
    // Stand in for a crash (an out-of-memory kill, a native fault): end the thread from outside.
    await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(() => engine.restarts).toBe(1);
    const after = await engine.call('unknowns.list', {});
    expect(after.map((u) => u.unknownId)).toEqual(before.map((u) => u.unknownId));
    expect((await engine.call('libraries.list', {})).length).toBeGreaterThan(0);
  });
});
