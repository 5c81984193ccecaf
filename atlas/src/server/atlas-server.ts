/**
 * The Atlas++ HTTP gateway (Fastify): API-key authentication by tier, rate limits,
 * JSON-schema validation of every request (unknown fields, wrong vector lengths and
 * oversize bodies are 4xx with a message), an OpenAPI description at /docs, Prometheus
 * metrics at /metrics. Routes: /health, /embed, /search, /nearest/{id}, /collections,
 * /collections/{c}/changes, /collections/{c}/spectra (push, delete).
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';
import { DEFAULT_RATE_LIMITS, LOGGED_TIERS, RateLimiter, type RateLimits } from '../auth/access-policy.js';
import { AtlasError, type AtlasStore, type SearchFilters, type Tier } from '../store/atlas-store.js';
import { EMBEDDING_DIMENSIONS } from '../store/migrations.js';
import { EMBEDDING_MODEL, embedSpectrum } from '../store/spectrum-embedding.js';

export interface AtlasServerOptions {
  rateLimits?: RateLimits;
  bodyLimitBytes?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: { id: number; name: string; tier: Tier };
  }
}

const peaks = { type: 'array', minItems: 1, maxItems: 10000, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number', minimum: 0 } } } as const;
const spectrum = {
  type: 'object', additionalProperties: false, required: ['peaks'],
  properties: { peaks, precursor_mz: { type: 'number', minimum: 0 }, ion_mode: { type: 'string', enum: ['positive', 'negative'] }, retention_time: { type: 'number' } },
} as const;
const embedding = { type: 'array', minItems: EMBEDDING_DIMENSIONS, maxItems: EMBEDDING_DIMENSIONS, items: { type: 'number' } } as const;
const modelFields = { embedding_model: { type: 'string' }, embedding_version: { type: 'string' } } as const;
const range = { type: 'object', additionalProperties: false, required: ['min', 'max'], properties: { min: { type: 'number' }, max: { type: 'number' } } } as const;
const filters = {
  type: 'object', additionalProperties: false,
  properties: { collection: { type: 'string' }, precursor_mz: range, retention_time: range, ion_mode: { type: 'string' }, instrument_type: { type: 'string' }, licence: { type: 'string' } },
} as const;
const security = [{ apiKey: [] }];

type Peaks = [number, number][];
const toPeaks = (list: Peaks) => list.map(([mz, intensity]) => ({ mz, intensity }));

function checkModel(body: { embedding_model?: string; embedding_version?: string }): void {
  if ((body.embedding_model !== undefined && body.embedding_model !== EMBEDDING_MODEL.name) || (body.embedding_version !== undefined && body.embedding_version !== EMBEDDING_MODEL.version)) {
    throw new AtlasError(409, `embedding model ${body.embedding_model ?? '?'} ${body.embedding_version ?? '?'} does not match this server's ${EMBEDDING_MODEL.name} ${EMBEDDING_MODEL.version}; update the client`);
  }
}

export async function buildAtlasServer(store: AtlasStore, options: AtlasServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: options.bodyLimitBytes ?? 16 * 1024 * 1024, ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } } });
  const limiter = new RateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const registry = new Registry();
  const requests = new Counter({ name: 'atlas_requests_total', help: 'HTTP requests', labelNames: ['route', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'atlas_request_seconds', help: 'HTTP request latency', labelNames: ['route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Atlas++ spectral knowledge base', version: '1.0.0', description: `Spectra, their ${EMBEDDING_MODEL.name} ${EMBEDDING_MODEL.version} embeddings and metadata. Send the API key as "Authorization: Bearer KEY".` },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const open = new Set(['/health', '/metrics']);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? request.url;
    if (open.has(route) || route.startsWith('/docs')) return;
    const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const found = key ? await store.keyFor(key) : undefined;
    if (!found) return reply.code(401).send({ error: 'missing or unknown API key: send "Authorization: Bearer KEY"' });
    request.apiKey = found;
    const wait = limiter.check(found.id, found.tier);
    if (wait !== undefined) return reply.code(429).header('Retry-After', String(wait)).send({ error: `rate limit of the ${found.tier} tier reached; retry in ${wait} s` });
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    requests.inc({ route, status: String(reply.statusCode) });
    latency.observe({ route }, reply.elapsedTime / 1000);
    if (request.apiKey && LOGGED_TIERS.has(request.apiKey.tier)) store.logRequest(request.apiKey.id, request.method, route, reply.statusCode);
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AtlasError) return reply.code(error.status).send({ error: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: error instanceof Error ? error.message : String(error) });
    reply.log.error(error);
    return reply.code(500).send({ error: 'internal error' });
  });

  app.get('/health', { schema: { summary: 'Liveness and store state' } }, async () => ({ status: 'ok', embedding_model: EMBEDDING_MODEL, collections: (await store.collections()).length }));
  app.get('/metrics', { schema: { summary: 'Prometheus metrics' } }, async (_request, reply) => reply.header('Content-Type', registry.contentType).send(await registry.metrics()));

  app.post<{ Body: { spectrum: { peaks: Peaks } } }>('/embed', {
    schema: { summary: 'Spectrum to embedding', security, body: { type: 'object', additionalProperties: false, required: ['spectrum'], properties: { spectrum } } },
  }, async (request) => ({ embedding_model: EMBEDDING_MODEL.name, embedding_version: EMBEDDING_MODEL.version, embedding: embedSpectrum(toPeaks(request.body.spectrum.peaks)) }));

  app.post<{ Body: { spectrum?: { peaks: Peaks }; embedding?: number[]; embedding_model?: string; embedding_version?: string; top_k?: number; filters?: Record<string, unknown> } }>('/search', {
    schema: {
      summary: 'Nearest spectra by embedding (cosine), with metadata filters', security,
      body: { type: 'object', additionalProperties: false, properties: { spectrum, embedding, ...modelFields, top_k: { type: 'integer', minimum: 1, maximum: 100 }, filters } },
    },
  }, async (request) => {
    const body = request.body;
    checkModel(body);
    if ((body.spectrum === undefined) === (body.embedding === undefined)) throw new AtlasError(400, 'give either "spectrum" or "embedding"');
    const vector = body.embedding ?? embedSpectrum(toPeaks(body.spectrum!.peaks));
    const f = body.filters ?? {};
    const searchFilters: SearchFilters = {
      ...(f.collection ? { collection: f.collection as string } : {}),
      ...(f.precursor_mz ? { precursorMz: f.precursor_mz as { min: number; max: number } } : {}),
      ...(f.retention_time ? { retentionTime: f.retention_time as { min: number; max: number } } : {}),
      ...(f.ion_mode ? { ionMode: f.ion_mode as string } : {}),
      ...(f.instrument_type ? { instrumentType: f.instrument_type as string } : {}),
      ...(f.licence ? { licence: f.licence as string } : {}),
    };
    const hits = await store.search(vector, body.top_k ?? 10, searchFilters);
    return { hits: hits.map((h) => ({ id: h.id, collection: h.collection, external_id: h.externalId, score: h.score, metadata: h.metadata })) };
  });

  app.get<{ Params: { id: number }; Querystring: { top_k?: number } }>('/nearest/:id', {
    schema: { summary: 'Nearest spectra to a stored one', security, params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } }, querystring: { type: 'object', additionalProperties: false, properties: { top_k: { type: 'integer', minimum: 1, maximum: 100 } } } },
  }, async (request) => ({ hits: (await store.nearest(Number(request.params.id), request.query.top_k ?? 10)).map((h) => ({ id: h.id, collection: h.collection, external_id: h.externalId, score: h.score, metadata: h.metadata })) }));

  app.get('/collections', { schema: { summary: 'Collections with their embedding model and version', security } }, async () => ({
    collections: (await store.collections()).map((c) => ({ name: c.name, embedding_model: c.embeddingModel, embedding_version: c.embeddingVersion, licence: c.licence, push_tiers: c.pushTiers, spectra: c.spectra })),
  }));

  app.get<{ Params: { c: string }; Querystring: { since?: number; limit?: number } }>('/collections/:c/changes', {
    schema: {
      summary: 'Ordered change feed (upserts and deletions); pass the last cursor as since', security,
      querystring: { type: 'object', additionalProperties: false, properties: { since: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 5000 } } },
    },
  }, async (request) => {
    if (!(await store.collection(request.params.c))) throw new AtlasError(404, `no collection "${request.params.c}"`);
    const feed = await store.changes(request.params.c, Number(request.query.since ?? 0), Number(request.query.limit ?? 500));
    return {
      embedding_model: EMBEDDING_MODEL.name, embedding_version: EMBEDDING_MODEL.version,
      changes: feed.changes.map((c) => ({ cursor: c.cursor, op: c.op, external_id: c.externalId, ...(c.spectrum ? { metadata: c.spectrum.metadata, peaks: c.spectrum.peaks.map((p) => [p.mz, p.intensity]) } : {}) })),
      next_cursor: feed.nextCursor, has_more: feed.hasMore,
    };
  });

  app.post<{ Params: { c: string }; Body: { embedding_model?: string; embedding_version?: string; spectra: { external_id: string; metadata?: Record<string, unknown>; peaks: Peaks }[] } }>('/collections/:c/spectra', {
    schema: {
      summary: 'Push spectra (all or none); needs a tier the collection accepts pushes from', security,
      body: {
        type: 'object', additionalProperties: false, required: ['spectra'],
        properties: { ...modelFields, spectra: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'object', additionalProperties: false, required: ['external_id', 'peaks'], properties: { external_id: { type: 'string', minLength: 1, maxLength: 200 }, metadata: { type: 'object' }, peaks } } } },
      },
    },
  }, async (request, reply) => {
    checkModel(request.body);
    const collection = await store.collection(request.params.c);
    if (!collection) throw new AtlasError(404, `no collection "${request.params.c}"`);
    if (!collection.pushTiers.includes(request.apiKey!.tier)) throw new AtlasError(403, `the ${request.apiKey!.tier} tier may not push to "${collection.name}" (allowed: ${collection.pushTiers.join(', ') || 'none'})`);
    const ids = await store.upsertSpectra(collection.name, request.body.spectra.map((s) => ({ externalId: s.external_id, metadata: s.metadata ?? {}, peaks: toPeaks(s.peaks) })));
    return reply.code(201).send({ stored: ids.length, ids });
  });

  app.delete<{ Params: { c: string; id: string } }>('/collections/:c/spectra/:id', { schema: { summary: 'Delete a spectrum (appears in the change feed)', security } }, async (request) => {
    const collection = await store.collection(request.params.c);
    if (!collection) throw new AtlasError(404, `no collection "${request.params.c}"`);
    if (!collection.pushTiers.includes(request.apiKey!.tier)) throw new AtlasError(403, `the ${request.apiKey!.tier} tier may not change "${collection.name}"`);
    if (!(await store.deleteSpectrum(collection.name, request.params.id))) throw new AtlasError(404, `no spectrum "${request.params.id}" in "${collection.name}"`);
    return { deleted: request.params.id };
  });

  app.addHook('onClose', async () => store.flushLog());
  return app;
}
