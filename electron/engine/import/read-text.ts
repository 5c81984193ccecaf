/**
 * Opens a spectrum file as a stream of text, gunzipping transparently (the gzip magic
 * bytes decide, not the extension), and splits it into numbered lines without ever
 * holding the whole file in memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { NumberedLine } from './import-types.js';

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export async function openText(path: string): Promise<Readable> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!(await isGzip(path))) return raw.setEncoding('utf8');
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip).setEncoding('utf8');
}

/** The first `bytes` characters of the (decompressed) file, for format sniffing. */
export async function readHead(path: string, bytes = 8192): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      // A partial gzip member: inflate what we have and keep whatever came out.
      try {
        return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
      } catch {
        return '';
      }
    }
    return head.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const input = await openText(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    yield { text, line };
  }
}
