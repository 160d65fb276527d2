/**
 * Where the store lives: --db, else ALTSEASON_DB, else the user's XDG data directory. A
 * `postgres://` (or `postgresql://`) URL names a PostgreSQL store (docs/deployment.md); anything
 * else is a SQLite file.
 */
import { isPostgresUrl, parsePostgresUrl } from './postgres/postgres-config.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';
import { defaultStorePath } from './store-path.ts';

export { isPostgresUrl } from './postgres/postgres-config.ts';
export { defaultSqliteStorePath, defaultStorePath } from './store-path.ts';

export interface OpenStoreOptions extends SqliteStoreOptions {
  /**
   * For commands that only read: open without any write (no migration, no pragma that writes),
   * so a read-only file or disk can be read. A store that needs migrating is a clear error, and
   * every write method is refused.
   */
  readOnly?: boolean;
  /**
   * PostgreSQL, with readOnly: migrate an older schema once first, in a writable session, as a
   * writing open would (the CLI's read commands do so for SQLite by opening the file writable once).
   */
  migrateOlderSchema?: boolean;
}

/**
 * Opens the store at `path`: a SQLite file, or a PostgreSQL database for a URL. A PostgreSQL store
 * connects (and migrates) on its first call, so a connection error comes from that call.
 */
export function openStore(path: string = defaultStorePath(), options: OpenStoreOptions = {}): Store {
  if (isPostgresUrl(path)) {
    const store = PostgresStore.open(path, options);
    openedFrom.set(store, path);
    return store;
  }
  return SqliteStore.open(path, options);
}

/** The URL each PostgreSQL store was opened with (its location leaves the password out). */
const openedFrom = new WeakMap<Store, string>();

/**
 * What another handle on the same store opens (`openStore(connectableLocation(store))`), e.g. in a
 * worker thread: the location of a SQLite store; the URL, password included, that openStore was
 * given for a PostgreSQL store. Pass it on in memory only: never print or log it.
 */
export function connectableLocation(store: Store): string {
  return openedFrom.get(store) ?? store.location;
}

/** The store's location as it may be shown: a URL without its password, a path as it is. */
export function shownStoreLocation(path: string): string {
  if (!isPostgresUrl(path)) return path;
  try {
    return parsePostgresUrl(path).location;
  } catch {
    return 'postgres://… (not a valid URL; not shown, as it may hold a password)';
  }
}
