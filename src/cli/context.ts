/** What every command needs: the store from --db, and the global flags. */
import type { Command } from 'commander';
import { defaultStorePath, openStore } from '../data/store/open-store.ts';
import type { Store } from '../data/store/store.ts';

export interface GlobalOptions {
  db?: string;
  verbose: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Opens the store named by --db (or the default), runs `work`, and always closes it. */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(globalOptions(command).db ?? defaultStorePath());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
