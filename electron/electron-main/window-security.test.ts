import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test-support/shared-data.js';
import { CHANNELS } from '../common/api/contract.js';
import { CONTENT_SECURITY_POLICY } from '../common/content-security-policy.js';
import { RENDERER_INDEX, WINDOW_OPTIONS } from './window-options.js';

// Electron itself cannot run here: its API is replaced by recorders, as Electron Fiddle
// tests its main process. The engine behind the IPC handlers is real.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: unknown; loaded?: string; contents: { handlers: Map<string, (...args: unknown[]) => unknown>; openHandler?: (d: { url: string }) => unknown } }[],
  ipc: new Map<string, unknown>(),
  appHandlers: new Map<string, () => void>(),
  permissionHandler: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  external: [] as string[],
  userData: '',
  menu: undefined as unknown,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      handlers: new Map<string, (...args: unknown[]) => unknown>(),
      openHandler: undefined as undefined | ((d: { url: string }) => unknown),
      setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
        this.openHandler = handler;
      },
      on(event: string, handler: (...args: unknown[]) => unknown) {
        this.handlers.set(event, handler);
      },
    };
    record: (typeof recorded.windows)[number];
    constructor(options: unknown) {
      this.record = { options, contents: this.webContents };
      recorded.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    async loadFile(path: string) {
      this.record.loaded = path;
    }
  }
  return {
    app: {
      whenReady: async () => undefined,
      getPath: () => recorded.userData,
      on: (event: string, handler: () => void) => recorded.appHandlers.set(event, handler),
      quit: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (recorded.menu = menu) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: { handle: (channel: string, handler: unknown) => recorded.ipc.set(channel, handler) },
    session: { defaultSession: { setPermissionRequestHandler: (h: typeof recorded.permissionHandler) => (recorded.permissionHandler = h) } },
    shell: { openExternal: async (url: string) => void recorded.external.push(url) },
    // No keychain in the test: the Atlas++ key is neither loaded nor stored.
    safeStorage: { isEncryptionAvailable: () => false },
    dialog: { showErrorBox: () => undefined },
  };
});

const dir = tempDir();
recorded.userData = dir.path;
afterAll(() => dir.remove());

describe('Electron security', () => {
  it('opens the window with context isolation, a sandboxed renderer and no Node integration', () => {
    expect(WINDOW_OPTIONS.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(WINDOW_OPTIONS.webPreferences?.preload).toMatch(/dist[\\/]electron[\\/]preload\.cjs$/);
  });

  it('ships a built renderer carrying the strict CSP, with no inline or remote scripts', () => {
    expect(existsSync(RENDERER_INDEX), 'run "npm run build:renderer" first').toBe(true);
    const html = readFileSync(RENDERER_INDEX, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    const decoded = meta?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(decoded).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/src="\.\/assets\//);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('starts the engine, registers only contract channels, and blocks navigation, new windows and permissions', async () => {
    const { start } = await import('./main.js');
    await start();
    const [window] = recorded.windows;
    expect(window?.options).toEqual(WINDOW_OPTIONS);
    expect(window?.loaded).toBe(RENDERER_INDEX);
    expect([...recorded.ipc.keys()].sort()).toEqual(CHANNELS.map((c) => `nexa:${c}`).sort());

    expect(window!.contents.openHandler!({ url: 'https://massbank.eu/' })).toEqual({ action: 'deny' });
    expect(window!.contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(recorded.external).toEqual(['https://massbank.eu/']);
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    window!.contents.handlers.get('will-navigate')!(event, 'https://evil.example/');
    window!.contents.handlers.get('will-attach-webview')!(event);
    expect(prevented).toBe(2);
    let granted: boolean | undefined;
    recorded.permissionHandler!(undefined, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);

    const labels = JSON.stringify(recorded.menu);
    for (const label of ['Import Unknowns…', 'Export PDF Report…', 'Search All Unknowns', 'About Nexa Workbench']) expect(labels).toContain(label);

    recorded.appHandlers.get('window-all-closed')!();
  });
});
