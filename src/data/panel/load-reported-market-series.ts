/**
 * Reads the provider-reported market-structure points from the store (series_points): total
 * market cap and BTC/ETH/stablecoin dominance, every source. Labelling them with their universe
 * and provider, and one value per day, is analytics (analytics/market/reported-market-series.ts).
 */
import { msOfDay, type DayNumber, type UnixMs } from '../../domain/dates.ts';
import type { SeriesPointRecord } from '../../domain/records.ts';
import { SERIES } from '../../domain/series-names.ts';
import type { Store } from '../store/store.ts';

/** The stored series read (analytics/market/reported-market-series.ts maps each to a metric). */
export const REPORTED_SERIES_NAMES: readonly string[] = [SERIES.totalMarketCapUsd, SERIES.btcDominancePct, SERIES.ethDominancePct, SERIES.stablecoinDominancePct];

export async function loadReportedMarketPoints(store: Store, range: { from?: DayNumber; to?: DayNumber } = {}): Promise<SeriesPointRecord[]> {
  const msRange: { from?: UnixMs; to?: UnixMs } = {};
  if (range.from !== undefined) msRange.from = msOfDay(range.from);
  // Up to the end of the last day: a /global snapshot at 18:00 belongs to that day.
  if (range.to !== undefined) msRange.to = (msOfDay(range.to) + 86_399_999) as UnixMs;
  const points: SeriesPointRecord[] = [];
  for (const name of REPORTED_SERIES_NAMES) points.push(...(await store.readSeries(name, msRange)));
  return points;
}
