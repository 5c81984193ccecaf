/**
 * The renderer's only way to the engine: a typed `call(channel, request)` over the
 * Electron preload bridge when it is there, else over HTTP to `nexa serve` with the
 * per-launch token from the URL. Both speak the same contract.
 */
import type { ApiCall, ApiErrorBody, Channel, RequestOf, ResponseOf } from '../../../electron/common/api/contract';
import type { Command } from '../../../electron/common/commands';

export interface NexaBridge {
  call: ApiCall;
  /** Native-menu commands (desktop app only); returns the unsubscribe function. */
  onCommand(listener: (command: Command) => void): () => void;
}

declare global {
  interface Window {
    nexa?: NexaBridge;
  }
}

const TOKEN_KEY = 'nexa-session-token';

function sessionToken(): string {
  const fromHash = /token=([0-9a-f]+)/.exec(window.location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpCall(): ApiCall {
  const token = sessionToken();
  return async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
    const body = (await response.json()) as ResponseOf<C> | ApiErrorBody;
    if (!response.ok) throw new Error((body as ApiErrorBody).error ?? `${channel} failed (${response.status})`);
    return body as ResponseOf<C>;
  };
}

export const api: ApiCall = window.nexa ? window.nexa.call : httpCall();

/** Desktop menu commands, or the same commands from keyboard shortcuts in a browser. */
export function subscribeToCommands(listener: (command: Command) => void, commandForKey: (event: KeyboardEvent) => Command | undefined): () => void {
  if (window.nexa) return window.nexa.onCommand(listener);
  const onKey = (event: KeyboardEvent): void => {
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    listener(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
