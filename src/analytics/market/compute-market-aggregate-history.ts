/**
 * computeMarketAggregates for every day of a range, as labelled series (one per metric) over the
 * crypto calendar. Days whose universe lacks BTC (a gap in the stored data) get NaN for every
 * market-wide figure, never 0 and never a TOTAL that silently leaves out the largest coin.
 */
import { makeSeries } from '../../domain/series.ts';
import { computeMarketAggregates, DEFAULT_AGGREGATE_TOP_N, type AssetCap, type MarketAggregateOptions, type MarketAggregates } from './compute-market-aggregates.ts';
import type { MarketMetric, MarketStructureSeries } from './market-structure-series.ts';

export interface DailyCaps {
  /** Ascending UTC days. */
  days: readonly number[];
  /** The assets' caps on each day (one per asset), parallel to days. */
  caps: readonly (readonly AssetCap[])[];
}

const withBtc = (a: MarketAggregates, value: number | null) => (a.btcMarketCapUsd === null ? null : value);

const PICK: Record<Exclude<MarketMetric, 'asset_count'>, (a: MarketAggregates) => number | null> = {
  btc_dominance_pct: (a) => a.btcDominancePct,
  eth_dominance_pct: (a) => withBtc(a, a.ethDominancePct),
  stablecoin_dominance_pct: (a) => withBtc(a, a.stablecoinDominancePct),
  total_usd: (a) => (a.assetCount === 0 ? null : withBtc(a, a.totalUsd)),
  total2_usd: (a) => a.total2Usd,
  total3_usd: (a) => a.total3Usd,
  others_usd: (a) => withBtc(a, a.othersUsd),
  btc_market_cap_usd: (a) => a.btcMarketCapUsd,
  eth_market_cap_usd: (a) => a.ethMarketCapUsd,
};

/** The universe label of the stored aggregates; it always says whether wrapped/staked tokens count. */
export function storedUniverseLabel(topN: number | null, includeWrapped = false): string {
  const base = topN === null ? 'all stored assets' : `top ${topN} stored assets`;
  return `${base}, ${includeWrapped ? 'wrapped/staked included' : 'ex wrapped/staked'}`;
}

export function computeMarketAggregateHistory(daily: DailyCaps, source: string, options: MarketAggregateOptions = {}): MarketStructureSeries[] {
  const topN = options.topN === undefined ? DEFAULT_AGGREGATE_TOP_N : options.topN;
  const universe = storedUniverseLabel(topN, options.includeWrapped === true);
  const metrics = Object.keys(PICK) as (keyof typeof PICK)[];
  const columns = new Map(metrics.map((metric) => [metric, new Float64Array(daily.days.length)]));
  const counts = new Float64Array(daily.days.length);
  daily.days.forEach((_, i) => {
    const aggregates = computeMarketAggregates(daily.caps[i]!, options);
    counts[i] = aggregates.assetCount;
    for (const metric of metrics) columns.get(metric)![i] = PICK[metric](aggregates) ?? Number.NaN;
  });
  return [
    ...metrics.map((metric) => ({ metric, universe, source, series: makeSeries(`${metric} ${universe}`, daily.days, columns.get(metric)!) })),
    { metric: 'asset_count' as const, universe, source, series: makeSeries(`asset_count ${universe}`, daily.days, counts) },
  ];
}
