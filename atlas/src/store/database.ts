/**
 * The Atlas++ database: PostgreSQL with pgvector. Embedded by default as PGlite (with its
 * vector extension) in a data folder, so `npm run atlas` needs nothing installed. The
 * store talks to it through this small interface only; `ATLAS_DATABASE_URL` (a real
 * PostgreSQL server with pgvector) is recognised but not yet wired: the server says so.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { MIGRATIONS } from './migrations.js';

export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string | undefined): Promise<Database> {
  if (process.env.ATLAS_DATABASE_URL) {
    throw new Error('ATLAS_DATABASE_URL is set, but this build of Atlas++ only runs on its embedded PGlite store; unset it to use --data DIR');
  }
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  // PGlite wants a folder of its own: the lock file sits beside it in the data folder.
  const db = await PGlite.create(dataDir ? { dataDir: join(dataDir, 'postgres'), extensions: { vector } } : { extensions: { vector } });
  await migrate(db);
  return {
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction((tx) => work({ query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params) })),
    close: async () => {
      await db.close();
      unlock();
    },
  };
}

/** PGlite is one process's database: a second process on the same folder would corrupt it, so the folder is locked. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'atlas.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`the data folder ${dataDir} is in use by process ${pid} (a running server or ingest); stop it first`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/** Runs the migrations not yet recorded in schema_migrations, each in its own transaction. */
async function migrate(db: PGlite): Promise<void> {
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector; CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
  for (const [index, sql] of MIGRATIONS.entries()) {
    const version = index + 1;
    if (applied.has(version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    });
  }
}
