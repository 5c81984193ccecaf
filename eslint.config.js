// Lint rules, including the layering the architecture depends on:
// - the engine (electron/engine, electron/common) never imports Electron;
// - the renderer never imports the engine or Node, only the shared contract in electron/common;
// - electron/common stays runtime-agnostic (no Node built-ins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'zlib', 'crypto', 'stream'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'renderer/dist/', 'release/', 'e2e/artifacts/', '.bench/', 'native-models/**/*.py', 'native-models/training/.venv/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/common/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine runs under plain Node: keep Electron in electron-main/ and preload/.' }] }],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'common/ is shared with the renderer.' }],
          patterns: [{ group: NODE_BUILTINS, message: 'common/ is shared with the renderer: no Node built-ins.' }, { group: ['**/engine/**'], message: 'common/ must not depend on the engine.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', sessionStorage: 'readonly', history: 'readonly', fetch: 'readonly', btoa: 'readonly', atob: 'readonly', Blob: 'readonly', File: 'readonly', HTMLElement: 'readonly', HTMLDivElement: 'readonly', HTMLInputElement: 'readonly', KeyboardEvent: 'readonly', navigator: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the app only through the API contract.' }],
          patterns: [
            { group: ['**/electron/engine/**', '**/electron/cli/**', '**/electron/serve/**', '**/electron/electron-main/**', '**/electron/preload/**'], message: 'The renderer imports only electron/common (the API contract), never the engine.' },
            { group: NODE_BUILTINS, message: 'The renderer runs in a sandboxed browser context: no Node built-ins.' },
          ],
        },
      ],
    },
  },
);
