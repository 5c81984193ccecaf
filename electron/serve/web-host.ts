/**
 * `nexa serve`: the same UI and the same typed API as the desktop app, for a browser.
 * Listens on 127.0.0.1 only; every API call must carry the per-launch token
 * (`Authorization: Bearer ...`), and a Host header other than our own address is
 * refused, so neither other users' web pages nor DNS rebinding can reach the engine.
 * Fastify was chosen for its maintained plugin set (static files) and body limits.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { isChannel, parseRequest } from '../common/api/contract.js';
import { CONTENT_SECURITY_POLICY_DIRECTIVES, HEADER_ONLY_DIRECTIVES } from '../common/content-security-policy.js';
import { type EngineClient, EngineUserError } from '../engine/host/engine-client.js';
import { exportPdfReport, type PdfPrinter, wantsPdf } from '../engine/host/pdf-report.js';
import { printWithChromium } from './chromium-pdf.js';

const HEADER_POLICY = [...CONTENT_SECURITY_POLICY_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES].join('; ');

export interface WebHostOptions {
  engine: EngineClient;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
  /** How PDF reports are printed; headless Chromium by default. */
  printPdf?: PdfPrinter;
}

export interface WebHost {
  app: FastifyInstance;
  url: string;
  token: string;
  close(): Promise<void>;
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (!existsSync(options.staticDir)) {
    throw new Error(`the renderer is not built (${options.staticDir} is missing): run "npm run build:renderer"`);
  }
  const token = options.token ?? randomBytes(24).toString('hex');
  const app = Fastify({ logger: false, bodyLimit: 300 * 1024 * 1024 });
  let allowedHosts = new Set<string>();

  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      await reply.code(403).send({ error: 'forbidden host' });
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', HEADER_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  await app.register(fastifyStatic, { root: options.staticDir, index: ['index.html'] });

  app.post<{ Params: { channel: string } }>('/api/:channel', async (request, reply) => {
    const auth = request.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !tokensMatch(auth.slice(7), token)) {
      return reply.code(401).send({ error: 'missing or wrong session token: open the URL that nexa serve printed' });
    }
    const { channel } = request.params;
    if (!isChannel(channel)) return reply.code(404).send({ error: `no API channel "${channel}"` });
    const parsed = parseRequest(channel, request.body);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error, channel });
    try {
      if (wantsPdf(channel, parsed.request)) return reply.send(await exportPdfReport(options.engine, options.printPdf ?? printWithChromium));
      // The schema has just checked the shape; the engine's typed call takes it from here.
      const response = await options.engine.call(channel, parsed.request as never);
      return reply.send(response);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return reply.code(err instanceof EngineUserError ? 422 : 500).send({ error: message, channel });
    }
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    app,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    close: () => app.close(),
  };
}
