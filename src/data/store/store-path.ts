/**
 * Where the store lives when no --db is given: ALTSEASON_DB, else the user's XDG data directory.
 * Its own small module (no store code), so the CLI can find the store before loading a command.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ALTSEASON_DB) return env.ALTSEASON_DB;
  return defaultSqliteStorePath(env);
}

/** The SQLite file in the user's XDG data directory (whatever ALTSEASON_DB says). */
export function defaultSqliteStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'altseason', 'altseason.db');
}
