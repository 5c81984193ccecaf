#!/usr/bin/env node
// `npm start`: builds the app, makes sure the Electron binary is there (downloading it
// once on a machine with internet, since npm install does not run Electron's own
// download script) and starts the desktop app. Without a binary it says how to get one
// and points to `npm run web`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

let binary = electronBinary();
if (!binary) {
  process.stderr.write('Electron binary missing: downloading it (needs internet)...\n');
  run(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')]);
  binary = electronBinary();
}
if (!binary) {
  process.stderr.write(
    'Could not get the Electron binary (no internet?). Run "node node_modules/electron/install.js" once online,\n' +
      'or use the same app in a browser with "npm run web".\n',
  );
  process.exit(1);
}
if (run('npm', ['run', 'build']).status !== 0) process.exit(1);
process.exit(run(binary, ['.']).status ?? 1);
