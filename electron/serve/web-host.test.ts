import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir, REPO_ROOT } from '../../test-support/shared-data.js';
import { EngineClient } from '../engine/host/engine-client.js';
import { startWebHost, type WebHost } from './web-host.js';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

let dir: TempDir;
let engine: EngineClient;
let host: WebHost;
let port: number;

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = tempDir();
  // The host needs a renderer build to serve; tests of the API alone use a stand-in index page.
  const staticDir = join(REPO_ROOT, 'renderer', 'dist');
  const root = existsSync(join(staticDir, 'index.html')) ? staticDir : (mkdirSync(join(dir.path, 'static')), writeFileSync(join(dir.path, 'static', 'index.html'), '<!doctype html>'), join(dir.path, 'static'));
  engine = await EngineClient.start({ libraryPath: join(dir.path, 'lib.sqlite'), seedSampleLibrary: true });
  host = await startWebHost({ engine, staticDir: root });
  port = Number(new URL(host.url).port);
});
afterAll(async () => {
  await host?.close();
  await engine?.stop();
  dir?.remove();
});

describe('nexa serve web host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the per-launch token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await post('/api/libraries.list', {})).status).toBe(401);
    expect((await post('/api/libraries.list', {}, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await post('/api/libraries.list', {}, { authorization: `Bearer ${host.token}`, host: 'evil.example:80' });
    expect(res.status).toBe(403);
  });

  it('answers contract channels, and refuses unknown channels and malformed requests with a message', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const libraries = await post('/api/libraries.list', {}, auth);
    expect(libraries.status).toBe(200);
    expect(libraries.json).toEqual([expect.objectContaining({ name: 'Nexa sample library (MassBank CC BY/CC0)', enabled: true })]);
    expect((await post('/api/shell.exec', {}, auth)).status).toBe(404);
    const bad = await post('/api/search.run', { params: { top: 'ten' } }, auth);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/params\.top/);
    const extra = await post('/api/libraries.list', { sneaky: 1 }, auth);
    expect(extra.status).toBe(400);
  });

  it('imports the sample unknowns, identifies them and reports a bad file as a user error', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const content = readFileSync(join(REPO_ROOT, 'resources', 'sample-unknowns', 'gc-ei-unknowns.msp')).toString('base64');
    const imported = await post('/api/unknowns.import', { fileName: 'gc-ei-unknowns.msp', contentBase64: content }, auth);
    expect(imported.status).toBe(200);
    const added = imported.json.added as { unknownId: string }[];
    expect(added.length).toBe(8);
    const search = await post('/api/search.run', { params: { top: 5 } }, auth);
    const results = search.json.results as { hits: { score: number }[] }[];
    expect(results.every((r) => r.hits[0]!.score > 800)).toBe(true);
    const garbage = await post('/api/unknowns.import', { fileName: 'notes.dat', contentBase64: Buffer.from('hello\n').toString('base64') }, auth);
    expect(garbage.status).toBe(422);
    expect(garbage.json.error).toMatch(/notes\.dat: not a recognised spectrum file/);
    const empty = await post('/api/unknowns.import', { fileName: 'notes.txt', contentBase64: Buffer.from('hello\n').toString('base64') }, auth);
    expect(empty.json).toEqual({ added: [], problems: [{ file: 'notes.txt', line: 1, message: expect.stringMatching(/TAG: value/) }] });
  });

  it('sends a strict Content-Security-Policy with every response', async () => {
    const res = await new Promise<{ csp: string | undefined }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (r) => {
        r.resume();
        resolve({ csp: r.headers['content-security-policy'] as string | undefined });
      }).on('error', reject).end();
    });
    expect(res.csp).toContain("script-src 'self'");
    expect(res.csp).toContain("frame-ancestors 'none'");
  });
});
