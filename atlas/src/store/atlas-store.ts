/**
 * Everything Atlas++ keeps, over the Database interface: collections (each naming its
 * embedding model and version), spectra with their embeddings, the ordered change feed
 * (upserts and deletions; the cursor is the change's sequence number), API keys (only
 * their SHA-256 is stored), the request log and resumable-ingest progress.
 * Every write of several rows is one transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Peak } from '../../../electron/common/spectrum.js';
import type { Database, Queryable } from './database.js';
import { EMBEDDING_DIMENSIONS } from './migrations.js';
import { EMBEDDING_MODEL, embedSpectrum, parseVectorLiteral, vectorLiteral } from './spectrum-embedding.js';

export const TIERS = ['free', 'pro', 'academic', 'commercial'] as const;
export type Tier = (typeof TIERS)[number];

export interface Collection {
  name: string;
  embeddingModel: string;
  embeddingVersion: string;
  licence: string | null;
  pushTiers: Tier[];
  spectra: number;
}

export interface SpectrumInput {
  externalId: string;
  metadata: Record<string, unknown>;
  peaks: Peak[];
}

export interface SearchFilters {
  collection?: string;
  precursorMz?: { min: number; max: number };
  retentionTime?: { min: number; max: number };
  ionMode?: string;
  instrumentType?: string;
  licence?: string;
}

/** A search hit carries metadata, not peaks: clients fetch what they need to plot. */
export interface SearchHit {
  id: number;
  collection: string;
  externalId: string;
  metadata: Record<string, unknown>;
  score: number;
}

export interface Change {
  cursor: number;
  op: 'upsert' | 'delete';
  externalId: string;
  spectrum?: SpectrumInput;
}

export class AtlasError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export class AtlasStore {
  constructor(readonly db: Database) {}

  async createCollection(name: string, options: { licence?: string; pushTiers?: Tier[] } = {}): Promise<Collection> {
    await this.db.query(
      'INSERT INTO collections (name, embedding_model, embedding_version, licence, push_tiers) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING',
      [name, EMBEDDING_MODEL.name, EMBEDDING_MODEL.version, options.licence ?? null, options.pushTiers ?? ['pro', 'academic', 'commercial']],
    );
    return (await this.collection(name))!;
  }

  async collections(): Promise<Collection[]> {
    return this.queryCollections('');
  }

  /** One collection by name (pushes and change-feed pages ask on every request: no other collection is counted). */
  async collection(name: string): Promise<Collection | undefined> {
    return (await this.queryCollections('WHERE c.name = $1', [name]))[0];
  }

  private async queryCollections(where: string, params: unknown[] = []): Promise<Collection[]> {
    const rows = await this.db.query<{ name: string; embedding_model: string; embedding_version: string; licence: string | null; push_tiers: Tier[]; spectra: string }>(
      `SELECT c.name, c.embedding_model, c.embedding_version, c.licence, c.push_tiers,
              (SELECT count(*) FROM spectra s WHERE s.collection = c.name AND NOT s.deleted) AS spectra
       FROM collections c ${where} ORDER BY c.name`,
      params,
    );
    return rows.rows.map((r) => ({ name: r.name, embeddingModel: r.embedding_model, embeddingVersion: r.embedding_version, licence: r.licence, pushTiers: r.push_tiers, spectra: Number(r.spectra) }));
  }

  /** Upserts spectra of one collection in one transaction, one change row each; returns their ids. */
  async upsertSpectra(collection: string, spectra: readonly SpectrumInput[], tx?: Queryable): Promise<number[]> {
    const write = async (q: Queryable): Promise<number[]> => {
      const ids: number[] = [];
      for (const s of spectra) {
        const m = s.metadata;
        const embedding = embedSpectrum(s.peaks);
        const row = await q.query<{ id: string }>(
          `INSERT INTO spectra (collection, external_id, precursor_mz, retention_time, ion_mode, instrument_type, licence, metadata, peaks, embedding, deleted)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false)
           ON CONFLICT (collection, external_id) DO UPDATE SET precursor_mz = EXCLUDED.precursor_mz, retention_time = EXCLUDED.retention_time,
             ion_mode = EXCLUDED.ion_mode, instrument_type = EXCLUDED.instrument_type, licence = EXCLUDED.licence, metadata = EXCLUDED.metadata,
             peaks = EXCLUDED.peaks, embedding = EXCLUDED.embedding, deleted = false
           RETURNING id`,
          [collection, s.externalId, num(m.precursorMz), num(m.retentionTime), str(m.ionMode), str(m.instrumentType), str(m.license), JSON.stringify(m), JSON.stringify(s.peaks.map((p) => [p.mz, p.intensity])), vectorLiteral(embedding)],
        );
        const id = Number(row.rows[0]!.id);
        await q.query("INSERT INTO changes (collection, spectrum_id, external_id, op) VALUES ($1, $2, $3, 'upsert')", [collection, id, s.externalId]);
        ids.push(id);
      }
      return ids;
    };
    return tx ? write(tx) : this.db.transaction(write);
  }

  async deleteSpectrum(collection: string, externalId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.query<{ id: string }>('UPDATE spectra SET deleted = true WHERE collection = $1 AND external_id = $2 AND NOT deleted RETURNING id', [collection, externalId]);
      if (row.rows.length === 0) return false;
      await tx.query("INSERT INTO changes (collection, spectrum_id, external_id, op) VALUES ($1, $2, $3, 'delete')", [collection, Number(row.rows[0]!.id), externalId]);
      return true;
    });
  }

  /** Changes after `since`, oldest first. A spectrum changed again later appears as it is now. */
  async changes(collection: string, since: number, limit: number): Promise<{ changes: Change[]; nextCursor: number; hasMore: boolean }> {
    const rows = await this.db.query<{ seq: string; op: 'upsert' | 'delete'; external_id: string; metadata: Record<string, unknown> | null; peaks: [number, number][] | null }>(
      `SELECT c.seq, c.op, c.external_id, s.metadata, s.peaks FROM changes c JOIN spectra s ON s.id = c.spectrum_id
       WHERE c.collection = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3`,
      [collection, since, limit + 1],
    );
    const hasMore = rows.rows.length > limit;
    const changes = rows.rows.slice(0, limit).map((r): Change => ({
      cursor: Number(r.seq),
      op: r.op,
      externalId: r.external_id,
      ...(r.op === 'upsert' && r.metadata && r.peaks ? { spectrum: { externalId: r.external_id, metadata: r.metadata, peaks: r.peaks.map(([mz, intensity]) => ({ mz, intensity })) } } : {}),
    }));
    return { changes, nextCursor: changes.at(-1)?.cursor ?? since, hasMore };
  }

  async search(embedding: readonly number[], topK: number, filters: SearchFilters = {}): Promise<SearchHit[]> {
    if (embedding.length !== EMBEDDING_DIMENSIONS) throw new AtlasError(400, `embedding has ${embedding.length} values; ${EMBEDDING_MODEL.name} ${EMBEDDING_MODEL.version} has ${EMBEDDING_DIMENSIONS}`);
    const where = ['NOT deleted'];
    const params: unknown[] = [vectorLiteral(embedding), topK];
    const add = (clause: string, ...values: unknown[]): void => {
      const placeholders = values.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      where.push(clause.replace(/\?/g, () => placeholders.shift()!));
    };
    if (filters.collection) add('collection = ?', filters.collection);
    if (filters.precursorMz) add('precursor_mz BETWEEN ? AND ?', filters.precursorMz.min, filters.precursorMz.max);
    if (filters.retentionTime) add('retention_time BETWEEN ? AND ?', filters.retentionTime.min, filters.retentionTime.max);
    if (filters.ionMode) add('ion_mode = ?', filters.ionMode);
    if (filters.instrumentType) add('instrument_type = ?', filters.instrumentType);
    if (filters.licence) add('licence = ?', filters.licence);
    const rows = await this.db.query<{ id: string; collection: string; external_id: string; metadata: Record<string, unknown>; distance: number }>(
      `SELECT id, collection, external_id, metadata, embedding <=> $1::sparsevec AS distance FROM spectra WHERE ${where.join(' AND ')} ORDER BY embedding <=> $1::sparsevec LIMIT $2`,
      params,
    );
    return rows.rows.map((r) => ({ id: Number(r.id), collection: r.collection, externalId: r.external_id, metadata: r.metadata, score: 1 - Number(r.distance) }));
  }

  async nearest(id: number, topK: number): Promise<SearchHit[]> {
    const row = await this.db.query<{ embedding: string; collection: string }>('SELECT embedding::text AS embedding, collection FROM spectra WHERE id = $1 AND NOT deleted', [id]);
    if (row.rows.length === 0) throw new AtlasError(404, `no spectrum with id ${id}`);
    const embedding = parseVectorLiteral(row.rows[0]!.embedding);
    return (await this.search(embedding, topK + 1, { collection: row.rows[0]!.collection })).filter((h) => h.id !== id).slice(0, topK);
  }

  async createKey(name: string, tier: Tier): Promise<string> {
    const key = `atlas_${randomBytes(24).toString('base64url')}`;
    await this.db.query('INSERT INTO api_keys (key_hash, name, tier) VALUES ($1, $2, $3)', [hashKey(key), name, tier]);
    return key;
  }

  /** Keys are only ever added (and not while a server holds the data folder), so a found key can be remembered. */
  private readonly knownKeys = new Map<string, { id: number; name: string; tier: Tier }>();
  private pendingLog: [number | null, string, string, number][] = [];
  private logTimer: NodeJS.Timeout | undefined;

  async keyFor(key: string): Promise<{ id: number; name: string; tier: Tier } | undefined> {
    const hash = hashKey(key);
    const known = this.knownKeys.get(hash);
    if (known) return known;
    const row = await this.db.query<{ id: number; name: string; tier: Tier }>('SELECT id, name, tier FROM api_keys WHERE key_hash = $1', [hash]);
    if (row.rows[0]) this.knownKeys.set(hash, row.rows[0]);
    return row.rows[0];
  }

  /** Logs a request; entries are written in batches within a second (flushLog writes them at once). */
  logRequest(keyId: number | undefined, method: string, route: string, status: number): void {
    this.pendingLog.push([keyId ?? null, method, route, status]);
    this.logTimer ??= setTimeout(() => void this.flushLog(), 1000);
  }

  async flushLog(): Promise<void> {
    clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const entries = this.pendingLog;
    this.pendingLog = [];
    if (entries.length === 0) return;
    const values = entries.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
    await this.db.query(`INSERT INTO request_log (key_id, method, route, status) VALUES ${values}`, entries.flat());
  }

  async requestCount(keyId: number): Promise<number> {
    await this.flushLog();
    return Number((await this.db.query<{ n: string }>('SELECT count(*) AS n FROM request_log WHERE key_id = $1', [keyId])).rows[0]!.n);
  }

  async ingestProgress(collection: string, file: string): Promise<number> {
    const row = await this.db.query<{ records: string }>('SELECT records FROM ingest_progress WHERE collection = $1 AND file = $2', [collection, file]);
    return Number(row.rows[0]?.records ?? 0);
  }

  /** One ingest batch and the file position after it, in one transaction: a killed ingest resumes after the last whole batch. */
  async ingestBatch(collection: string, file: string, records: number, spectra: readonly SpectrumInput[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.upsertSpectra(collection, spectra, tx);
      await tx.query('INSERT INTO ingest_progress (collection, file, records) VALUES ($1, $2, $3) ON CONFLICT (collection, file) DO UPDATE SET records = EXCLUDED.records', [collection, file, records]);
    });
  }
}
