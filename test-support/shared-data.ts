/**
 * Paths to the real MassBank developer set beside the checkout (../shared), and helpers
 * that cut a few real records out of it into temporary files for tests.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_MASSBANK = resolve(REPO_ROOT, '..', 'shared', 'data', 'massbank');
export const EI_FILE = join(SHARED_MASSBANK, 'ei.massbank.txt.gz');
export const MSMS_FILE = join(SHARED_MASSBANK, 'msms.massbank.txt.gz');
export const NEXA_BIN = join(REPO_ROOT, 'electron', 'bin', 'nexa.js');

/** The first `count` MassBank records of a file (optionally only those passing `keep`), verbatim. */
export async function realRecords(file: string, count: number, keep: (record: string) => boolean = () => true): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const records: string[] = [];
  let buffer: string[] = [];
  for await (const line of lines) {
    buffer.push(line);
    if (!line.startsWith('//')) continue;
    const record = buffer.join('\n') + '\n';
    buffer = [];
    if (keep(record)) records.push(record);
    if (records.length >= count) break;
  }
  lines.close();
  return records;
}

export interface TempDir {
  path: string;
  file(name: string, content: string | Buffer): string;
  remove(): void;
}

export function tempDir(prefix = 'nexa-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file(name, content) {
      const target = join(path, name);
      writeFileSync(target, content);
      return target;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export function field(record: string, pattern: RegExp): string | undefined {
  return pattern.exec(record)?.[1]?.trim();
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
