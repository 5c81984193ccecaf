/**
 * The open project, saved as the chemist works: unknowns (with their spectra), the last
 * search result of each, the search parameters and the decision log, in one SQLite file
 * (WAL, synchronous FULL, one transaction per change). After a crash or power loss the
 * app reopens it as it was at the last completed change.
 */
import type Database from 'better-sqlite3';
import { openDatabase } from '../storage/open-database.js';
import type { UnknownSummary } from '../../common/api/contract.js';
import type { QueryResult, SearchParams } from '../../common/search-params.js';
import type { Spectrum } from '../../common/spectrum.js';
import type { DecisionEntry } from './decision-log.js';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE unknowns (
    seq INTEGER PRIMARY KEY,
    unknown_id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    spectrum TEXT NOT NULL,
    summary TEXT NOT NULL,
    result TEXT
  );
  CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    unknown_id TEXT NOT NULL REFERENCES unknowns (unknown_id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    spectrum_id INTEGER,
    candidate TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    parameters TEXT NOT NULL,
    libraries TEXT NOT NULL
  );
  CREATE INDEX decisions_unknown ON decisions (unknown_id, id);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // Accepted identifications waiting to be pushed to Atlas++ (once each: the external id is fixed).
  `
  CREATE TABLE atlas_pushes (
    external_id TEXT PRIMARY KEY,
    unknown_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  `,
];

export interface PendingPush {
  externalId: string;
  payload: { external_id: string; metadata: Record<string, unknown>; peaks: [number, number][] };
  attempts: number;
}

export interface StoredUnknown {
  summary: UnknownSummary;
  spectrum: Spectrum;
  result?: QueryResult;
}

export interface DecisionContext {
  parameters: SearchParams;
  libraries: { name: string; spectra: number }[];
  /** The models behind the ranking the chemist saw ("NAME VERSION"), kept with the parameters. */
  models?: string[];
}

export class ProjectStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    // Every decision must survive a power cut, not only a process crash.
    this.db = openDatabase(path, MIGRATIONS, { synchronous: 'FULL' });
  }

  close(): void {
    this.db.close();
  }

  addUnknowns(unknowns: readonly { summary: UnknownSummary; spectrum: Spectrum }[]): void {
    const insert = this.db.prepare('INSERT INTO unknowns (unknown_id, file, spectrum, summary) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const u of unknowns) insert.run(u.summary.unknownId, u.summary.file, JSON.stringify(u.spectrum), JSON.stringify(u.summary));
    })();
  }

  saveResults(results: readonly { summary: UnknownSummary; result: QueryResult }[]): void {
    const update = this.db.prepare('UPDATE unknowns SET summary = ?, result = ? WHERE unknown_id = ?');
    this.db.transaction(() => {
      for (const r of results) update.run(JSON.stringify(r.summary), JSON.stringify(r.result), r.summary.unknownId);
    })();
  }

  saveSummary(summary: UnknownSummary): void {
    this.db.prepare('UPDATE unknowns SET summary = ? WHERE unknown_id = ?').run(JSON.stringify(summary), summary.unknownId);
  }

  loadUnknowns(): StoredUnknown[] {
    const rows = this.db.prepare('SELECT summary, spectrum, result FROM unknowns ORDER BY seq').all() as { summary: string; spectrum: string; result: string | null }[];
    return rows.map((r) => ({
      summary: JSON.parse(r.summary) as UnknownSummary,
      spectrum: JSON.parse(r.spectrum) as Spectrum,
      ...(r.result ? { result: JSON.parse(r.result) as QueryResult } : {}),
    }));
  }

  /** Queues an accepted identification for Atlas++; queuing the same one again changes nothing. */
  queuePush(unknownId: string, payload: PendingPush['payload']): void {
    this.db.prepare("INSERT OR IGNORE INTO atlas_pushes (external_id, unknown_id, payload, state) VALUES (?, ?, ?, 'pending')").run(payload.external_id, unknownId, JSON.stringify(payload));
  }

  pendingPushes(): PendingPush[] {
    const rows = this.db.prepare("SELECT external_id, payload, attempts FROM atlas_pushes WHERE state = 'pending' ORDER BY rowid").all() as { external_id: string; payload: string; attempts: number }[];
    return rows.map((r) => ({ externalId: r.external_id, payload: JSON.parse(r.payload) as PendingPush['payload'], attempts: r.attempts }));
  }

  markPush(externalId: string, outcome: { done: true } | { done: false; error: string }): void {
    if (outcome.done) this.db.prepare("UPDATE atlas_pushes SET state = 'done', attempts = attempts + 1, last_error = NULL WHERE external_id = ?").run(externalId);
    else this.db.prepare('UPDATE atlas_pushes SET attempts = attempts + 1, last_error = ? WHERE external_id = ?').run(outcome.error, externalId);
  }

  clearUnknowns(): void {
    this.db.prepare('DELETE FROM unknowns').run();
  }

  appendDecision(unknownId: string, entry: DecisionEntry, context: DecisionContext, summary: UnknownSummary): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO decisions (unknown_id, action, spectrum_id, candidate, decided_by, decided_at, parameters, libraries) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(unknownId, entry.action, entry.spectrumId ?? null, entry.candidate ? JSON.stringify(entry.candidate) : null, entry.decidedBy, entry.decidedAt, JSON.stringify({ ...context.parameters, ...(context.models ? { models: context.models } : {}) }), JSON.stringify(context.libraries));
      this.saveSummary(summary);
    })();
  }

  decisionLog(unknownId: string): DecisionEntry[] {
    const rows = this.db.prepare('SELECT action, spectrum_id, candidate, decided_by, decided_at FROM decisions WHERE unknown_id = ? ORDER BY id').all(unknownId) as {
      action: DecisionEntry['action'];
      spectrum_id: number | null;
      candidate: string | null;
      decided_by: string;
      decided_at: string;
    }[];
    return rows.map((r) => ({
      action: r.action,
      ...(r.spectrum_id !== null ? { spectrumId: r.spectrum_id } : {}),
      ...(r.candidate ? { candidate: JSON.parse(r.candidate) as DecisionEntry['candidate'] } : {}),
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }));
  }

  getSetting<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
