/**
 * Everything `altseason dominance` shows, as labelled series, from what the store holds (pure: the
 * loaders in data/panel read it; src/app/load-market-structure.ts composes both): the stored
 * universe's aggregates (top N by cap each day, as-of caps, wrapped/staked tokens left out unless
 * `includeWrapped`), the providers' reported series, and the providers' totals combined with
 * stored BTC/ETH caps. Two definitions of one metric appear side by side.
 */
import { dayOfMs, type DayNumber } from '../../domain/dates.ts';
import type { CategoryRuleRecord, ObservationRecord, SeriesPointRecord } from '../../domain/records.ts';
import { computeMarketAggregateHistory, storedUniverseLabel } from './compute-market-aggregate-history.ts';
import { DEFAULT_AGGREGATE_TOP_N } from './compute-market-aggregates.ts';
import { deriveFromReportedTotal } from './derive-from-reported-total.ts';
import { DEFAULT_CAP_STALE_DAYS, gatherDailyCaps } from './gather-daily-caps.ts';
import { marketCapClassesOf } from './market-cap-classes.ts';
import type { MarketStructureSeries } from './market-structure-series.ts';
import { reportedMarketSeries } from './reported-market-series.ts';

/** What the store holds for market structure (the loaders' results). */
export interface MarketStructureInputs {
  /** Per-asset observations; only those with a market cap are used. */
  observations: readonly ObservationRecord[];
  /** The store's source precedence, highest first. */
  precedence: readonly string[];
  categoryRules: readonly CategoryRuleRecord[];
  /** Provider-reported points (total market cap, dominance); empty when none are stored. */
  reportedPoints: readonly SeriesPointRecord[];
}

export interface MarketStructureOptions {
  from?: DayNumber;
  to?: DayNumber;
  /** Universe size of the stored aggregates. Default 125 (TradingView). null = all stored assets. */
  topN?: number | null;
  maxStaleDays?: number;
  /** Restrict the stored universe to these observation sources. */
  sources?: readonly string[];
  /** Count wrapped and staked tokens in the stored aggregates (they double count BTC and ETH). Default false. */
  includeWrapped?: boolean;
}

export interface MarketStructure {
  series: MarketStructureSeries[];
  /** Asset-days per observation source in the stored universe. */
  capsBySource: Record<string, number>;
  /** The stored aggregates' universe label, e.g. 'top 125 stored assets, ex wrapped/staked'. */
  storedUniverse: string;
  /** Asset-days of wrapped/staked tokens left out of the stored aggregates (0 with includeWrapped). */
  wrappedAssetDays: number;
}

export function computeMarketStructure(inputs: MarketStructureInputs, options: MarketStructureOptions = {}): MarketStructure {
  const topN = options.topN === undefined ? DEFAULT_AGGREGATE_TOP_N : options.topN;
  const includeWrapped = options.includeWrapped === true;
  const capsOptions: Parameters<typeof gatherDailyCaps>[3] = { keepTop: topN, maxStaleDays: options.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS, includeWrapped };
  if (options.from !== undefined) capsOptions.from = options.from;
  if (options.to !== undefined) capsOptions.to = options.to;
  if (options.sources) capsOptions.sources = options.sources;
  const daily = gatherDailyCaps(inputs.observations, inputs.precedence, marketCapClassesOf(inputs.categoryRules), capsOptions);
  const sourceLabel = `store observations (${Object.keys(daily.capsBySource).sort().join(', ') || 'none'})`;
  const stored = daily.days.length > 0 ? computeMarketAggregateHistory(daily, sourceLabel, { topN, includeWrapped }) : [];

  const inRange = (p: SeriesPointRecord) => {
    const day = dayOfMs(p.at);
    return (options.from === undefined || day >= options.from) && (options.to === undefined || day <= options.to);
  };
  const reported = reportedMarketSeries(inputs.reportedPoints.filter(inRange));
  const btc = stored.find((s) => s.metric === 'btc_market_cap_usd');
  const eth = stored.find((s) => s.metric === 'eth_market_cap_usd');
  const derived = btc ? reported.filter((s) => s.metric === 'total_usd').flatMap((total) => deriveFromReportedTotal(total, btc.series, eth?.series ?? null)) : [];
  return {
    series: [...stored, ...reported, ...derived],
    capsBySource: daily.capsBySource,
    storedUniverse: storedUniverseLabel(topN, includeWrapped),
    wrappedAssetDays: daily.wrappedAssetDays,
  };
}
