/**
 * Per-day market caps of the stored universe, for dominance and TOTAL aggregates (pure: the store
 * is read by data/panel/load-daily-caps.ts). For each asset and day the cap is looked up as of that
 * day (the freshest observation at most `maxStaleDays` old, so weekly snapshots fill the days
 * between them); between observations of the same day, the source precedence picks one. Each cap
 * is marked stablecoin and/or wrapped-or-staked by the ticker the asset used that day.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import type { AssetCap } from './compute-market-aggregates.ts';
import type { DailyCaps } from './compute-market-aggregate-history.ts';
import type { MarketCapClasses } from './market-cap-classes.ts';

export const DEFAULT_CAP_STALE_DAYS = 7;

export interface DailyCapsOptions {
  from?: DayNumber;
  to?: DayNumber;
  maxStaleDays?: number;
  /** Keep only the largest `keepTop` caps per day (the universe never needs more). null = all. */
  keepTop?: number | null;
  /** Use only these sources (e.g. ['cmc_weekly_snapshot_top100'] for one provider's universe). */
  sources?: readonly string[];
  /**
   * Keep wrapped and staked tokens (WBTC, stETH). Default false: they are claims on BTC and ETH
   * already counted, so they are dropped BEFORE `keepTop`, and the top N are N other assets.
   */
  includeWrapped?: boolean;
}

export interface GatheredDailyCaps extends DailyCaps {
  /** Asset-days taken from each source (after the as-of lookup and the wrapped filter, before keepTop). */
  capsBySource: Record<string, number>;
  /** Asset-days left out as wrapped or staked (0 with includeWrapped). */
  wrappedAssetDays: number;
}

interface Current extends AssetCap {
  day: number;
}

export function gatherDailyCaps(
  observations: readonly ObservationRecord[],
  precedence: readonly string[],
  classes: MarketCapClasses,
  options: DailyCapsOptions = {},
): GatheredDailyCaps {
  const maxStaleDays = options.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS;
  const keepTop = options.keepTop === undefined ? null : options.keepTop;
  const includeWrapped = options.includeWrapped === true;
  const allowed = options.sources ? new Set(options.sources) : null;
  const usable = observations.filter(
    (o) => o.marketCap !== null && o.marketCap > 0 && Number.isFinite(o.marketCap) && (!allowed || allowed.has(o.source)),
  );
  const capsBySource: Record<string, number> = {};
  if (usable.length === 0) return { days: [], caps: [], capsBySource, wrappedAssetDays: 0 };
  const rank = sourceRanks(usable.map((o) => o.source), precedence);
  usable.sort((a, b) => a.day - b.day || rank.get(a.source)! - rank.get(b.source)!);

  const firstObserved = usable[0]!.day;
  const lastObserved = usable[usable.length - 1]!.day;
  const from = options.from ?? firstObserved;
  const to = options.to ?? lastObserved;
  const current = new Map<string, Current>();
  const days: number[] = [];
  const caps: AssetCap[][] = [];
  let wrappedAssetDays = 0;
  let next = 0;
  // Observations before the first day are taken in on the first pass, so the as-of holds there too.
  for (let day = Math.max(from, firstObserved); day <= to; day++) {
    while (next < usable.length && usable[next]!.day <= day) {
      const o = usable[next++]!;
      const held = current.get(o.assetId);
      // Fresher wins; on the same day, the higher-precedence source (sorted first) stays.
      if (!held || o.day > held.day) {
        const ticker = o.symbol.toUpperCase();
        current.set(o.assetId, {
          assetId: o.assetId,
          symbol: o.symbol,
          marketCap: o.marketCap!,
          isStablecoin: classes.stablecoins.has(ticker),
          isWrappedOrStaked: classes.wrappedOrStaked.has(ticker),
          source: o.source,
          day: o.day,
        });
      }
    }
    const active: AssetCap[] = [];
    for (const held of current.values()) {
      if (day - held.day > maxStaleDays) continue;
      if (held.isWrappedOrStaked && !includeWrapped) {
        wrappedAssetDays++;
        continue;
      }
      active.push(held);
    }
    for (const cap of active) capsBySource[cap.source!] = (capsBySource[cap.source!] ?? 0) + 1;
    if (keepTop !== null && active.length > keepTop) {
      active.sort((a, b) => b.marketCap - a.marketCap || a.assetId.localeCompare(b.assetId));
      active.length = keepTop;
    }
    days.push(day);
    caps.push(active);
  }
  return { days, caps, capsBySource, wrappedAssetDays };
}

/**
 * Rank of each source: listed ones in precedence order, then the rest alphabetically — the store's
 * rule (data/store/default-source-precedence.ts rankSources), restated here because analytics do
 * not import the data layer.
 */
function sourceRanks(sources: readonly string[], precedence: readonly string[]): Map<string, number> {
  const position = new Map(precedence.map((source, index) => [source, index]));
  const ordered = [...new Set(sources)].sort((a, b) => {
    const pa = position.get(a) ?? Number.MAX_SAFE_INTEGER;
    const pb = position.get(b) ?? Number.MAX_SAFE_INTEGER;
    return pa !== pb ? pa - pb : a.localeCompare(b);
  });
  return new Map(ordered.map((source, index) => [source, index]));
}
