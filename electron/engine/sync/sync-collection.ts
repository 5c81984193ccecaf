/**
 * Offline-first sync of one Atlas++ collection into the local library database: the
 * collection becomes the library `atlas:<collection>`; its change feed is pulled in
 * batches, each applied with the feed cursor in one SQLite transaction, so a sync killed
 * at any point resumes where it stopped and ends identical to an uninterrupted one. The
 * EI index is brought up to date by the next search, as after any import.
 */
import type { SpectrumMetadata } from '../../common/spectrum.js';
import { completeStructure } from '../chemistry/complete-structure.js';
import type { LibraryStore, SpectrumToStore } from '../library/library-store.js';
import { CANONICAL_KEYS } from '../spectrum/metadata-keys.js';
import { applyRawField } from '../spectrum/normalise-metadata.js';
import { UNIT_MASS_EMBEDDING } from '../search/unit-mass-vector.js';
import { AtlasRefusedError, type AtlasClient, type RemoteChange } from './atlas-client.js';

export interface SyncProgress {
  collection: string;
  applied: number;
  cursor: number;
}

export interface SyncResult {
  library: string;
  upserts: number;
  deletions: number;
  cursor: number;
}

export const libraryForCollection = (collection: string): string => `atlas:${collection}`;
export const cursorKey = (server: string, collection: string): string => `atlas-cursor:${server.replace(/\/+$/, '')}:${collection}`;

/**
 * Server metadata as the app's own: canonical keys (what this app pushes and ingests) are
 * taken as they are; any other key goes through the key table
 * like an imported file's.
 */
function toSpectrum(change: RemoteChange): SpectrumToStore {
  const metadata: SpectrumMetadata = {};
  const record = metadata as Record<string, unknown>;
  for (const [key, value] of Object.entries(change.metadata ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (CANONICAL_KEYS.has(key)) record[key] = value;
    else applyRawField(metadata, key, String(value));
  }
  metadata.id = change.external_id;
  metadata.accession = change.external_id;
  return { metadata, peaks: (change.peaks ?? []).map(([mz, intensity]) => ({ mz, intensity })) };
}

export async function syncCollection(store: LibraryStore, client: AtlasClient, collection: string, options: { batchSize?: number; signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncResult> {
  const library = libraryForCollection(collection);
  const libraryId = store.ensureLibrary(library, 'measured');
  const key = cursorKey(client.server, collection);
  let cursor = Number(store.metaValue(key) ?? 0);
  const result: SyncResult = { library, upserts: 0, deletions: 0, cursor };
  for (;;) {
    const page = await client.changes(collection, cursor, options.batchSize ?? 500);
    if (page.embedding_model !== UNIT_MASS_EMBEDDING.name || page.embedding_version !== UNIT_MASS_EMBEDDING.version) {
      throw new AtlasRefusedError(409, `collection "${collection}" uses ${page.embedding_model} ${page.embedding_version}; this app uses ${UNIT_MASS_EMBEDDING.name} ${UNIT_MASS_EMBEDDING.version}: update the app`);
    }
    // Within one page only a record's last change counts.
    const last = new Map<string, RemoteChange>();
    for (const change of page.changes) last.set(change.external_id, change);
    const upserts: SpectrumToStore[] = [];
    const deletions: string[] = [];
    for (const change of last.values()) {
      if (change.op === 'delete') deletions.push(change.external_id);
      else {
        const spectrum = toSpectrum(change);
        await completeStructure(spectrum.metadata);
        upserts.push(spectrum);
      }
    }
    if (page.changes.length > 0) {
      store.applySyncBatch(libraryId, upserts, deletions, key, String(page.next_cursor));
      cursor = page.next_cursor;
      result.upserts += upserts.length;
      result.deletions += deletions.length;
      result.cursor = cursor;
      options.onProgress?.({ collection, applied: result.upserts + result.deletions, cursor });
    }
    if (!page.has_more || options.signal?.aborted) return result;
  }
}
