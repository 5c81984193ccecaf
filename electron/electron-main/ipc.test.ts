import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../test-support/shared-data.js';
import { CHANNELS } from '../common/api/contract.js';
import { EngineClient } from '../engine/host/engine-client.js';
import { printWithChromium } from '../serve/chromium-pdf.js';
import { registerIpc } from './ipc.js';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<unknown>;

// Electron's ipcMain stands in as a recorder of handlers; the engine behind it is real.
const handlers = new Map<string, Handler>();
const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain;
const RENDERER = 'file:///app/renderer/dist';
const fromRenderer = { senderFrame: { url: `${RENDERER}/index.html` } } as IpcMainInvokeEvent;
const fromElsewhere = { senderFrame: { url: 'https://example.com/' } } as IpcMainInvokeEvent;

let dir: TempDir;
let engine: EngineClient;

beforeAll(async () => {
  dir = tempDir();
  engine = await EngineClient.start({ libraryPath: join(dir.path, 'lib.sqlite'), seedSampleLibrary: false });
  registerIpc(ipcMain, engine, RENDERER, printWithChromium, { onAtlasKey: (key) => keysSeen.push(key) });
});
const keysSeen: string[] = [];
afterAll(async () => {
  await engine?.stop();
  dir?.remove();
});

describe('Electron IPC wiring', () => {
  it('registers exactly one handler per contract channel and no other', () => {
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.map((c) => `nexa:${c}`).sort());
  });

  it('answers our renderer and refuses any other sender', async () => {
    const list = handlers.get('nexa:libraries.list')!;
    expect(await list(fromRenderer, {})).toEqual([]);
    await expect(list(fromElsewhere, {})).rejects.toThrow(/sender is not the Nexa Workbench window/);
  });

  it('validates every request against the contract before it reaches the engine', async () => {
    await expect(handlers.get('nexa:spectra.get')!(fromRenderer, { spectrumId: 'one' })).rejects.toThrow(/bad request for spectra\.get/);
    await expect(handlers.get('nexa:chemistry.depict')!(fromRenderer, { smiles: 'C1CC(' })).rejects.toThrow(/invalid SMILES/);
  });

  it('hands the Atlas++ key to the keychain hook before the engine, and the engine never echoes it', async () => {
    const status = (await handlers.get('nexa:sync.setKey')!(fromRenderer, { apiKey: 'atlas_secret' })) as Record<string, unknown>;
    expect(keysSeen).toEqual(['atlas_secret']);
    expect(status.keySet).toBe(true);
    expect(JSON.stringify(status)).not.toContain('atlas_secret');
    await handlers.get('nexa:libraries.list')!(fromRenderer, {});
    expect(keysSeen).toHaveLength(1);
  });
});
