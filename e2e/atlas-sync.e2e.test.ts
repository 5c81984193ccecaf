import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../atlas/src/ingest.js';
import { buildAtlasServer } from '../atlas/src/server/atlas-server.js';
import { AtlasStore } from '../atlas/src/store/atlas-store.js';
import { openDatabase } from '../atlas/src/store/database.js';
import { MSMS_FILE, NEXA_BIN, realRecords, REPO_ROOT, tempDir, type TempDir } from '../test-support/shared-data.js';
import { nexaAsync } from './support.js';

const RECORDS = 1200;
let dir: TempDir;
let atlas: AtlasStore;
let app: FastifyInstance;
let server: string;
let key: string;
let unknownFile: string;

beforeAll(async () => {
  dir = tempDir();
  const records = await realRecords(MSMS_FILE, RECORDS);
  const file = join(dir.path, 'msms.txt');
  writeFileSync(file, records.join(''));
  unknownFile = join(dir.path, 'unknown.txt');
  writeFileSync(unknownFile, records[10]!);
  atlas = new AtlasStore(await openDatabase(undefined));
  await ingestFiles(atlas, [file], { collection: 'massbank' });
  key = await atlas.createKey('workstation', 'pro');
  app = await buildAtlasServer(atlas);
  server = await app.listen({ port: 0, host: '127.0.0.1' });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await atlas?.db.close();
  dir?.remove();
});

const sync = (db: string, ...extra: string[]) => nexaAsync(['sync', '--library', db, '--server', server, '--collection', 'massbank', ...extra], { ...process.env, NEXA_ATLAS_KEY: key });

/** Every synced spectrum as comparable rows: record, metadata columns and the peak blobs. */
function rows(db: string): unknown[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite
      .prepare(`SELECT s.record_id, s.name, s.precursor_mz, s.precursor_type, s.ion_mode, s.ms_level, s.retention_time, s.instrument_type, s.license, s.peak_count,
                       c.inchikey, hex(p.mz) AS mz, hex(p.intensity) AS intensity
                FROM spectra s JOIN libraries l ON l.id = s.library_id JOIN peaks p ON p.spectrum_id = s.id LEFT JOIN compounds c ON c.id = s.compound_id
                WHERE l.name = 'atlas:massbank' ORDER BY s.record_id`)
      .all();
  } finally {
    sqlite.close();
  }
}

const count = (db: string): number => {
  try {
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (sqlite.prepare('SELECT count(*) AS n FROM spectra').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  } catch {
    return 0;
  }
};

describe('offline-first sync of a workstation with Atlas++', () => {
  it('syncs a fresh workstation, whose library then identifies locally', async () => {
    const db = join(dir.path, 'fresh.sqlite');
    const result = await sync(db);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`atlas:massbank: ${RECORDS} spectra added or updated, 0 removed`));
    expect(rows(db)).toHaveLength(RECORDS);
    const again = await sync(db);
    expect(again.stderr).toMatch(/0 spectra added or updated, 0 removed/);
    const identified = await nexaAsync(['identify', unknownFile, '--library', db, '--out', join(dir.path, 'hits.jsonl')]);
    expect(identified.status, identified.stderr).toBe(0);
  });

  it('resumes a sync killed mid-way and ends row for row identical to an uninterrupted one', async () => {
    const reference = join(dir.path, 'fresh.sqlite');
    const db = join(dir.path, 'killed.sqlite');
    const child = spawn(process.execPath, [NEXA_BIN, 'sync', '--library', db, '--server', server, '--collection', 'massbank', '--batch-size', '50'], { cwd: REPO_ROOT, env: { ...process.env, NEXA_ATLAS_KEY: key }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    await expect.poll(() => count(db), { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await exited;
    const partial = count(db);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(RECORDS);
    expect(partial % 50).toBe(0);
    const resumed = await sync(db, '--batch-size', '50');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${RECORDS - partial} spectra added or updated`));
    expect(rows(db)).toEqual(rows(reference));
  });

  it('catches up with pushes and deletions on the server, and works on when the server is gone', async () => {
    const db = join(dir.path, 'fresh.sqlite');
    const before = rows(db) as { record_id: string }[];
    const removed = before[5]!.record_id;
    await atlas.upsertSpectra('massbank', [{ externalId: 'LAB-42', metadata: { name: 'lab standard', precursorMz: 301.1, ionMode: 'positive', msLevel: 2 }, peaks: [{ mz: 100, intensity: 50 }, { mz: 200, intensity: 100 }] }]);
    await atlas.deleteSpectrum('massbank', removed);
    const caughtUp = await sync(db);
    expect(caughtUp.stderr).toMatch(/1 spectra added or updated, 1 removed/);
    const after = (rows(db) as { record_id: string; name: string }[]).map((r) => r.record_id);
    expect(after).toContain('LAB-42');
    expect(after).not.toContain(removed);
    expect(after).toHaveLength(before.length);

    await app.close();
    const offline = await sync(db);
    expect(offline.status).toBe(1);
    expect(offline.stderr).toMatch(/cannot reach Atlas\+\+ at http:\/\/127\.0\.0\.1:\d+.*the local library is unchanged/);
    expect(rows(db)).toHaveLength(before.length);
    const identified = await nexaAsync(['identify', unknownFile, '--library', db, '--out', join(dir.path, 'offline.jsonl')]);
    expect(identified.status, identified.stderr).toBe(0);
  });
});
