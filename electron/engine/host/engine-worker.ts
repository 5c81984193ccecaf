/**
 * The engine's thread: owns the Workbench (SQLite, HNSW, RDKit) so that synchronous
 * native work never blocks the Electron main process or the HTTP server's event loop.
 * Messages are `{ id, channel, request }` in and `{ id, ok, response | error }` out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Channel, RequestOf } from '../../common/api/contract.js';
import { Workbench, type WorkbenchOptions } from '../workbench/workbench.js';
import { dispatch } from './dispatch.js';

export interface WorkerRequest {
  id: number;
  channel: Channel;
  request: unknown;
}

export type WorkerReply =
  | { id: number; ok: true; response: unknown }
  | { id: number; ok: false; error: string; userError: boolean };

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');

const ready = Workbench.open(workerData as WorkbenchOptions);
ready.then(
  () => port.postMessage({ ready: true }),
  (err: unknown) => port.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) }),
);

port.on('message', (message: WorkerRequest) => {
  void (async () => {
    try {
      const workbench = await ready;
      const response = await dispatch(workbench, message.channel, message.request as RequestOf<typeof message.channel>);
      port.postMessage({ id: message.id, ok: true, response } satisfies WorkerReply);
    } catch (err) {
      const userError = err instanceof Error && err.constructor.name === 'UserError';
      const text = err instanceof Error ? err.message : String(err);
      port.postMessage({ id: message.id, ok: false, error: text, userError } satisfies WorkerReply);
    }
  })();
});
