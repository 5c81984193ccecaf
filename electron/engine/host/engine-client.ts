/**
 * The main-side handle on the engine thread: starts the worker, forwards typed calls,
 * matches replies to callers, and starts a new engine thread if the old one dies. Used by
 * the Electron main process and by `nexa serve`.
 */
import { Worker } from 'node:worker_threads';
import type { Channel, RequestOf, ResponseOf } from '../../common/api/contract.js';
import type { WorkbenchOptions } from '../workbench/workbench.js';
import type { WorkerReply } from './engine-worker.js';

/** An error the engine attributes to the request (bad file, unknown id): shown to the user as is. */
export class EngineUserError extends Error {}

/**
 * Compiled (Electron, packaged app) the worker is the .js file beside this one. Run from
 * source under tsx, the worker thread does not inherit tsx's loader, so it starts from a
 * two-line bootstrap that registers tsx first and then imports the .ts worker.
 */
function createEngineWorker(options: WorkbenchOptions): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./engine-worker.js', here), { workerData: options });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./engine-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

export class EngineClient {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private stopping = false;
  private worker: Worker;
  private ready: Promise<void>;
  /** How many times the engine thread died and was started again. */
  restarts = 0;

  private constructor(private readonly options: WorkbenchOptions, first: { worker: Worker; ready: Promise<void> }) {
    this.worker = first.worker;
    this.ready = first.ready;
    this.watch(this.worker);
  }

  static async start(options: WorkbenchOptions): Promise<EngineClient> {
    const first = EngineClient.spawn(options);
    await first.ready;
    return new EngineClient(options, first);
  }

  private static spawn(options: WorkbenchOptions): { worker: Worker; ready: Promise<void> } {
    const worker = createEngineWorker(options);
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean; error?: string }): void => {
        if (message.ready === undefined) return;
        worker.off('message', onMessage);
        if (message.ready) resolve();
        else {
          void worker.terminate();
          reject(new Error(`engine failed to start: ${message.error}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return { worker, ready };
  }

  private watch(worker: Worker): void {
    worker.on('message', (message: WorkerReply | { ready: boolean }) => {
      if (!('id' in message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.response);
      else waiting.reject(message.userError ? new EngineUserError(message.error) : new Error(message.error));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      this.failAll(new Error(`engine thread stopped (exit code ${code}); it is being restarted, try again`));
      // A crash must not take the app down: start a fresh engine on the same files. The
      // project is saved as it changes, so the new engine reopens it as it was.
      if (!this.stopping && worker === this.worker) this.restart();
    });
  }

  private restart(): void {
    this.restarts++;
    const next = EngineClient.spawn(this.options);
    this.worker = next.worker;
    this.ready = next.ready;
    this.watch(next.worker);
    next.ready.catch(() => undefined);
  }

  async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, channel, request });
    });
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}
