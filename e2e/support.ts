/**
 * Helpers for end-to-end tests: run the real `nexa` CLI, start the real `nexa serve` on
 * 127.0.0.1 and launch Debian's Chromium with the flags this closed network needs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { NEXA_BIN, REPO_ROOT } from '../test-support/shared-data.js';

export const ARTIFACTS = join(REPO_ROOT, 'e2e', 'artifacts');
export const CHROMIUM = process.env.NEXA_CHROMIUM ?? '/usr/bin/chromium';

export function nexa(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [NEXA_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI without blocking this process: for tests whose own event loop serves the CLI (an in-process Atlas++). */
export function nexaAsync(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXA_BIN, ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

export interface RunningServer {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function startServe(args: string[]): Promise<RunningServer> {
  if (!existsSync(join(REPO_ROOT, 'renderer', 'dist', 'index.html'))) throw new Error('renderer not built: run "npm run build:renderer" first');
  const child = spawn(process.execPath, [NEXA_BIN, 'serve', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nexa serve did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving at (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`nexa serve exited with ${code}:\n${output}`)));
  });
  return {
    process: child,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
