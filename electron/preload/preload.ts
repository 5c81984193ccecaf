/**
 * The preload bridge: exposes `window.nexa.call(channel, request)` to the sandboxed
 * renderer, passing only channels named in the API contract to their own IPC handler,
 * and `window.nexa.onCommand(listener)` for the native menu's commands.
 * Bundled to one CommonJS file (sandboxed preloads cannot load sibling modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type ApiCall } from '../common/api/contract.js';
import { isCommand, type Command } from '../common/commands.js';

const call: ApiCall = (channel, request) => {
  if (!isChannel(channel)) return Promise.reject(new Error(`no API channel "${String(channel)}"`));
  return ipcRenderer.invoke(`nexa:${channel}`, request);
};

/** Menu commands from the main process; anything not in the command table is dropped. */
function onCommand(listener: (command: Command) => void): () => void {
  const handler = (_event: unknown, command: unknown): void => {
    if (isCommand(command)) listener(command);
  };
  ipcRenderer.on('nexa:menu', handler);
  return () => ipcRenderer.removeListener('nexa:menu', handler);
}

contextBridge.exposeInMainWorld('nexa', { call, onCommand });
