import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey, isCommand } from './commands.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('command shortcuts', () => {
  it('maps each accelerator to its command, with Command on macOS and Control elsewhere', () => {
    expect(commandForKey(key('o', { ctrlKey: true }), false)).toBe('import');
    expect(commandForKey(key('o', { metaKey: true }), true)).toBe('import');
    expect(commandForKey(key('o', { metaKey: true }), false)).toBeUndefined();
    expect(commandForKey(key('E', { ctrlKey: true, shiftKey: true }), false)).toBe('export-csv');
    expect(commandForKey(key('e', { ctrlKey: true }), false)).toBe('export-html');
    expect(commandForKey(key('Enter', { ctrlKey: true }), false)).toBe('search-all');
    expect(commandForKey(key(',', { ctrlKey: true }), false)).toBe('settings');
    expect(commandForKey(key('F1'), false)).toBe('about');
    expect(commandForKey(key('o', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(commandForKey(key('o'), false)).toBeUndefined();
  });

  it('knows its own command names only', () => {
    expect(Object.keys(COMMANDS).every(isCommand)).toBe(true);
    expect(isCommand('shell')).toBe(false);
    expect(isCommand(undefined)).toBe(false);
  });
});
