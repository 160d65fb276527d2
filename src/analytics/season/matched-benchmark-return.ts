/**
 * BTC's return over the same days a constituent's own prices come from. A coin known only from
 * weekly snapshots has its "90-day" return measured Monday to Monday, ending up to the staleness
 * limit before the date; comparing it with BTC's exact t−w…t return would mix two periods (and
 * make the index jump on snapshot days). Falls back to the window's BTC return when BTC has no
 * price on those days.
 */
import type { Panel } from '../../domain/panel.ts';
import type { AsOfLookup } from './as-of-lookup.ts';

export function matchedBenchmarkReturn(
  panel: Panel,
  lookup: AsOfLookup,
  benchmark: number,
  startDay: number,
  endDay: number,
  fallback: number | null,
): number | null {
  if (benchmark < 0) return fallback;
  const btc = panel.assets[benchmark]!;
  const startCell = lookup.price(benchmark, startDay);
  const endCell = lookup.price(benchmark, endDay);
  if (startCell < 0 || endCell < 0) return fallback;
  return btc.price[endCell]! / btc.price[startCell]! - 1;
}
