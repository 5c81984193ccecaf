/**
 * The app's commands, reachable from the desktop menus and from keyboard shortcuts in the
 * browser. One table, so the two never disagree. Accelerators use Electron's notation;
 * `CmdOrCtrl` is Command on macOS and Control elsewhere.
 */
export const COMMANDS = {
  import: { label: 'Import Unknowns…', accelerator: 'CmdOrCtrl+O' },
  'search-all': { label: 'Search All Unknowns', accelerator: 'CmdOrCtrl+Enter' },
  'export-html': { label: 'Export HTML Report…', accelerator: 'CmdOrCtrl+E' },
  'export-pdf': { label: 'Export PDF Report…', accelerator: 'CmdOrCtrl+P' },
  'export-csv': { label: 'Export CSV…', accelerator: 'CmdOrCtrl+Shift+E' },
  settings: { label: 'Settings…', accelerator: 'CmdOrCtrl+,' },
  about: { label: 'About Nexa Workbench', accelerator: 'F1' },
} as const;

export type Command = keyof typeof COMMANDS;

export function isCommand(name: unknown): name is Command {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

/** The command a key press stands for, if any (for the browser, where there is no native menu). */
export function commandForKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, isMac: boolean): Command | undefined {
  const primary = isMac ? event.metaKey : event.ctrlKey;
  for (const [command, { accelerator }] of Object.entries(COMMANDS) as [Command, { accelerator: string }][]) {
    const parts = accelerator.split('+');
    const key = parts[parts.length - 1]!;
    const wantsPrimary = parts.includes('CmdOrCtrl');
    const wantsShift = parts.includes('Shift');
    if (wantsPrimary !== primary || wantsShift !== event.shiftKey || event.altKey) continue;
    if (event.key.toLowerCase() === key.toLowerCase()) return command;
  }
  return undefined;
}
