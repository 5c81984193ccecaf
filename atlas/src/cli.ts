/**
 * `npm run atlas -- serve [--port N] [--data DIR]`, `keys create --tier T --name NAME
 * [--data DIR]` (the key is printed once, on the last line) and `ingest FILE...
 * --collection C [--data DIR] [--licence L] [--push-tiers pro,academic]`.
 * The data folder defaults to ./.atlas-data.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFiles } from './ingest.js';
import { buildAtlasServer } from './server/atlas-server.js';
import { AtlasStore, TIERS, type Tier } from './store/atlas-store.js';
import { openDatabase } from './store/database.js';

const USAGE = `Usage:
  npm run atlas -- serve [--port 8780] [--host 127.0.0.1] [--data DIR]
  npm run atlas -- keys create --tier free|pro|academic|commercial --name NAME [--data DIR]
  npm run atlas -- ingest FILE... --collection NAME [--data DIR] [--licence LICENCE] [--push-tiers pro,academic,commercial]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, tier: { type: 'string' }, name: { type: 'string' }, collection: { type: 'string' }, licence: { type: 'string' }, 'push-tiers': { type: 'string' } },
  });
  const dataDir = resolve(values.data ?? '.atlas-data');
  if (command === 'serve') {
    const store = new AtlasStore(await openDatabase(dataDir));
    const app = await buildAtlasServer(store);
    const url = await app.listen({ port: Number(values.port ?? 8780), host: values.host ?? '127.0.0.1' });
    process.stdout.write(`Atlas++ listening on ${url} (API description at ${url}/docs; data in ${dataDir})\n`);
    const stop = async (): Promise<void> => {
      await app.close();
      await store.db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return 0;
  }
  if (command === 'keys' && positionals[0] === 'create') {
    const tier = values.tier as Tier | undefined;
    if (!tier || !TIERS.includes(tier)) throw new Error(`--tier must be one of ${TIERS.join(', ')}`);
    if (!values.name) throw new Error('--name NAME is required');
    const store = new AtlasStore(await openDatabase(dataDir));
    const key = await store.createKey(values.name, tier);
    await store.db.close();
    process.stdout.write(`API key for "${values.name}" (${tier}); it is shown only now, store it safely:\n${key}\n`);
    return 0;
  }
  if (command === 'ingest') {
    if (!values.collection) throw new Error('--collection NAME is required');
    if (positionals.length === 0) throw new Error('ingest needs at least one FILE');
    const pushTiers = values['push-tiers']?.split(',').map((t) => t.trim()) as Tier[] | undefined;
    for (const t of pushTiers ?? []) if (!TIERS.includes(t)) throw new Error(`unknown tier "${t}" in --push-tiers`);
    const store = new AtlasStore(await openDatabase(dataDir));
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const started = Date.now();
    const result = await ingestFiles(store, positionals, {
      collection: values.collection, signal: controller.signal,
      ...(values.licence ? { licence: values.licence } : {}), ...(pushTiers ? { pushTiers } : {}),
      onProgress: (p) => process.stderr.write(`\ringest: ${p.file}: ${p.records} records read, ${p.stored} stored`),
      onProblem: (message) => process.stderr.write(`\nrejected: ${message}\n`),
    });
    await store.db.close();
    process.stderr.write(`\ningest: ${result.stored} spectra stored in "${values.collection}" in ${((Date.now() - started) / 1000).toFixed(1)} s (${result.skipped} records already ingested, ${result.problems} rejected)${controller.signal.aborted ? '; cancelled: run again to continue' : ''}\n`);
    return result.problems > 0 ? 3 : 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === 'help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`atlas: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
