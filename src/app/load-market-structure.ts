/**
 * The easy entry point for market structure: reads the store (data/panel loaders) and computes
 * every labelled series (analytics/market/compute-market-structure.ts). Lives in app/ because it
 * composes I/O with analytics; data/ only reads.
 */
import type { DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { computeMarketStructure, type MarketStructure, type MarketStructureOptions } from '../analytics/market/compute-market-structure.ts';
import { loadDailyCaps } from '../data/panel/load-daily-caps.ts';
import { loadReportedMarketPoints } from '../data/panel/load-reported-market-series.ts';
import type { Store } from '../data/store/store.ts';

export type MarketStructureLoadOptions = MarketStructureOptions;
export type LoadedMarketStructure = MarketStructure;

export async function loadMarketStructure(store: Store, options: MarketStructureLoadOptions = {}): Promise<LoadedMarketStructure> {
  const range: { from?: DayNumber; to?: DayNumber } = {};
  if (options.from !== undefined) range.from = options.from;
  if (options.to !== undefined) range.to = options.to;
  const capsRange = options.maxStaleDays !== undefined ? { ...range, maxStaleDays: options.maxStaleDays } : range;
  const [caps, reportedPoints] = await Promise.all([loadDailyCaps(store, capsRange), loadReportedMarketPoints(store, range)]);
  const structure = computeMarketStructure({ ...caps, reportedPoints }, options);
  if (structure.series.length === 0) {
    throw new NoDataError(
      `no market caps or dominance series in the store at ${store.location}: import crypto_prices_long.csv.gz and btc_dominance_daily_2017_2024.csv (altseason import ../shared/data/…) or sync CoinGecko /global`,
    );
  }
  return structure;
}
