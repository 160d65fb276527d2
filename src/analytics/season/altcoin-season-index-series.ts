/**
 * The Altcoin Season Index for every day of a range, for one or more windows at once. The
 * market-cap ranking depends only on the date, so it is computed once per date and shared by all
 * windows; buffers are reused, so the full history of 30/90/365-day windows comes back in tens of
 * milliseconds. Nothing computed for day t reads data after t.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { AsOfLookup } from './as-of-lookup.ts';
import { classifySeason, type Season } from './classify-season.ts';
import { indexExclusionReasons } from './index-exclusions.ts';
import { MarketCapRanker } from './market-cap-ranker.ts';
import { matchedBenchmarkReturn } from './matched-benchmark-return.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from './season-index-options.ts';
import { summarizeWindow, type WindowSummary } from './summarize-window.ts';
import { makeUniverseBuffers, walkUniverse } from './walk-universe.ts';

export interface SeasonIndexPoint extends WindowSummary {
  day: DayNumber;
  window: number;
  season: Season | null;
}

export interface SeasonIndexSeries {
  window: number;
  options: SeasonIndexOptions;
  points: SeasonIndexPoint[];
}

export interface SeasonIndexRangeOptions extends Partial<SeasonIndexOptions> {
  /** Windows to compute (default: just `window`). */
  windows?: readonly number[];
}

export function altcoinSeasonIndexSeries(panel: Panel, from: DayNumber, to: DayNumber, options: SeasonIndexRangeOptions = {}): SeasonIndexSeries[] {
  const { windows, ...rest } = options;
  const base = resolveSeasonIndexOptions(rest);
  const perWindow = (windows ?? [base.window]).map((window) => resolveSeasonIndexOptions({ ...base, window }));
  const { top, stalenessDays } = base;
  const minUniverse = Math.min(base.minUniverse, top);
  const exclusions = indexExclusionReasons(panel, base);
  const benchmark = panel.assets.findIndex((a) => a.id === base.benchmarkAssetId);
  const ranker = new MarketCapRanker(panel, stalenessDays);
  const lookup = new AsOfLookup(panel, stalenessDays);
  const buffers = makeUniverseBuffers(top);
  const returns = new Float64Array(top);
  const benchmarkReturns = new Float64Array(top);
  const startCaps = new Float64Array(top);
  const scratch = new Float64Array(top);
  const series: SeasonIndexSeries[] = perWindow.map((o) => ({ window: o.window, options: o, points: [] }));

  for (let day = from; day <= to; day++) {
    const ranking = ranker.rank(day);
    for (const { window, options: o, points } of series) {
      const btcReturn = benchmark < 0 ? null : windowReturn(panel, lookup, benchmark, day, window);
      const size = walkUniverse(panel, ranking, lookup, window, top, exclusions, buffers);
      for (let i = 0; i < size; i++) {
        const asset = panel.assets[buffers.asset[i]!]!;
        returns[i] = asset.price[buffers.endCell[i]!]! / asset.price[buffers.startCell[i]!]! - 1;
        const matched = matchedBenchmarkReturn(panel, lookup, benchmark, asset.firstDay + buffers.startCell[i]!, asset.firstDay + buffers.endCell[i]!, btcReturn);
        benchmarkReturns[i] = matched ?? NaN;
        const capCell = lookup.marketCap(buffers.asset[i]!, day - window);
        startCaps[i] = capCell < 0 ? NaN : asset.marketCap[capCell]!;
      }
      const summary = summarizeWindow(returns, benchmarkReturns, startCaps, size, btcReturn, minUniverse, scratch);
      points.push({ day: day as DayNumber, window, ...summary, season: classifySeason(summary.index, o.altThreshold, o.btcThreshold) });
    }
  }
  return series;
}

/** As-of price return of one asset over the window ending at `day`, or null. */
export function windowReturn(panel: Panel, lookup: AsOfLookup, assetIndex: number, day: number, window: number): number | null {
  const asset = panel.assets[assetIndex]!;
  const endCell = lookup.price(assetIndex, day);
  const startCell = lookup.price(assetIndex, day - window);
  if (endCell < 0 || startCell < 0) return null;
  return asset.price[endCell]! / asset.price[startCell]! - 1;
}
