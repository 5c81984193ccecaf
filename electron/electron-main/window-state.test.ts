import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../test-support/shared-data.js';
import { placeOnDisplays, readWindowState, writeWindowState } from './window-state.js';

let dir: TempDir;
afterEach(() => dir?.remove());

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('remembers size, position and maximised state across sessions', () => {
    dir = tempDir();
    const path = join(dir.path, 'window-state.json');
    expect(readWindowState(path)).toBeUndefined();
    writeWindowState(path, { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true });
    expect(readWindowState(path)).toEqual({ bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true });
    writeFileSync(path, '{"bounds": {"x": "left"}}');
    expect(readWindowState(path)).toBeUndefined();
  });

  it('keeps the position while the window is on a display, and only the size once that display is gone', () => {
    const onMonitor = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeOnDisplays(onMonitor, [laptop, monitor])).toEqual(onMonitor.bounds);
    expect(placeOnDisplays(onMonitor, [laptop])).toEqual({ width: 1200, height: 800 });
    expect(placeOnDisplays({ bounds: { x: 1380, y: 850, width: 800, height: 600 }, maximized: false }, [laptop])).toEqual({ width: 800, height: 600 });
  });
});
