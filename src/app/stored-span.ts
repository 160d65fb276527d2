/** The span of the stored crypto data, for range checks whose errors say what the data cover. */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import type { Store } from '../data/store/store.ts';

/** How an interface names its inputs in errors: "--from" on the CLI, "from" in the API. */
export interface DateFieldNames {
  at: string;
  from: string;
  to: string;
  exclude?: string;
  sources?: string;
}

export const DEFAULT_DATE_FIELDS: DateFieldNames = { at: 'at', from: 'from', to: 'to', exclude: 'exclude' };
export const CLI_DATE_FIELDS: DateFieldNames = { at: '--at', from: '--from', to: '--to', exclude: '--exclude', sources: '--sources' };

export interface StoredSpan {
  first: DayNumber;
  last: DayNumber;
  /** "the stored crypto data cover 2013-04-28 … 2025-07-28" */
  text: string;
}

export async function storedCryptoSpan(store: Store): Promise<StoredSpan> {
  // The span alone: summary() would count every table (~20 ms on the shared data) for two numbers.
  const summary = await store.cryptoDaySpan();
  if (summary.firstDay === null || summary.lastDay === null) {
    throw new NoDataError('no crypto observations stored: run `altseason import ../shared/data` (or a CSV of yours, docs/data.md) or `altseason sync` first');
  }
  return { first: summary.firstDay, last: summary.lastDay, text: `the stored crypto data cover ${isoDateOf(summary.firstDay)} … ${isoDateOf(summary.lastDay)}` };
}
