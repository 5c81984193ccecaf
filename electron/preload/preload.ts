/**
 * The preload bridge: exposes `window.nexa.call(channel, request)` to the sandboxed
 * renderer, passing only channels named in the API contract to their own IPC handler.
 * Bundled to one CommonJS file (sandboxed preloads cannot load sibling modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type ApiCall } from '../common/api/contract.js';

const call: ApiCall = (channel, request) => {
  if (!isChannel(channel)) return Promise.reject(new Error(`no API channel "${String(channel)}"`));
  return ipcRenderer.invoke(`nexa:${channel}`, request);
};

contextBridge.exposeInMainWorld('nexa', { call });
