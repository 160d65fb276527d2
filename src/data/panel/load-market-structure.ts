/**
 * Everything `altseason dominance` shows, as labelled series: the stored universe's aggregates
 * (top N by cap each day, as-of caps), the providers' reported series, and the providers' totals
 * combined with stored BTC/ETH caps. Two definitions of one metric appear side by side.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { NoDataError } from '../../domain/errors.ts';
import { computeMarketAggregateHistory } from '../../analytics/market/compute-market-aggregate-history.ts';
import { DEFAULT_AGGREGATE_TOP_N } from '../../analytics/market/compute-market-aggregates.ts';
import { deriveFromReportedTotal } from '../../analytics/market/derive-from-reported-total.ts';
import type { MarketStructureSeries } from '../../analytics/market/market-structure-series.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_CAP_STALE_DAYS, loadDailyCaps } from './load-daily-caps.ts';
import { loadReportedMarketSeries } from './load-reported-market-series.ts';

export interface MarketStructureLoadOptions {
  from?: DayNumber;
  to?: DayNumber;
  /** Universe size of the stored aggregates. Default 125 (TradingView). null = all stored assets. */
  topN?: number | null;
  maxStaleDays?: number;
  /** Restrict the stored universe to these observation sources. */
  sources?: string[];
}

export interface LoadedMarketStructure {
  series: MarketStructureSeries[];
  /** Asset-days per observation source in the stored universe. */
  capsBySource: Record<string, number>;
}

export async function loadMarketStructure(store: Store, options: MarketStructureLoadOptions = {}): Promise<LoadedMarketStructure> {
  const topN = options.topN === undefined ? DEFAULT_AGGREGATE_TOP_N : options.topN;
  const capsOptions: Parameters<typeof loadDailyCaps>[1] = { keepTop: topN, maxStaleDays: options.maxStaleDays ?? DEFAULT_CAP_STALE_DAYS };
  if (options.from !== undefined) capsOptions.from = options.from;
  if (options.to !== undefined) capsOptions.to = options.to;
  if (options.sources) capsOptions.sources = options.sources;
  const daily = await loadDailyCaps(store, capsOptions);
  const sourceLabel = `store observations (${Object.keys(daily.capsBySource).sort().join(', ') || 'none'})`;
  const stored = daily.days.length > 0 ? computeMarketAggregateHistory(daily, sourceLabel, { topN }) : [];

  const reportedRange: { from?: DayNumber; to?: DayNumber } = {};
  if (options.from !== undefined) reportedRange.from = options.from;
  if (options.to !== undefined) reportedRange.to = options.to;
  const reported = await loadReportedMarketSeries(store, reportedRange);

  const btc = stored.find((s) => s.metric === 'btc_market_cap_usd');
  const eth = stored.find((s) => s.metric === 'eth_market_cap_usd');
  const derived = btc ? reported.filter((s) => s.metric === 'total_usd').flatMap((total) => deriveFromReportedTotal(total, btc.series, eth?.series ?? null)) : [];

  const series = [...stored, ...reported, ...derived];
  if (series.length === 0) {
    throw new NoDataError(
      `no market caps or dominance series in the store at ${store.location}: import crypto_prices_long.csv.gz and btc_dominance_daily_2017_2024.csv (altseason import ../shared/data/…) or sync CoinGecko /global`,
    );
  }
  return { series, capsBySource: daily.capsBySource };
}
