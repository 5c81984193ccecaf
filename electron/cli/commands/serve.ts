/**
 * `nexa serve [--port N] [--library DB] [--data DIR] [--no-seed]`: starts the engine
 * thread and the local web host, prints the URL (with its per-launch token) and runs
 * until interrupted. The project (unknowns, results, decisions) lives in DIR/project.sqlite
 * and is reopened as it was on the next start, also after a crash.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EngineClient } from '../../engine/host/engine-client.js';
import { APP_ROOT, defaultDataDir } from '../../engine/workbench/app-paths.js';
import { startWebHost } from '../../serve/web-host.js';
import { EXIT_OK, UsageError } from '../cli-support.js';

export const SERVE_USAGE = 'nexa serve [--port N] [--library DB] [--data DIR] [--no-seed]';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, library: { type: 'string' }, data: { type: 'string' }, 'no-seed': { type: 'boolean' }, 'open-hint': { type: 'boolean' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs 0-65535, got "${values.port}"`);
  const dataDir = values.data ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true });
  const libraryPath = values.library ?? join(dataDir, 'library.sqlite');
  process.stderr.write(`Opening library ${libraryPath} ...\n`);
  const projectPath = join(dataDir, 'project.sqlite');
  const engine = await EngineClient.start({ libraryPath, projectPath, dataDir, seedSampleLibrary: !values['no-seed'] });
  const host = await startWebHost({ engine, staticDir: join(APP_ROOT, 'renderer', 'dist'), port });
  process.stdout.write(`Nexa Workbench is serving at ${host.url}\n`);
  if (values['open-hint']) process.stdout.write('Open that address in a browser; press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await engine.stop();
  return EXIT_OK;
}
