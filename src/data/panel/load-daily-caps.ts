/**
 * Reads what the dominance and TOTAL aggregates need from the store, and nothing more is done
 * here: the observations (widened by the staleness limit before `from`, so the as-of lookup holds
 * on the first day), the source precedence and the category rules. The as-of sweep and the
 * aggregates are analytics (analytics/market/gather-daily-caps.ts, compute-market-structure.ts).
 */
import { addDays, type DayNumber } from '../../domain/dates.ts';
import type { CategoryRuleRecord, ObservationRecord } from '../../domain/records.ts';
import type { Store } from '../store/store.ts';

/** Same default as analytics/market/gather-daily-caps.ts DEFAULT_CAP_STALE_DAYS (the read must cover the look-back). */
export const DEFAULT_CAP_STALE_DAYS = 7;

export interface DailyCapsRange {
  from?: DayNumber;
  to?: DayNumber;
  /** How far before `from` to read, so caps observed then can still count on `from`. Default 7. */
  maxStaleDays?: number;
}

export interface StoredDailyCaps {
  /** Observations from − maxStaleDays … to, ordered by asset id and day (Store#readObservations). */
  observations: ObservationRecord[];
  /** The store's source precedence, highest first. */
  precedence: string[];
  categoryRules: CategoryRuleRecord[];
}

export async function loadDailyCaps(store: Store, range: DailyCapsRange = {}): Promise<StoredDailyCaps> {
  const maxStaleDays = range.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS;
  const read: { from?: DayNumber; to?: DayNumber } = {};
  if (range.from !== undefined) read.from = addDays(range.from, -maxStaleDays);
  if (range.to !== undefined) read.to = range.to;
  const [observations, precedence, categoryRules] = await Promise.all([store.readObservations(read), store.getSourcePrecedence(), store.listCategoryRules()]);
  return { observations, precedence, categoryRules };
}
