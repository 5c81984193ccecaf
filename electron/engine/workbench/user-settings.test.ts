import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import { UserSettings } from './user-settings.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('user settings and recent files', () => {
  it('keeps settings across restarts and refuses invalid values', () => {
    dir = tempDir();
    new UserSettings(dir.path).update({ theme: 'dark', analystName: 'A. Chemist' });
    const again = new UserSettings(dir.path);
    expect(again.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', analystName: 'A. Chemist' });
    expect(() => again.update({ theme: 'purple' as 'dark' })).toThrow();
    expect(new UserSettings(dir.path).settings.theme).toBe('dark');
  });

  it('starts from the defaults when settings.json is damaged', () => {
    dir = tempDir();
    writeFileSync(join(dir.path, 'settings.json'), '{ "settings": { "theme": ');
    expect(new UserSettings(dir.path).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('lists the ten most recent files, newest first, and keeps their bytes for reopening', () => {
    dir = tempDir();
    const settings = new UserSettings(dir.path);
    for (let i = 0; i < 12; i++) settings.rememberFile(`f${i}.msp`, Buffer.from(`content ${i}`), i + 1);
    settings.rememberFile('f3-again.msp', Buffer.from('content 3'), 4);
    const recent = new UserSettings(dir.path).recent;
    expect(recent.map((r) => r.name)).toEqual(['f3-again.msp', 'f11.msp', 'f10.msp', 'f9.msp', 'f8.msp', 'f7.msp', 'f6.msp', 'f5.msp', 'f4.msp', 'f2.msp']);
    expect(readdirSync(join(dir.path, 'recent'))).toHaveLength(10);
    expect(settings.recentBytes(recent[0]!.fileId)?.bytes.toString()).toBe('content 3');
  });

  it('writes nothing without a data folder', () => {
    const settings = new UserSettings(undefined);
    settings.update({ theme: 'light' });
    settings.rememberFile('x.msp', Buffer.from('x'), 1);
    expect(settings.settings.theme).toBe('light');
    expect(settings.recentBytes(settings.recent[0]!.fileId)).toBeUndefined();
    expect(existsSync('settings.json')).toBe(false);
  });
});
