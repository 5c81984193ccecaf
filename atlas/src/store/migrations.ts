/**
 * Atlas++ schema, as ordered migrations (version = position + 1, recorded in schema_migrations).
 * Embeddings are pgvector sparse vectors: a spectrum fills a few dozen of its 1000 bins, and
 * the HNSW index then compares only those (about 10x faster to build than dense vectors).
 */
export const EMBEDDING_DIMENSIONS = 1000;

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE collections (
    name text PRIMARY KEY,
    embedding_model text NOT NULL,
    embedding_version text NOT NULL,
    licence text,
    push_tiers text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE spectra (
    id bigserial PRIMARY KEY,
    collection text NOT NULL REFERENCES collections (name),
    external_id text NOT NULL,
    precursor_mz double precision,
    retention_time double precision,
    ion_mode text,
    instrument_type text,
    licence text,
    metadata jsonb NOT NULL,
    peaks jsonb NOT NULL,
    embedding sparsevec(${EMBEDDING_DIMENSIONS}) NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    UNIQUE (collection, external_id)
  );
  CREATE INDEX spectra_embedding ON spectra USING hnsw (embedding sparsevec_cosine_ops);
  CREATE INDEX spectra_precursor ON spectra (collection, precursor_mz);
  CREATE TABLE changes (
    seq bigserial PRIMARY KEY,
    collection text NOT NULL,
    spectrum_id bigint NOT NULL,
    external_id text NOT NULL,
    op text NOT NULL CHECK (op IN ('upsert', 'delete')),
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX changes_by_collection ON changes (collection, seq);
  CREATE TABLE api_keys (
    id serial PRIMARY KEY,
    key_hash text NOT NULL UNIQUE,
    name text NOT NULL,
    tier text NOT NULL CHECK (tier IN ('free', 'pro', 'academic', 'commercial')),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE request_log (
    id bigserial PRIMARY KEY,
    key_id integer,
    method text NOT NULL,
    route text NOT NULL,
    status integer NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE ingest_progress (
    collection text NOT NULL,
    file text NOT NULL,
    records bigint NOT NULL,
    PRIMARY KEY (collection, file)
  );
  `,
];
