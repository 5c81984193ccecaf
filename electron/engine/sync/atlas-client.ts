/**
 * The app's side of the Atlas++ API: typed calls over fetch with the key as a Bearer
 * token, and errors a chemist can act on (server unreachable, key refused, model
 * version mismatch), never a crash.
 */
import type { Peak, SpectrumMetadata } from '../../common/spectrum.js';

export class AtlasUnavailableError extends Error {}
export class AtlasRefusedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface RemoteChange {
  cursor: number;
  op: 'upsert' | 'delete';
  external_id: string;
  metadata?: SpectrumMetadata & Record<string, unknown>;
  peaks?: [number, number][];
}

export interface ChangePage {
  embedding_model: string;
  embedding_version: string;
  changes: RemoteChange[];
  next_cursor: number;
  has_more: boolean;
}

export interface RemoteHit {
  id: number;
  collection: string;
  external_id: string;
  score: number;
  metadata: SpectrumMetadata & Record<string, unknown>;
}

export class AtlasClient {
  constructor(
    readonly server: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.server.endsWith('/') ? this.server : `${this.server}/`), {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${this.apiKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new AtlasUnavailableError(`cannot reach Atlas++ at ${this.server} (${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)})`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: keep the text
      }
      if (response.status >= 500) throw new AtlasUnavailableError(`Atlas++ at ${this.server} failed (${response.status}): ${message}`);
      throw new AtlasRefusedError(response.status, `Atlas++ refused ${path} (${response.status}): ${message}`);
    }
    return JSON.parse(text) as T;
  }

  changes(collection: string, since: number, limit: number): Promise<ChangePage> {
    return this.call(`collections/${encodeURIComponent(collection)}/changes?since=${since}&limit=${limit}`);
  }

  search(peaks: readonly Peak[], topK: number, filters: Record<string, unknown>, model: { name: string; version: string }): Promise<{ hits: RemoteHit[] }> {
    return this.call('search', { spectrum: { peaks: peaks.map((p) => [p.mz, p.intensity]) }, top_k: topK, filters, embedding_model: model.name, embedding_version: model.version });
  }

  push(collection: string, spectra: { external_id: string; metadata: Record<string, unknown>; peaks: [number, number][] }[], model: { name: string; version: string }): Promise<{ stored: number }> {
    return this.call(`collections/${encodeURIComponent(collection)}/spectra`, { spectra, embedding_model: model.name, embedding_version: model.version });
  }
}
