/**
 * Remembers the main window's size, position and maximised state between sessions, in
 * `window-state.json` under the user-data folder (written to a temporary file, then
 * renamed). A saved position that no longer falls on a connected display (a laptop
 * undocked from its monitor) is dropped, keeping the size.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

const MIN_VISIBLE = 100;

export function readWindowState(path: string): WindowState | undefined {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as WindowState;
    const b = state.bounds;
    return [b.x, b.y, b.width, b.height].every(Number.isFinite) && b.width > 0 && b.height > 0 ? { bounds: b, maximized: state.maximized === true } : undefined;
  } catch {
    return undefined;
  }
}

export function writeWindowState(path: string, state: WindowState): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

/** The saved bounds if enough of the window lands on some display's work area; else only the size. */
export function placeOnDisplays(state: WindowState, workAreas: readonly Bounds[]): Partial<Bounds> {
  const b = state.bounds;
  const visible = workAreas.some((area) => {
    const w = Math.min(b.x + b.width, area.x + area.width) - Math.max(b.x, area.x);
    const h = Math.min(b.y + b.height, area.y + area.height) - Math.max(b.y, area.y);
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE;
  });
  return visible ? { ...b } : { width: b.width, height: b.height };
}
