/**
 * `nexa sync --library DB --server URL --collection C [--api-key KEY] [--batch-size N]`:
 * pulls the collection's changes from Atlas++ into the library `atlas:C` of DB. The key
 * comes from --api-key or NEXA_ATLAS_KEY. When the server cannot be reached the local
 * library is left as it was (still searchable) and the command says so.
 */
import { parseArgs } from 'node:util';
import { LibraryStore } from '../../engine/library/library-store.js';
import { SpectralSearch } from '../../engine/search/spectral-search.js';
import { AtlasClient, AtlasRefusedError, AtlasUnavailableError } from '../../engine/sync/atlas-client.js';
import { syncCollection } from '../../engine/sync/sync-collection.js';
import { EXIT_FAILURE, EXIT_OK, Progress, requireOption, UsageError } from '../cli-support.js';

export const SYNC_USAGE = 'nexa sync --library DB --server URL --collection NAME [--api-key KEY (or NEXA_ATLAS_KEY)] [--batch-size 500]';

export async function syncCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { library: { type: 'string' }, server: { type: 'string' }, collection: { type: 'string' }, 'api-key': { type: 'string' }, 'batch-size': { type: 'string' } } });
  const dbPath = requireOption(values.library, '--library DB');
  const server = requireOption(values.server, '--server URL');
  const collection = requireOption(values.collection, '--collection NAME');
  const apiKey = values['api-key'] ?? process.env.NEXA_ATLAS_KEY;
  if (!apiKey) throw new UsageError('give the API key with --api-key or the environment variable NEXA_ATLAS_KEY');
  const batchSize = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new UsageError('--batch-size needs an integer 1-5000');

  const store = LibraryStore.open(dbPath);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  const progress = new Progress('sync');
  try {
    const result = await syncCollection(store, new AtlasClient(server, apiKey), collection, {
      batchSize,
      signal: controller.signal,
      onProgress: (p) => progress.update(`${p.applied} changes applied to atlas:${collection} (cursor ${p.cursor})`),
    });
    new SpectralSearch(store).prepare();
    progress.done(`${result.library}: ${result.upserts} spectra added or updated, ${result.deletions} removed; up to cursor ${result.cursor}${controller.signal.aborted ? ' (cancelled: run again to continue)' : ''}`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof AtlasUnavailableError || err instanceof AtlasRefusedError) {
      progress.done(`${err.message}; the local library is unchanged since the last whole batch and still usable offline`);
      return EXIT_FAILURE;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    store.close();
  }
}
