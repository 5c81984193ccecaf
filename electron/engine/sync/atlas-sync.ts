/**
 * The workstation's link to Atlas++: the API key (held in memory; the desktop shell keeps
 * it encrypted with the operating system's keychain, web and CLI modes take it from the
 * environment), a sync run (pull every subscribed collection, then push the queued
 * accepted identifications, each with retries), federated search, and the status the UI
 * shows. With no server or no network the app goes on with its local libraries.
 */
import { createHash } from 'node:crypto';
import type { RemoteHitView, SyncStatusView } from '../../common/api/contract.js';
import { type SearchParams, toleranceDa } from '../../common/search-params.js';
import type { Settings } from '../../common/settings.js';
import type { Spectrum } from '../../common/spectrum.js';
import type { LibraryStore } from '../library/library-store.js';
import type { ProjectStore } from '../project/project-store.js';
import { UNIT_MASS_EMBEDDING } from '../search/unit-mass-vector.js';
import { AtlasClient, AtlasRefusedError, AtlasUnavailableError, type RemoteHit } from './atlas-client.js';
import { syncCollection } from './sync-collection.js';

export const PUSH_ATTEMPTS = 3;


export class AtlasSync {
  private apiKey: string | undefined;
  private lastSync: string | undefined;
  private lastResult: string | undefined;
  private error: string | undefined;

  constructor(
    private readonly store: LibraryStore,
    private readonly project: ProjectStore,
    private readonly settings: () => Settings,
    initialKey: string | undefined = process.env.NEXA_ATLAS_KEY,
  ) {
    this.apiKey = initialKey || undefined;
  }

  setKey(key: string): void {
    this.apiKey = key || undefined;
  }

  private client(): AtlasClient | undefined {
    const { atlasServer } = this.settings();
    return atlasServer && this.apiKey ? new AtlasClient(atlasServer, this.apiKey) : undefined;
  }

  status(): SyncStatusView {
    const s = this.settings();
    return {
      server: s.atlasServer, collections: s.atlasCollections, pushCollection: s.atlasPushCollection, keySet: this.apiKey !== undefined, federated: s.federatedSearch,
      pendingPushes: this.project.pendingPushes().length,
      ...(this.lastSync ? { lastSync: this.lastSync } : {}), ...(this.lastResult ? { lastResult: this.lastResult } : {}), ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Queues an accepted identification (spectrum, structure, metadata) for the push collection, if one is set. */
  queueAccepted(unknownId: string, spectrum: Spectrum, candidate: { name?: string; inchikey?: string; smiles?: string; formula?: string }): void {
    if (!this.settings().atlasPushCollection) return;
    const peaks = spectrum.peaks.map((p): [number, number] => [p.mz, p.intensity]);
    const externalId = `nexa-${createHash('sha256').update(JSON.stringify([peaks, candidate.inchikey ?? candidate.name ?? ''])).digest('hex').slice(0, 24)}`;
    const m = spectrum.metadata;
    const metadata = {
      ...(candidate.name ? { name: candidate.name } : {}), ...(candidate.inchikey ? { inchikey: candidate.inchikey } : {}), ...(candidate.smiles ? { smiles: candidate.smiles } : {}), ...(candidate.formula ? { formula: candidate.formula } : {}),
      ...(m.precursorMz !== undefined ? { precursorMz: m.precursorMz } : {}), ...(m.precursorType ? { precursorType: m.precursorType } : {}), ...(m.ionMode ? { ionMode: m.ionMode } : {}),
      ...(m.msLevel !== undefined ? { msLevel: m.msLevel } : {}), ...(m.retentionTime !== undefined ? { retentionTime: m.retentionTime } : {}), ...(m.instrumentType ? { instrumentType: m.instrumentType } : {}),
      identifiedWith: 'Nexa Workbench',
    };
    this.project.queuePush(unknownId, { external_id: externalId, metadata, peaks });
  }

  /** Pulls every subscribed collection, then pushes what is queued; a failure is reported, and the local data stays whole. */
  async run(onProgress?: (message: string) => void): Promise<SyncStatusView> {
    const client = this.client();
    if (!client) throw new AtlasRefusedError(400, 'set the Atlas++ server and API key in Settings first');
    const started = new Date().toISOString();
    const parts: string[] = [];
    try {
      for (const collection of this.settings().atlasCollections) {
        const result = await syncCollection(this.store, client, collection, { onProgress: (p) => onProgress?.(`${collection}: ${p.applied} changes applied`) });
        parts.push(`${collection}: ${result.upserts} added or updated, ${result.deletions} removed`);
      }
      const pushCollection = this.settings().atlasPushCollection;
      let pushed = 0;
      let failed = 0;
      if (pushCollection) {
        for (const item of this.project.pendingPushes()) {
          const outcome = await this.pushWithRetries(client, pushCollection, item.payload);
          this.project.markPush(item.externalId, outcome);
          if (outcome.done) pushed++;
          else failed++;
          onProgress?.(`${pushed} identifications pushed`);
        }
        parts.push(`${pushed} identifications pushed to ${pushCollection}${failed ? `, ${failed} failed (kept for the next sync)` : ''}`);
      }
      this.error = undefined;
    } catch (err) {
      if (!(err instanceof AtlasUnavailableError || err instanceof AtlasRefusedError)) throw err;
      this.error = `${err.message}; working with local libraries`;
      throw err;
    } finally {
      this.lastSync = started;
      this.lastResult = parts.join('; ');
    }
    return this.status();
  }

  private async pushWithRetries(client: AtlasClient, collection: string, payload: { external_id: string; metadata: Record<string, unknown>; peaks: [number, number][] }): Promise<{ done: true } | { done: false; error: string }> {
    let lastError = '';
    for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      try {
        await client.push(collection, [payload], UNIT_MASS_EMBEDDING);
        return { done: true };
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        // A refusal (tier, model version, bad data) will not pass on a retry; only the network may.
        if (err instanceof AtlasRefusedError) break;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
    return { done: false, error: lastError };
  }

  /** The server's hits for one unknown, or why there are none (the local search goes on regardless). */
  async federatedSearch(query: Spectrum, params: SearchParams): Promise<{ hits: RemoteHitView[] } | { error: string }> {
    const client = this.client();
    if (!client) return { error: 'Atlas++ is not configured (server and API key in Settings)' };
    const m = query.metadata;
    const window = m.precursorMz === undefined ? undefined : toleranceDa(params.precursorTolerance, m.precursorMz);
    const filters: Record<string, unknown> = {
      ...(m.ionMode ? { ion_mode: m.ionMode } : {}),
      ...(m.precursorMz !== undefined && window !== undefined ? { precursor_mz: { min: m.precursorMz - window, max: m.precursorMz + window } } : {}),
    };
    try {
      const { hits } = await client.search(query.peaks, params.top, filters, UNIT_MASS_EMBEDDING);
      return { hits: hits.map((h: RemoteHit) => ({ collection: h.collection, externalId: h.external_id, score: Math.round(h.score * 999), ...pick(h.metadata) })) };
    } catch (err) {
      if (err instanceof AtlasUnavailableError || err instanceof AtlasRefusedError) return { error: `${err.message}; showing local hits only` };
      throw err;
    }
  }
}

function pick(m: Record<string, unknown>): Partial<RemoteHitView> {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    ...(text(m.name) ? { name: text(m.name)! } : {}), ...(text(m.inchikey) ? { inchikey: text(m.inchikey)! } : {}), ...(text(m.smiles) ? { smiles: text(m.smiles)! } : {}),
    ...(typeof m.precursorMz === 'number' ? { precursorMz: m.precursorMz } : {}),
  };
}
