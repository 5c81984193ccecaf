/**
 * What every `nexa` command shares: usage errors (exit 2), progress lines on stderr,
 * and option parsing helpers.
 */
import { existsSync } from 'node:fs';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_REJECTED = 3;

export class UsageError extends Error {}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

export function requireExistingFile(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  return path;
}

export function parsePositiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/s$/i, ''));
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got "${value}"`);
  return n;
}

/** Progress on stderr: rewritten in place on a terminal, one line every few seconds otherwise. */
export class Progress {
  private last = 0;

  constructor(private readonly label: string) {}

  update(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < (process.stderr.isTTY ? 200 : 2000)) return;
    this.last = now;
    if (process.stderr.isTTY) process.stderr.write(`\r${this.label}: ${text}\x1b[K`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }

  done(text: string): void {
    if (process.stderr.isTTY) process.stderr.write(`\r${this.label}: ${text}\x1b[K\n`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }
}
