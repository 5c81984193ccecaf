/**
 * Opens a SQLite file the way every store here wants it: better-sqlite3 (with the
 * Electron build of the addon when the launcher names one), WAL journal, foreign keys,
 * and the store's migrations applied in one transaction tracked by `PRAGMA user_version`.
 */
import Database from 'better-sqlite3';

export interface OpenOptions {
  readonly?: boolean;
  /** FULL survives power loss (decisions); NORMAL survives process crashes and is faster (bulk imports). */
  synchronous?: 'NORMAL' | 'FULL';
}

export function openDatabase(path: string, migrations: readonly string[], options: OpenOptions = {}): Database.Database {
  // The desktop app runs the engine inside Electron, whose ABI needs its own
  // better-sqlite3 build; the launcher names it here (see electron/bin/start-electron.js).
  const nativeBinding = process.env.NEXA_SQLITE_BINDING;
  const readonly = options.readonly ?? false;
  const db = new Database(path, { readonly, fileMustExist: readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    db.close();
    throw new Error(`${path}: made by a newer Nexa Workbench (schema ${version})`);
  }
  if (readonly) {
    if (version !== migrations.length) {
      db.close();
      throw new Error(`${path}: schema version ${version} is not ${migrations.length}; open it writable once to upgrade`);
    }
    return db;
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  if (version < migrations.length) {
    db.transaction(() => {
      for (let v = version; v < migrations.length; v++) db.exec(migrations[v]!);
      db.pragma(`user_version = ${migrations.length}`);
    })();
  }
  return db;
}
