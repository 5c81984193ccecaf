#!/usr/bin/env node
// Runs one TypeScript file (a benchmark, a resource script) through tsx: node electron/bin/run-ts.js FILE [ARGS...]
import { register } from 'tsx/esm/api';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node electron/bin/run-ts.js FILE.ts [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...args];
register();
await import(pathToFileURL(resolve(file)).href);
