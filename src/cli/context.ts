/** What every command needs: the store from --db, the global flags, and the read context. */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { defaultSqliteStorePath, defaultStorePath, isPostgresUrl, openStore } from '../data/store/open-store.ts';
import { NoDataError, StoreError } from '../domain/errors.ts';
import type { Store } from '../data/store/store.ts';
import { readContext, type ReadContext } from '../app/read-context.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../sim/write-simulated-market.ts';

export interface GlobalOptions {
  db?: string;
  verbose: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Where `npm start` (serve) keeps the simulated demo market: beside the real store, never in it. */
export function simulatedStorePath(realStorePath: string): string {
  // A PostgreSQL store (a URL) has no directory: the demo goes beside the default SQLite file.
  return join(dirname(isPostgresUrl(realStorePath) ? defaultSqliteStorePath() : realStorePath), 'altseason-simulated.db');
}

export interface WithStoreOptions {
  /** Print the simulated-market notice on stderr (default true). */
  announceSimulated?: boolean;
  /**
   * For commands that only read: the store must exist (a mistyped path is an error rather than a
   * new, empty store created silently), and it is opened read-only (a read-only file can be read).
   */
  readOnly?: boolean;
  /** The store must exist (implied by readOnly). */
  mustExist?: boolean;
}

/** The store path the command line names, and whether it was named explicitly. */
export function storePathOf(command: Command): { path: string; explicit: boolean; flag: string } {
  const fromFlag = globalOptions(command).db;
  const explicit = fromFlag ?? process.env.ALTSEASON_DB;
  return { path: explicit || defaultStorePath(), explicit: Boolean(explicit), flag: fromFlag ? '--db' : '$ALTSEASON_DB' };
}

/** Where to look next when a store has no data: the demo `npm start` opened, if there is one. */
function demoHint(path: string): string {
  const demo = simulatedStorePath(path);
  return path !== demo && existsSync(demo) ? `; the simulated demo market that \`npm start\` opened is in ${demo}: \`altseason --db ${demo} status\`` : '';
}

/**
 * Opens the store named by --db (or the default), runs `work`, and always closes it. When the
 * store holds a simulated market, every command says so on stderr (stdout stays parseable).
 */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>, options: WithStoreOptions = {}): Promise<T> {
  const { path, explicit, flag } = storePathOf(command);
  // A PostgreSQL store (a URL) is not a file: its open says when the database holds no store.
  if ((options.readOnly || options.mustExist) && path !== ':memory:' && !isPostgresUrl(path) && !existsSync(path)) {
    throw new NoDataError(
      explicit
        ? `no store at ${path} (${flag}): check the path, or create it with \`altseason --db ${path} import FILE…\` (or sync, or simulate)`
        : `no store at ${path} yet: load data with \`altseason import ../shared/data\` (the example data set beside the project) or \`altseason sync\`${demoHint(path)}`,
    );
  }
  const store = options.readOnly ? openReadOnly(path) : openStore(path);
  try {
    if (options.announceSimulated !== false && (await isSimulatedStore(store))) process.stderr.write(`${SIMULATED_NOTICE}\n`);
    return await work(store);
  } catch (error) {
    if (error instanceof NoDataError && !explicit) {
      const hint = demoHint(path);
      if (hint) throw new NoDataError(`${error.message}${hint}`, { cause: error });
    }
    throw error;
  } finally {
    await store.close();
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a store for reading only. A store written by an older version needs its schema migrated
 * first, which a read-only handle cannot do: when the file is writable, one writing open migrates
 * it (in a transaction), then it is opened read-only as asked.
 */
function openReadOnly(path: string): Store {
  // PostgreSQL: the store migrates an older schema itself on its first call, when the role may.
  if (isPostgresUrl(path)) return openStore(path, { readOnly: true, migrateOlderSchema: true });
  try {
    return openStore(path, { readOnly: true });
  } catch (error) {
    if (!(error instanceof StoreError) || !/needs migrating/.test(error.message) || !writable(path)) throw error;
    const migrating = openStore(path);
    void migrating.close();
    return openStore(path, { readOnly: true });
  }
}

/** For read use cases: the store opened read-only, as a read context. */
export function withReadContext<T>(command: Command, work: (context: ReadContext) => Promise<T>, options: Omit<WithStoreOptions, 'readOnly'> = {}): Promise<T> {
  return withStore(command, (store) => work(readContext(store)), { ...options, readOnly: true });
}
