/**
 * Per-day market caps of the stored universe, for dominance and TOTAL aggregates. For each asset
 * and day the cap is looked up as of that day (the freshest observation at most `maxStaleDays`
 * old, so weekly snapshots fill the days between them); between observations of the same day, the
 * source precedence picks one. Stablecoins are recognised by the ticker the asset used that day
 * (category rules, e.g. coin_categories.csv).
 */
import { addDays, type DayNumber } from '../../domain/dates.ts';
import type { CategoryRuleRecord, ObservationRecord } from '../../domain/records.ts';
import type { AssetCap } from '../../analytics/market/compute-market-aggregates.ts';
import type { DailyCaps } from '../../analytics/market/compute-market-aggregate-history.ts';
import { rankSources } from '../store/default-source-precedence.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_CAP_STALE_DAYS = 7;
export const STABLECOIN_CATEGORY = 'stablecoin';

export interface DailyCapsOptions {
  from?: DayNumber;
  to?: DayNumber;
  maxStaleDays?: number;
  /** Keep only the largest `keepTop` caps per day (the universe never needs more). null = all. */
  keepTop?: number | null;
  /** Use only these sources (e.g. ['cmc_weekly_snapshot_top100'] for one provider's universe). */
  sources?: string[];
}

export interface LoadedDailyCaps extends DailyCaps {
  /** Asset-days taken from each source (after the as-of lookup, before keepTop). */
  capsBySource: Record<string, number>;
}

interface Current extends AssetCap {
  day: number;
  rank: number;
}

/** The as-of sweep over observations (pure: no store); exported for tests. */
export function gatherDailyCaps(
  observations: readonly ObservationRecord[],
  precedence: readonly string[],
  stablecoinSymbols: ReadonlySet<string>,
  options: DailyCapsOptions = {},
): LoadedDailyCaps {
  const maxStaleDays = options.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS;
  const keepTop = options.keepTop === undefined ? null : options.keepTop;
  const allowed = options.sources ? new Set(options.sources) : null;
  const usable = observations.filter(
    (o) => o.marketCap !== null && o.marketCap > 0 && Number.isFinite(o.marketCap) && (!allowed || allowed.has(o.source)),
  );
  const capsBySource: Record<string, number> = {};
  if (usable.length === 0) return { days: [], caps: [], capsBySource };
  const rank = new Map(rankSources(usable.map((o) => o.source), precedence).map((source, index) => [source, index]));
  usable.sort((a, b) => a.day - b.day || rank.get(a.source)! - rank.get(b.source)!);

  const firstObserved = usable[0]!.day;
  const lastObserved = usable[usable.length - 1]!.day;
  const from = options.from ?? firstObserved;
  const to = options.to ?? lastObserved;
  const current = new Map<string, Current>();
  const days: number[] = [];
  const caps: AssetCap[][] = [];
  let next = 0;
  // Observations before the first day are taken in on the first pass, so the as-of holds there too.
  for (let day = Math.max(from, firstObserved); day <= to; day++) {
    while (next < usable.length && usable[next]!.day <= day) {
      const o = usable[next++]!;
      const held = current.get(o.assetId);
      const r = rank.get(o.source)!;
      // Fresher wins; on the same day, the higher-precedence source (sorted first) stays.
      if (!held || o.day > held.day) {
        current.set(o.assetId, { assetId: o.assetId, symbol: o.symbol, marketCap: o.marketCap!, isStablecoin: stablecoinSymbols.has(o.symbol.toUpperCase()), source: o.source, day: o.day, rank: r });
      }
    }
    const active: AssetCap[] = [];
    for (const held of current.values()) if (day - held.day <= maxStaleDays) active.push(held);
    for (const cap of active) capsBySource[cap.source!] = (capsBySource[cap.source!] ?? 0) + 1;
    if (keepTop !== null && active.length > keepTop) {
      active.sort((a, b) => b.marketCap - a.marketCap || a.assetId.localeCompare(b.assetId));
      active.length = keepTop;
    }
    days.push(day);
    caps.push(active);
  }
  return { days, caps, capsBySource };
}

export function stablecoinSymbolsOf(rules: readonly CategoryRuleRecord[]): Set<string> {
  return new Set(rules.filter((r) => r.category === STABLECOIN_CATEGORY).map((r) => r.symbol.toUpperCase()));
}

/** Reads observations (from − maxStaleDays … to) and the category rules, then gathers. */
export async function loadDailyCaps(store: Store, options: DailyCapsOptions = {}): Promise<LoadedDailyCaps> {
  const maxStaleDays = options.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS;
  const range: { from?: DayNumber; to?: DayNumber } = {};
  if (options.from !== undefined) range.from = addDays(options.from, -maxStaleDays);
  if (options.to !== undefined) range.to = options.to;
  const [observations, precedence, rules] = await Promise.all([store.readObservations(range), store.getSourcePrecedence(), store.listCategoryRules()]);
  return gatherDailyCaps(observations, precedence, stablecoinSymbolsOf(rules), options);
}
