/**
 * Files the UI uploads (unknowns, libraries) arrive as base64. They are written to a
 * private temporary folder under a sanitised name, so every importer (and gzip
 * detection) works on them as on any file, and removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withUploadedFile<T>(fileName: string, contentBase64: string, use: (path: string, bytes: Buffer) => Promise<T>): Promise<T> {
  const safeName = fileName.replace(/[^\w.-]+/g, '_').slice(-200) || 'upload';
  const dir = mkdtempSync(join(tmpdir(), 'nexa-upload-'));
  const path = join(dir, safeName);
  try {
    const bytes = Buffer.from(contentBase64, 'base64');
    writeFileSync(path, bytes);
    return await use(path, bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
