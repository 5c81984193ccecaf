/**
 * The main window's options, following Electron's security checklist: context isolation,
 * sandboxed renderer, no Node integration, web security on, our preload bridge only.
 * Kept apart from main.ts so a test can inspect them without starting Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ROOT } from '../engine/workbench/app-paths.js';

export const RENDERER_INDEX = join(APP_ROOT, 'renderer', 'dist', 'index.html');
/** Only pages under this URL may call the API over IPC. */
export const RENDERER_URL_PREFIX = `${pathToFileURL(join(APP_ROOT, 'renderer', 'dist')).href}/`;
export const PRELOAD_BUNDLE = join(APP_ROOT, 'dist', 'electron', 'preload.cjs');

export const WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  width: 1400,
  height: 900,
  title: 'Nexa Workbench',
  show: false,
  webPreferences: {
    preload: PRELOAD_BUNDLE,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  },
};
