/**
 * The Altcoin Season Index for every day of a range, for one or more windows at once: one walk over
 * the range per window (walkUniverseDays), each with its own ranker fed ascending dates. With the
 * kept daily rankings (the CLI's long ranges) a ranking is a view of a stored row; without them
 * each window ranks every day itself. Buffers are reused, so the full history comes back in tens
 * of milliseconds. Nothing computed for day t reads data after t.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { AsOfLookup } from './as-of-lookup.ts';
import { classifySeason, type Season } from './classify-season.ts';
import { indexExclusionReasons } from './index-exclusions.ts';
import { MarketCapRanker } from './market-cap-ranker.ts';
import { rankingsServe, StoredRanking, type DailyRankings } from './daily-rankings.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from './season-index-options.ts';
import { summarizeWindow, type WindowSummary } from './summarize-window.ts';
import { makeUniverseBuffers, universeInputs, walkUniverseDays, type UniverseCounts } from './walk-universe.ts';

export interface SeasonIndexPoint extends WindowSummary, UniverseCounts {
  day: DayNumber;
  window: number;
  season: Season | null;
  /**
   * The index rests on weekly snapshots this day: at least half of the constituents take their
   * start or end price from a weekly snapshot source, so the index moves in weekly steps.
   */
  weeklyData: boolean;
}

/** How well a series' universes were filled, over all its points. */
export interface SeasonIndexSeriesSummary {
  days: number;
  /** Days with an index (not null). */
  definedDays: number;
  /** Days whose universe had fewer than `top` constituents (unfilledCount > 0). */
  shortDays: number;
  minUniverseSize: number | null;
  maxUniverseSize: number | null;
  /** Days flagged weeklyData. */
  weeklyDataDays: number;
}

export interface SeasonIndexSeries {
  window: number;
  options: SeasonIndexOptions;
  points: SeasonIndexPoint[];
  summary: SeasonIndexSeriesSummary;
}

export interface SeasonIndexRangeOptions extends Partial<SeasonIndexOptions> {
  /** Windows to compute (default: just `window`). */
  windows?: readonly number[];
}

/** Is the point's universe mostly priced from weekly snapshots? (see SeasonIndexPoint.weeklyData) */
export function isWeeklyData(weeklyDataCount: number, universeSize: number): boolean {
  return universeSize > 0 && 2 * weeklyDataCount >= universeSize;
}

/** The point for one date, from the buffers walkUniverse filled (shared with explainSeasonIndex). */
export function seasonIndexPoint(day: DayNumber, options: SeasonIndexOptions, summary: WindowSummary, counts: UniverseCounts): SeasonIndexPoint {
  // Spelled out rather than spread: one point per day of the range, and a literal of known shape
  // is several times cheaper to build than copies of two objects (same keys, same order).
  return {
    day,
    window: options.window,
    universeSize: summary.universeSize,
    beatCount: summary.beatCount,
    index: summary.index,
    btcReturn: summary.btcReturn,
    medianExcessReturn: summary.medianExcessReturn,
    capWeightedExcessReturn: summary.capWeightedExcessReturn,
    season: classifySeason(summary.index, options.altThreshold, options.btcThreshold),
    excludedCount: counts.excludedCount,
    noStartPriceCount: counts.noStartPriceCount,
    stalePriceCount: counts.stalePriceCount,
    unfilledCount: counts.unfilledCount,
    weeklyDataCount: counts.weeklyDataCount,
    weeklyData: isWeeklyData(counts.weeklyDataCount, summary.universeSize),
  };
}

/** Kept results the series may use instead of recomputing them (same answers). */
export interface SeasonIndexPrecomputed {
  /** Every day's market-cap ranking (daily-rankings.ts), used when it serves this panel and staleness. */
  rankings?: DailyRankings | null;
}

export function altcoinSeasonIndexSeries(
  panel: Panel,
  from: DayNumber,
  to: DayNumber,
  options: SeasonIndexRangeOptions = {},
  precomputed: SeasonIndexPrecomputed = {},
): SeasonIndexSeries[] {
  const { windows, ...rest } = options;
  const base = resolveSeasonIndexOptions(rest);
  const perWindow = (windows ?? [base.window]).map((window) => resolveSeasonIndexOptions({ ...base, window }));
  const { top, stalenessDays } = base;
  const minUniverse = Math.min(base.minUniverse, top);
  const lookup = new AsOfLookup(panel, stalenessDays);
  const inputs = universeInputs(panel, lookup, indexExclusionReasons(panel, base));
  const stored = precomputed.rankings && rankingsServe(precomputed.rankings, panel, stalenessDays) ? precomputed.rankings : null;
  const buffers = makeUniverseBuffers(top);
  const scratch = new Float64Array(top);

  // One walk over the range per window, each with its ranker fed ascending dates (its fast path).
  return perWindow.map((o) => {
    const { window } = o;
    const points: SeasonIndexPoint[] = [];
    const ranker = stored ? new StoredRanking(panel, stored) : new MarketCapRanker(panel, stalenessDays, 2 * top + 16);
    walkUniverseDays(inputs, ranker, o.rankAt === 'start' ? window : 0, from, to, window, top, buffers, (day, size) => {
      const btcReturn = Number.isNaN(buffers.btcReturn) ? null : buffers.btcReturn;
      const summary = summarizeWindow(buffers.windowReturn, buffers.benchmarkReturn, buffers.startCap, size, btcReturn, minUniverse, scratch);
      points.push(seasonIndexPoint(day as DayNumber, o, summary, buffers.counts));
    });
    return { window, options: o, points, summary: summarizeSeries(points) };
  });
}

function summarizeSeries(points: readonly SeasonIndexPoint[]): SeasonIndexSeriesSummary {
  let definedDays = 0;
  let shortDays = 0;
  let weeklyDataDays = 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const p of points) {
    if (p.index !== null) definedDays++;
    if (p.unfilledCount > 0) shortDays++;
    if (p.weeklyData) weeklyDataDays++;
    min = min === null ? p.universeSize : Math.min(min, p.universeSize);
    max = max === null ? p.universeSize : Math.max(max, p.universeSize);
  }
  return { days: points.length, definedDays, shortDays, minUniverseSize: min, maxUniverseSize: max, weeklyDataDays };
}
