/**
 * The native menu bar: File, Edit, Search, View and Help, with the shortcuts of the
 * shared command table. Menu items send the command to the window, where the renderer
 * runs it exactly as it would a keyboard shortcut in the browser.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type Command } from '../common/commands.js';

export const MENU_CHANNEL = 'nexa:menu';

export function buildMenuTemplate(send: (command: Command) => void, platform: string = process.platform): MenuItemConstructorOptions[] {
  const item = (command: Command): MenuItemConstructorOptions => ({
    label: COMMANDS[command].label,
    accelerator: COMMANDS[command].accelerator,
    click: () => send(command),
  });
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [item('import'), { type: 'separator' }, item('export-html'), item('export-pdf'), item('export-csv'), { type: 'separator' }, ...(mac ? [] : [item('settings'), { type: 'separator' as const }]), { role: mac ? 'close' : 'quit' }],
    },
    { role: 'editMenu' },
    { label: 'Search', submenu: [item('search-all')] },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'help', submenu: [item('about')] },
  ];
}
