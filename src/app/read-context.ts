/**
 * What a read use case gets: the store, and the crypto panel through a loader that an interface may
 * cache (the server keeps one panel per load; the CLI reads the persisted panel). Every read use case
 * runs inside `store.snapshot()`, so all its reads see one state even while another process writes.
 */
import { today as todayOf, type DayNumber } from '../domain/dates.ts';
import type { Panel } from '../domain/panel.ts';
import { storeDerivedCache, type DerivedCache } from '../data/panel/derived-cache.ts';
import { loadPanel } from '../data/panel/load-panel.ts';
import type { DayRange, Store } from '../data/store/store.ts';
import { isSimulatedStore } from '../sim/write-simulated-market.ts';

export interface ReadContext {
  readonly store: Store;
  /** The crypto panel over a range (the whole history when omitted). */
  panel(range?: DayRange): Promise<Panel>;
  /**
   * Where results derived from the panel alone may be kept for this state of the store (the CLI
   * keeps them beside the persisted panel); absent, they are computed each time.
   */
  readonly derived?: DerivedCache;
  /** Whether the store holds a simulated market. */
  simulated(): Promise<boolean>;
  /** Today's UTC day, for the data's age (fixed in tests). */
  today(): DayNumber;
}

export interface ReadContextOptions {
  /** Today's UTC day (default: the clock's). */
  today?: DayNumber;
}

/** A context that reads straight from the store (through the persisted panel cache). */
export function readContext(store: Store, options: ReadContextOptions = {}): ReadContext {
  let simulated: Promise<boolean> | null = null;
  return {
    store,
    panel: (range = {}) => loadPanel(store, range),
    derived: storeDerivedCache(store),
    simulated: () => (simulated ??= isSimulatedStore(store)),
    today: () => options.today ?? todayOf(),
  };
}

/** Runs a read use case over one consistent state of the store. */
export function inSnapshot<T>(context: ReadContext, work: () => Promise<T>): Promise<T> {
  return context.store.snapshot(work);
}
