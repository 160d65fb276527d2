/** What every command needs: the store from --db, and the global flags. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultStorePath, openStore } from '../data/store/open-store.ts';
import { NoDataError } from '../domain/errors.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../sim/write-simulated-market.ts';

export interface GlobalOptions {
  db?: string;
  verbose: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export interface WithStoreOptions {
  /** Print the simulated-market notice on stderr (default true). */
  announceSimulated?: boolean;
  /**
   * For commands that only read: a store named explicitly (--db or $ALTSEASON_DB) must exist, so
   * a mistyped path is an error rather than a new, empty store (and directories) created silently.
   */
  mustExist?: boolean;
}

/**
 * Opens the store named by --db (or the default), runs `work`, and always closes it. When the
 * store holds a simulated market, every command says so on stderr (stdout stays parseable).
 */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>, options: WithStoreOptions = {}): Promise<T> {
  const explicit = globalOptions(command).db ?? process.env.ALTSEASON_DB;
  const path = explicit || defaultStorePath();
  if (options.mustExist && explicit && path !== ':memory:' && !existsSync(path)) {
    const flag = globalOptions(command).db ? '--db' : '$ALTSEASON_DB';
    throw new NoDataError(`no store at ${path} (${flag}): check the path, or create it with \`altseason --db ${path} import FILE…\` (or sync, or simulate)`);
  }
  const store = openStore(path);
  try {
    if (options.announceSimulated !== false && (await isSimulatedStore(store))) process.stderr.write(`${SIMULATED_NOTICE}\n`);
    return await work(store);
  } finally {
    await store.close();
  }
}
