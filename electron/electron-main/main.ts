/**
 * The Electron shell: starts the engine thread, registers the typed IPC handlers and
 * opens a hardened window on the built renderer: navigation, new windows, webviews and
 * permission requests are refused, and no remote content is ever loaded. Everything
 * else lives in the engine, which never imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron';
import { EngineClient } from '../engine/host/engine-client.js';
import { loadAtlasKey, saveAtlasKey } from './atlas-key.js';
import { buildMenuTemplate, MENU_CHANNEL } from './app-menu.js';
import { registerIpc } from './ipc.js';
import { printWithElectron } from './print-pdf.js';
import { RENDERER_INDEX, RENDERER_URL_PREFIX, WINDOW_OPTIONS } from './window-options.js';
import { placeOnDisplays, readWindowState, writeWindowState } from './window-state.js';

export function hardenContents(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export async function start(): Promise<BrowserWindow> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  const atlasKey = loadAtlasKey(safeStorage, dataDir);
  const engine = await EngineClient.start({ libraryPath: join(dataDir, 'library.sqlite'), projectPath: join(dataDir, 'project.sqlite'), dataDir, seedSampleLibrary: true, ...(atlasKey ? { atlasKey } : {}) });
  registerIpc(ipcMain, engine, RENDERER_URL_PREFIX, printWithElectron, {
    onAtlasKey: (apiKey) => {
      if (!saveAtlasKey(safeStorage, dataDir, apiKey)) dialog.showErrorBox('Atlas++ key not stored', 'This system offers no keychain to encrypt the key with, so it is used for this session only and asked for again next time.');
    },
  });

  const statePath = join(app.getPath('userData'), 'window-state.json');
  const saved = readWindowState(statePath);
  const placement = saved ? placeOnDisplays(saved, screen.getAllDisplays().map((d) => d.workArea)) : {};
  const window = new BrowserWindow({ ...WINDOW_OPTIONS, ...placement });
  hardenContents(window.webContents);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate((command) => window.webContents.send(MENU_CHANNEL, command))));
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => writeWindowState(statePath, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  await window.loadFile(RENDERER_INDEX);

  app.on('window-all-closed', () => {
    void engine.stop().finally(() => app.quit());
  });
  return window;
}

if (process.versions.electron) {
  start().catch((err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}
