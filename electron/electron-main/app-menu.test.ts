import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from '../common/commands.js';
import { buildMenuTemplate } from './app-menu.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

describe('native menu', () => {
  it('offers every command with its keyboard shortcut, and a click sends that command to the window', () => {
    const sent: Command[] = [];
    const all = items(buildMenuTemplate((c) => sent.push(c), 'linux'));
    for (const [command, { label, accelerator }] of Object.entries(COMMANDS) as [Command, { label: string; accelerator: string }][]) {
      const item = all.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      expect(item!.accelerator).toBe(accelerator);
      (item!.click as () => void)();
      expect(sent[sent.length - 1]).toBe(command);
    }
    expect(all.map((i) => i.label ?? i.role)).toEqual(expect.arrayContaining(['File', 'editMenu', 'Search', 'View', 'help', 'quit']));
  });

  it('follows macOS conventions there: the app menu, Close instead of Quit, Settings under the app menu', () => {
    const all = items(buildMenuTemplate(() => undefined, 'darwin'));
    expect(all[0]!.role).toBe('appMenu');
    expect(all.some((i) => i.role === 'close')).toBe(true);
    expect(all.some((i) => i.role === 'quit')).toBe(false);
  });
});
