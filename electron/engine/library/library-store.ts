/**
 * The spectral library store: one SQLite file (better-sqlite3, WAL) holding several
 * named libraries that can be switched on and off, their compounds, spectra, peaks,
 * provenance and licences. Writes are batched into transactions so a killed import
 * leaves every committed batch intact and nothing half-written.
 */
import type Database from 'better-sqlite3';
import type { Peak, SpectrumMetadata, SpectrumSource } from '../../common/spectrum.js';
import { openDatabase } from '../storage/open-database.js';
import { MIGRATIONS } from './schema.js';

export interface LibraryInfo {
  id: number;
  name: string;
  enabled: boolean;
  source: SpectrumSource;
  /** The prediction model of an in-silico library ("NAME VERSION"). */
  model?: string;
  spectra: number;
  compounds: number;
  createdAt: string;
}

export interface StoredSpectrum {
  id: number;
  libraryId: number;
  libraryName: string;
  source: SpectrumSource;
  metadata: SpectrumMetadata;
  peaks: Peak[];
}

export interface SpectrumToStore {
  metadata: SpectrumMetadata;
  peaks: Peak[];
}

interface SpectrumRow {
  id: number;
  library_id: number;
  library_name: string;
  library_source: SpectrumSource;
  record_id: string | null;
  name: string | null;
  precursor_mz: number | null;
  precursor_type: string | null;
  ion_mode: string | null;
  ms_level: number | null;
  retention_time: number | null;
  retention_index: number | null;
  instrument_type: string | null;
  instrument: string | null;
  collision_energy: string | null;
  license: string | null;
  authors: string | null;
  prediction_model: string | null;
  inchikey: string | null;
  smiles: string | null;
  inchi: string | null;
  formula: string | null;
  exact_mass: number | null;
  mz: Buffer;
  intensity: Buffer;
}

const SPECTRUM_SELECT = `
  SELECT s.*, l.name AS library_name, l.source AS library_source,
         c.inchikey, c.smiles, c.inchi, c.formula, c.exact_mass, p.mz, p.intensity
  FROM spectra s
  JOIN libraries l ON l.id = s.library_id
  JOIN peaks p ON p.spectrum_id = s.id
  LEFT JOIN compounds c ON c.id = s.compound_id`;

export function isUnitMass(metadata: SpectrumMetadata): boolean {
  return (metadata.msLevel === undefined || metadata.msLevel === 1) && metadata.precursorMz === undefined;
}

export function encodePeaks(peaks: readonly Peak[]): { mz: Buffer; intensity: Buffer } {
  const mz = new Float64Array(peaks.length);
  const intensity = new Float32Array(peaks.length);
  peaks.forEach((p, i) => {
    mz[i] = p.mz;
    intensity[i] = p.intensity;
  });
  return { mz: Buffer.from(mz.buffer), intensity: Buffer.from(intensity.buffer) };
}

export function decodePeaks(mzBlob: Buffer, intensityBlob: Buffer): Peak[] {
  // Copy into aligned buffers: SQLite blobs are not guaranteed 8-byte aligned.
  const mz = new Float64Array(new Uint8Array(mzBlob).buffer);
  const intensity = new Float32Array(new Uint8Array(intensityBlob).buffer);
  const peaks: Peak[] = new Array(mz.length);
  for (let i = 0; i < mz.length; i++) peaks[i] = { mz: mz[i]!, intensity: intensity[i]! };
  return peaks;
}

function rowToSpectrum(row: SpectrumRow): StoredSpectrum {
  const metadata: SpectrumMetadata = {};
  const set = <K extends keyof SpectrumMetadata>(key: K, value: SpectrumMetadata[K] | null): void => {
    if (value !== null && value !== undefined) metadata[key] = value;
  };
  set('id', row.record_id);
  set('accession', row.record_id);
  set('name', row.name);
  set('precursorMz', row.precursor_mz);
  set('precursorType', row.precursor_type);
  set('ionMode', row.ion_mode as SpectrumMetadata['ionMode'] | null);
  set('msLevel', row.ms_level);
  set('retentionTime', row.retention_time);
  set('retentionIndex', row.retention_index);
  set('instrumentType', row.instrument_type);
  set('instrument', row.instrument);
  set('collisionEnergy', row.collision_energy);
  set('license', row.license);
  set('authors', row.authors);
  set('predictionModel', row.prediction_model);
  set('inchikey', row.inchikey);
  set('smiles', row.smiles);
  set('inchi', row.inchi);
  set('formula', row.formula);
  set('exactMass', row.exact_mass);
  return {
    id: row.id,
    libraryId: row.library_id,
    libraryName: row.library_name,
    source: row.library_source,
    metadata,
    peaks: decodePeaks(row.mz, row.intensity),
  };
}

export class LibraryStore {
  private readonly db: Database.Database;

  private constructor(readonly path: string, readonly readonly: boolean) {
    this.db = openDatabase(path, MIGRATIONS, { readonly });
  }

  static open(path: string, options: { readonly?: boolean } = {}): LibraryStore {
    return new LibraryStore(path, options.readonly ?? false);
  }

  sqliteVersion(): string {
    return (this.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }

  ensureLibrary(name: string, source: SpectrumSource = 'measured', model?: string): number {
    const existing = this.db.prepare('SELECT id FROM libraries WHERE name = ?').get(name) as { id: number } | undefined;
    if (existing) return existing.id;
    const result = this.db
      .prepare('INSERT INTO libraries (name, source, created_at, model) VALUES (?, ?, ?, ?)')
      .run(name, source, new Date().toISOString(), model ?? null);
    return Number(result.lastInsertRowid);
  }

  listLibraries(): LibraryInfo[] {
    const rows = this.db
      .prepare(
        `SELECT l.id, l.name, l.enabled, l.source, l.model, l.created_at,
                COUNT(s.id) AS spectra, COUNT(DISTINCT s.compound_id) AS compounds
         FROM libraries l LEFT JOIN spectra s ON s.library_id = l.id
         GROUP BY l.id ORDER BY l.name`,
      )
      .all() as { id: number; name: string; enabled: number; source: SpectrumSource; model: string | null; created_at: string; spectra: number; compounds: number }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled === 1,
      source: r.source,
      ...(r.model ? { model: r.model } : {}),
      spectra: r.spectra,
      compounds: r.compounds,
      createdAt: r.created_at,
    }));
  }

  setLibraryEnabled(name: string, enabled: boolean): void {
    const result = this.db.prepare('UPDATE libraries SET enabled = ? WHERE name = ?').run(enabled ? 1 : 0, name);
    if (result.changes === 0) throw new Error(`no library named "${name}"`);
  }

  /** Ids of the named libraries, enabled or not (cheap: no spectrum counts). */
  libraryIds(names: readonly string[]): Set<number> {
    const rows = this.db.prepare(`SELECT id FROM libraries WHERE name IN (${names.map(() => '?').join(',')})`).all(...names) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  enabledLibraryIds(): Set<number> {
    const rows = this.db.prepare('SELECT id FROM libraries WHERE enabled = 1').all() as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Counter bumped in the same transaction as any change to unit-mass spectra; the HNSW index records the value it was built at. */
  unitMassGeneration(): number {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'unit_mass_generation'").get() as { value: string };
    return Number(row.value);
  }

  /** Insert one batch in one transaction. Records already in the library (same record id) are skipped. */
  insertBatch(libraryId: number, spectra: readonly SpectrumToStore[], sourceFile: string): { inserted: number; duplicates: number } {
    const findCompound = this.db.prepare('SELECT id FROM compounds WHERE inchikey = ?');
    const insertCompound = this.db.prepare(
      'INSERT INTO compounds (inchikey, inchikey_block, name, smiles, inchi, formula, exact_mass) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertSpectrum = this.db.prepare(
      `INSERT OR IGNORE INTO spectra (library_id, compound_id, record_id, name, precursor_mz, precursor_type, ion_mode, ms_level,
         retention_time, retention_index, instrument_type, instrument, collision_energy, license, authors, source_file, peak_count, is_unit_mass,
         prediction_model)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPeaks = this.db.prepare('INSERT INTO peaks (spectrum_id, mz, intensity) VALUES (?, ?, ?)');
    const bump = this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'unit_mass_generation'");
    return this.db.transaction(() => {
      let inserted = 0;
      let unitMass = 0;
      for (const { metadata: m, peaks } of spectra) {
        let compoundId: number | null = null;
        if (m.inchikey || m.smiles || m.inchi) {
          const found = m.inchikey ? (findCompound.get(m.inchikey) as { id: number } | undefined) : undefined;
          compoundId = found
            ? found.id
            : Number(
                insertCompound.run(m.inchikey ?? null, m.inchikey?.slice(0, 14) ?? null, m.name ?? null, m.smiles ?? null, m.inchi ?? null, m.formula ?? null, m.exactMass ?? null)
                  .lastInsertRowid,
              );
        }
        const unit = isUnitMass(m);
        const result = insertSpectrum.run(
          libraryId, compoundId, m.id ?? null, m.name ?? null, m.precursorMz ?? null, m.precursorType ?? null, m.ionMode ?? null,
          m.msLevel ?? null, m.retentionTime ?? null, m.retentionIndex ?? null, m.instrumentType ?? null, m.instrument ?? null,
          m.collisionEnergy ?? null, m.license ?? null, m.authors ?? null, sourceFile, peaks.length, unit ? 1 : 0,
          m.predictionModel ?? null,
        );
        if (result.changes === 0) continue;
        const encoded = encodePeaks(peaks);
        insertPeaks.run(result.lastInsertRowid, encoded.mz, encoded.intensity);
        inserted++;
        if (unit) unitMass++;
      }
      if (unitMass > 0) bump.run();
      return { inserted, duplicates: spectra.length - inserted };
    })();
  }

  getSpectrum(id: number): StoredSpectrum | undefined {
    const row = this.db.prepare(`${SPECTRUM_SELECT} WHERE s.id = ?`).get(id) as SpectrumRow | undefined;
    return row ? rowToSpectrum(row) : undefined;
  }

  getSpectra(ids: readonly number[]): StoredSpectrum[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`${SPECTRUM_SELECT} WHERE s.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as SpectrumRow[];
    return rows.map(rowToSpectrum);
  }

  /** Every unit-mass (EI-like) spectrum, for building the HNSW index and exhaustive search. */
  *unitMassSpectra(): Generator<StoredSpectrum> {
    for (const row of this.db.prepare(`${SPECTRUM_SELECT} WHERE s.is_unit_mass = 1 ORDER BY s.id`).iterate() as Iterable<SpectrumRow>) {
      yield rowToSpectrum(row);
    }
  }

  /** Tandem spectra whose precursor lies in [low, high], from enabled libraries. */
  precursorWindow(low: number, high: number): StoredSpectrum[] {
    const rows = this.db
      .prepare(`${SPECTRUM_SELECT} WHERE s.precursor_mz BETWEEN ? AND ? AND l.enabled = 1`)
      .all(low, high) as SpectrumRow[];
    return rows.map(rowToSpectrum);
  }

  countSpectra(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM spectra').get() as { n: number }).n;
  }

  /** A value kept in the database's meta table (sync cursors). */
  metaValue(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /**
   * One batch of a remote change feed, with the feed position after it, in one
   * transaction: spectra are replaced by record id (upserts) or removed (deletions), so a
   * sync stopped anywhere resumes from the last whole batch and ends as if never stopped.
   */
  applySyncBatch(libraryId: number, upserts: readonly SpectrumToStore[], deletions: readonly string[], cursorKey: string, cursor: string): void {
    const remove = this.db.prepare('DELETE FROM spectra WHERE library_id = ? AND record_id = ?');
    const setCursor = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    const bump = this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'unit_mass_generation'");
    this.db.transaction(() => {
      for (const recordId of [...deletions, ...upserts.map((s) => s.metadata.id ?? '')]) remove.run(libraryId, recordId);
      if (upserts.length > 0) this.insertBatch(libraryId, upserts, 'atlas');
      if (deletions.length > 0) bump.run();
      setCursor.run(cursorKey, cursor);
    })();
  }
}
