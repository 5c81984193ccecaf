import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, MSMS_FILE, realRecords, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { ingestFiles } from '../ingest.js';
import { AtlasStore } from '../store/atlas-store.js';
import { openDatabase } from '../store/database.js';
import { buildAtlasServer } from './atlas-server.js';

const RECORDS = 2000;
let dir: TempDir;
let store: AtlasStore;
let app: FastifyInstance;
let base: string;
let records: string[];
const keys: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  records = await realRecords(MSMS_FILE, RECORDS);
  const file = join(dir.path, 'msms.txt');
  writeFileSync(file, records.join(''));
  store = new AtlasStore(await openDatabase(join(dir.path, 'atlas-data')));
  // First half, "killed" after its first batch, then the rest: the resumed ingest skips what landed.
  const abort = new AbortController();
  const first = await ingestFiles(store, [file], { collection: 'massbank', signal: abort.signal, onProgress: () => abort.abort() });
  expect(first.stored).toBe(500);
  const rest = await ingestFiles(store, [file], { collection: 'massbank' });
  expect(rest).toMatchObject({ skipped: 500, stored: RECORDS - 500, problems: 0 });
  await store.createCollection('closed', { pushTiers: [] });
  for (const tier of ['free', 'pro', 'academic', 'commercial'] as const) keys[tier] = await store.createKey(`${tier} lab`, tier);
  app = await buildAtlasServer(store, { rateLimits: { free: 5, pro: 1000, academic: undefined, commercial: undefined }, bodyLimitBytes: 1024 * 1024 });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await store?.db.close();
  dir?.remove();
});

const call = (path: string, options: { key?: string; body?: unknown; raw?: string; method?: string } = {}): Promise<Response> =>
  fetch(`${base}${path}`, {
    method: options.method ?? (options.body !== undefined || options.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(options.key ? { Authorization: `Bearer ${options.key}` } : {}), ...(options.body !== undefined || options.raw !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });

function peaksOf(record: string): [number, number][] {
  const block = record.split('PK$PEAK:')[1]!.split('\n').slice(1).filter((l) => l.startsWith('  '));
  return block.map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number) as [number, number]);
}

describe('Atlas++ server on 127.0.0.1 with its embedded PGlite', () => {
  it('answers health, docs and metrics without a key, and nothing else', async () => {
    expect(await (await call('/health')).json()).toMatchObject({ status: 'ok', embedding_model: { name: 'nexa-unit-mass-vector', version: '1' } });
    expect((await (await call('/docs/json')).json()) as { paths: object }).toHaveProperty(['paths', '/search']);
    expect(await (await call('/metrics')).text()).toMatch(/atlas_requests_total\{route="\/health",status="200"\} 1/);
    const denied = await call('/collections');
    expect(denied.status).toBe(401);
    expect((await call('/collections', { key: 'atlas_not-a-key' })).status).toBe(401);
  });

  it('lists collections with their embedding model and counts', async () => {
    const { collections } = (await (await call('/collections', { key: keys.pro })).json()) as { collections: { name: string; spectra: number; embedding_model: string }[] };
    expect(collections).toEqual([expect.objectContaining({ name: 'closed', spectra: 0 }), expect.objectContaining({ name: 'massbank', spectra: RECORDS, embedding_model: 'nexa-unit-mass-vector' })]);
  });

  it('finds a stored spectrum from its own peaks first, within the filters, and by embedding alike', async () => {
    const record = records[123]!;
    const accession = field(record, /^ACCESSION: (.+)$/m)!;
    const precursor = Number(field(record, /PRECURSOR_M\/Z (\S+)/));
    const body = { spectrum: { peaks: peaksOf(record) }, top_k: 5, filters: { precursor_mz: { min: precursor - 0.01, max: precursor + 0.01 } } };
    const { hits } = (await (await call('/search', { key: keys.pro, body })).json()) as { hits: { external_id: string; score: number; metadata: { precursorMz: number } }[] };
    expect(hits[0]).toMatchObject({ external_id: accession });
    expect(hits[0]!.score).toBeGreaterThan(0.999);
    for (const hit of hits) expect(Math.abs(hit.metadata.precursorMz - precursor)).toBeLessThanOrEqual(0.01);
    const { embedding } = (await (await call('/embed', { key: keys.pro, body: { spectrum: body.spectrum } })).json()) as { embedding: number[] };
    expect(embedding).toHaveLength(1000);
    const byEmbedding = (await (await call('/search', { key: keys.pro, body: { embedding, top_k: 5, filters: body.filters, embedding_model: 'nexa-unit-mass-vector', embedding_version: '1' } })).json()) as { hits: { external_id: string }[] };
    expect(byEmbedding.hits.map((h) => h.external_id)).toEqual(hits.map((h) => h.external_id));
  });

  it('gives the nearest neighbours of a stored spectrum, itself excluded', async () => {
    const { hits } = (await (await call('/search', { key: keys.pro, body: { spectrum: { peaks: peaksOf(records[7]!) }, top_k: 1 } })).json()) as { hits: { id: number }[] };
    const id = hits[0]!.id;
    const near = (await (await call(`/nearest/${id}?top_k=3`, { key: keys.pro })).json()) as { hits: { id: number; score: number }[] };
    expect(near.hits).toHaveLength(3);
    expect(near.hits.map((h) => h.id)).not.toContain(id);
    expect((await call('/nearest/999999999', { key: keys.pro })).status).toBe(404);
  });

  it('refuses a client with another embedding model version', async () => {
    const response = await call('/search', { key: keys.pro, body: { embedding: new Array(1000).fill(0.01), embedding_model: 'nexa-unit-mass-vector', embedding_version: '2' } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/does not match this server's nexa-unit-mass-vector 1/);
  });

  it('lets a push only through tiers the collection accepts, and feeds upserts and deletions in order with stable cursors', async () => {
    const spectrum = { external_id: 'LAB-0001', metadata: { name: 'lab compound', ionMode: 'positive', precursorMz: 200.1 }, peaks: [[50, 10], [120, 100]] };
    expect((await call('/collections/massbank/spectra', { key: keys.free, body: { spectra: [spectrum] } })).status).toBe(403);
    expect((await call('/collections/closed/spectra', { key: keys.commercial, body: { spectra: [spectrum] } })).status).toBe(403);
    const pushed = await call('/collections/massbank/spectra', { key: keys.pro, body: { spectra: [spectrum] } });
    expect(pushed.status).toBe(201);
    expect((await call('/collections/massbank/spectra/LAB-0001', { key: keys.pro, method: 'DELETE' })).status).toBe(200);

    const whole = (await (await call('/collections/massbank/changes?since=0&limit=5000', { key: keys.pro })).json()) as { changes: { cursor: number; op: string; external_id: string }[]; has_more: boolean };
    expect(whole.has_more).toBe(false);
    expect(whole.changes).toHaveLength(RECORDS + 2);
    expect(whole.changes.slice(-2).map((c) => [c.op, c.external_id])).toEqual([['upsert', 'LAB-0001'], ['delete', 'LAB-0001']]);
    const paged: number[] = [];
    let since = 0;
    for (;;) {
      const page = (await (await call(`/collections/massbank/changes?since=${since}&limit=700`, { key: keys.pro })).json()) as { changes: { cursor: number }[]; next_cursor: number; has_more: boolean };
      paged.push(...page.changes.map((c) => c.cursor));
      since = page.next_cursor;
      if (!page.has_more) break;
    }
    expect(paged).toEqual(whole.changes.map((c) => c.cursor));
  });

  it('rate-limits the free tier with 429 and Retry-After, and logs every academic request', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call('/collections', { key: keys.free })).status);
    // One free request was spent by the push test above.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const limited = await call('/collections', { key: keys.free });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const academic = (await store.keyFor(keys.academic!))!;
    const before = await store.requestCount(academic.id);
    for (let i = 0; i < 12; i++) expect((await call('/collections', { key: keys.academic })).status).toBe(200);
    await expect.poll(() => store.requestCount(academic.id)).toBe(before + 12);
  });

  it('answers bad input with 4xx and a message, writing nothing', async () => {
    const count = async (): Promise<number> => ((await (await call('/collections', { key: keys.pro })).json()) as { collections: { name: string; spectra: number }[] }).collections.find((c) => c.name === 'massbank')!.spectra;
    const before = await count();
    const malformed = await call('/search', { key: keys.pro, raw: '{"spectrum": {' });
    expect(malformed.status).toBe(400);
    const shortVector = await call('/search', { key: keys.pro, body: { embedding: [1, 2, 3] } });
    expect(shortVector.status).toBe(400);
    expect(((await shortVector.json()) as { error: string }).error).toMatch(/embedding must NOT have fewer than 1000 items/);
    const unknownField = await call('/search', { key: keys.pro, body: { spectrum: { peaks: [[50, 1]] }, topk: 3 } });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { error: string }).error).toMatch(/must NOT have additional properties/);
    const oversize = await call('/collections/massbank/spectra', { key: keys.pro, raw: JSON.stringify({ spectra: [{ external_id: 'big', peaks: new Array(60000).fill([100.123456, 50.5]) }] }) });
    expect(oversize.status).toBe(413);
    const halfBad = await call('/collections/massbank/spectra', { key: keys.pro, body: { spectra: [{ external_id: 'good-one', peaks: [[50, 10]] }, { external_id: 'bad-one', peaks: [[50, -1]] }] } });
    expect(halfBad.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
