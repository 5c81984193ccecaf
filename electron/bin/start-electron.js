#!/usr/bin/env node
// `npm start`: builds the app, makes sure the Electron binary is there (downloading it
// once on a machine with internet, since npm install does not run Electron's own
// download script), builds an Electron copy of better-sqlite3, and starts the desktop
// app. Without a binary it says how to get one and points to `npm run web`.
//
// better-sqlite3 is a V8 addon, so Electron needs a build for its own ABI. That build is
// made in a private copy under dist/electron-native/ (a prebuilt binary when one can be
// downloaded, else node-gyp against Electron's headers) and handed to the engine through
// NEXA_SQLITE_BINDING, so node_modules stays built for Node (CLI, tests). hnswlib-node and
// onnxruntime-node use N-API and load in both.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function electronSqliteBinding(electronVersion) {
  const copy = join(root, 'dist', 'electron-native', electronVersion, 'better-sqlite3');
  const binding = join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), copy, { recursive: true });
  const target = ['--runtime=electron', `--target=${electronVersion}`];
  const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target], { cwd: copy });
  if (prebuilt.status !== 0 || !existsSync(binding)) {
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
    run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: copy });
  }
  return existsSync(binding) ? binding : undefined;
}

let binary = electronBinary();
if (!binary) {
  process.stderr.write('Electron binary missing: downloading it (needs internet)...\n');
  run(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { stdio: ['ignore', 'ignore', 'ignore'] });
  binary = electronBinary();
}
if (!binary) {
  process.stderr.write(
    'Could not get the Electron binary (no internet?). Run "node node_modules/electron/install.js" once online,\n' +
      'or use the same app in a browser with "npm run web".\n',
  );
  process.exit(1);
}
const electronVersion = require('electron/package.json').version;
const sqliteBinding = electronSqliteBinding(electronVersion);
if (!sqliteBinding) {
  process.stderr.write('Could not build better-sqlite3 for Electron (see the messages above); "npm run web" runs the same app in a browser.\n');
  process.exit(1);
}
if (run('npm', ['run', 'build']).status !== 0) process.exit(1);
process.exit(run(binary, ['.'], { env: { ...process.env, NEXA_SQLITE_BINDING: sqliteBinding } }).status ?? 1);
