/** Where the store lives: --db, else ALTSEASON_DB, else the user's XDG data directory. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ALTSEASON_DB) return env.ALTSEASON_DB;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'altseason', 'altseason.db');
}

export interface OpenStoreOptions extends SqliteStoreOptions {
  /**
   * For commands that only read: open without any write (no migration, no pragma that writes),
   * so a read-only file or disk can be read. A store that needs migrating is a clear error, and
   * every write method is refused.
   */
  readOnly?: boolean;
}

export function openStore(path: string = defaultStorePath(), options: OpenStoreOptions = {}): Store {
  return SqliteStore.open(path, options);
}
