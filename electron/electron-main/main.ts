/**
 * The Electron shell: starts the engine thread, registers the typed IPC handlers and
 * opens a hardened window (context isolation, sandbox, no Node in the renderer,
 * navigation and new windows blocked) on the built renderer. Everything else lives in
 * the engine, which never imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { EngineClient } from '../engine/host/engine-client.js';
import { APP_ROOT } from '../engine/workbench/app-paths.js';
import { registerIpc } from './ipc.js';

const RENDERER_INDEX = join(APP_ROOT, 'renderer', 'dist', 'index.html');
const RENDERER_URL_PREFIX = pathToFileURL(join(APP_ROOT, 'renderer', 'dist')).href;

export const WINDOW_OPTIONS = {
  width: 1400,
  height: 900,
  title: 'Nexa Workbench',
  webPreferences: {
    preload: join(APP_ROOT, 'dist', 'electron', 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
  },
} as const;

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  const engine = await EngineClient.start({ libraryPath: join(dataDir, 'library.sqlite'), seedSampleLibrary: true });
  registerIpc(ipcMain, engine, RENDERER_URL_PREFIX);

  const window = new BrowserWindow(WINDOW_OPTIONS);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  await window.loadFile(RENDERER_INDEX);

  app.on('window-all-closed', () => {
    void engine.stop().finally(() => app.quit());
  });
}

start().catch((err: unknown) => {
  console.error(err);
  app.exit(1);
});
