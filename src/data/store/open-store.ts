/** Where the store lives: --db, else ALTSEASON_DB, else the user's XDG data directory. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ALTSEASON_DB) return env.ALTSEASON_DB;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'altseason', 'altseason.db');
}

export function openStore(path: string = defaultStorePath()): Store {
  return SqliteStore.open(path);
}
