/**
 * Wires the API contract to Electron IPC: one `ipcMain.handle` per contract channel
 * (no generic channel), each request validated against the channel's schema, and the
 * sender checked to be our own window showing our own renderer files.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, parseRequest } from '../common/api/contract.js';
import type { EngineClient } from '../engine/host/engine-client.js';
import { exportPdfReport, type PdfPrinter, wantsPdf } from '../engine/host/pdf-report.js';

export const IPC_PREFIX = 'nexa:';

export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrlPrefix: string): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(rendererUrlPrefix);
}

/** Main-process duties on the way to the engine: the desktop keeps the Atlas++ key in the keychain. */
export interface IpcHooks {
  onAtlasKey?: (apiKey: string) => void;
}

export function registerIpc(ipcMain: IpcMain, engine: EngineClient, rendererUrlPrefix: string, printPdf: PdfPrinter, hooks: IpcHooks = {}): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event, request: unknown) => {
      if (!isTrustedSender(event, rendererUrlPrefix)) throw new Error(`refused ${channel}: sender is not the Nexa Workbench window`);
      const parsed = parseRequest(channel, request);
      if (!parsed.ok) throw new Error(parsed.error);
      if (wantsPdf(channel, parsed.request)) return exportPdfReport(engine, printPdf);
      if (channel === 'sync.setKey') hooks.onAtlasKey?.((parsed.request as { apiKey: string }).apiKey);
      return engine.call(channel, parsed.request as never);
    });
  }
}
