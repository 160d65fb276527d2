/** What every command needs: the store from --db, and the global flags. */
import type { Command } from 'commander';
import { defaultStorePath, openStore } from '../data/store/open-store.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../sim/write-simulated-market.ts';

export interface GlobalOptions {
  db?: string;
  verbose: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/**
 * Opens the store named by --db (or the default), runs `work`, and always closes it. When the
 * store holds a simulated market, every command says so on stderr (stdout stays parseable).
 */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>, options: { announceSimulated?: boolean } = {}): Promise<T> {
  const store = openStore(globalOptions(command).db ?? defaultStorePath());
  try {
    if (options.announceSimulated !== false && (await isSimulatedStore(store))) process.stderr.write(`${SIMULATED_NOTICE}\n`);
    return await work(store);
  } finally {
    await store.close();
  }
}
