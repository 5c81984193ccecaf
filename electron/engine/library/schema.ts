/**
 * The library database's schema as an ordered list of migrations. `PRAGMA user_version`
 * records how many have run; opening a database runs the missing ones in one
 * transaction, so an old file is upgraded whole or not at all.
 */

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE libraries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    enabled INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'measured' CHECK (source IN ('measured', 'predicted')),
    created_at TEXT NOT NULL,
    description TEXT
  );
  CREATE TABLE compounds (
    id INTEGER PRIMARY KEY,
    inchikey TEXT UNIQUE,
    inchikey_block TEXT,
    name TEXT,
    smiles TEXT,
    inchi TEXT,
    formula TEXT,
    exact_mass REAL
  );
  CREATE INDEX compounds_block ON compounds (inchikey_block);
  CREATE TABLE spectra (
    id INTEGER PRIMARY KEY,
    library_id INTEGER NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    compound_id INTEGER REFERENCES compounds (id),
    record_id TEXT,
    name TEXT,
    precursor_mz REAL,
    precursor_type TEXT,
    ion_mode TEXT,
    ms_level INTEGER,
    retention_time REAL,
    retention_index REAL,
    instrument_type TEXT,
    instrument TEXT,
    collision_energy TEXT,
    license TEXT,
    authors TEXT,
    source_file TEXT,
    peak_count INTEGER NOT NULL,
    is_unit_mass INTEGER NOT NULL,
    UNIQUE (library_id, record_id)
  );
  CREATE INDEX spectra_precursor ON spectra (precursor_mz) WHERE precursor_mz IS NOT NULL;
  CREATE INDEX spectra_unit_mass ON spectra (is_unit_mass);
  CREATE TABLE peaks (
    spectrum_id INTEGER PRIMARY KEY REFERENCES spectra (id) ON DELETE CASCADE,
    mz BLOB NOT NULL,
    intensity BLOB NOT NULL
  );
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('unit_mass_generation', '0');
  `,
  // In-silico libraries: the model that predicted a spectrum, and the model a library was made with.
  `
  ALTER TABLE spectra ADD COLUMN prediction_model TEXT;
  ALTER TABLE libraries ADD COLUMN model TEXT;
  `,
];
