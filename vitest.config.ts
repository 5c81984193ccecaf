// One runner for unit, integration and end-to-end tests. Integration and e2e tests use
// real SQLite files, the real MassBank data in ../shared, a real HTTP server on
// 127.0.0.1 and a real Chromium, so they get long time-outs and run one file at a time
// per core.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'atlas/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
