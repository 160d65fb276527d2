/**
 * The market-structure picture as of a day, for `altseason dominance`, `status` and the dashboard:
 * every definition's latest value (with the universe and source it belongs to), BTC.D threshold
 * crossings (with a 0.5-point hysteresis band by default), BTC.D's 50-day trend, and whether TOTAL2 is outgrowing BTC's market cap over 30 and
 * 90 days. Values are looked up as of the day within a staleness limit, so weekly series count.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { indexAtOrBefore, makeSeries, type DailySeries } from '../../domain/series.ts';
import { compareGrowth, type GrowthComparison } from './compare-growth.ts';
import { DEFAULT_CROSSING_HYSTERESIS_PTS, findThresholdCrossings, type ThresholdCrossing } from './find-threshold-crossings.ts';
import type { MarketMetric, MarketStructureSeries } from './market-structure-series.ts';
import { movingAverageTrend, type MovingAverageTrend } from './moving-average-trend.ts';

export interface Labelled {
  universe: string;
  source: string;
}

export interface LatestFigure extends Labelled {
  metric: MarketMetric;
  value: number | null;
  /** The day the value is from (≤ asOf, within maxStaleDays), or null. */
  day: DayNumber | null;
}

export interface MarketStructureSummaryOptions {
  asOf?: DayNumber;
  /** BTC.D levels whose crossings are listed. Default [55, 50]. */
  btcDominanceThresholds?: number[];
  /** Dead band around each BTC.D level, in points (find-threshold-crossings.ts). Default 0.5. */
  crossingHysteresisPts?: number;
  /** Window of the BTC.D trend, in days. Default 50. */
  trendWindowDays?: number;
  /** Windows of the TOTAL2-vs-BTC growth comparison, in days. Default [30, 90]. */
  growthWindowsDays?: number[];
  maxStaleDays?: number;
}

export interface MarketStructureSummary {
  asOf: DayNumber;
  latest: LatestFigure[];
  /** BTC.D from every pair of definitions that both have a value: their gap in points. */
  btcDominanceGaps: { a: LatestFigure; b: LatestFigure; differencePts: number }[];
  crossings: (ThresholdCrossing & Labelled)[];
  /** The dead band the crossings were found with, in points. */
  crossingHysteresisPts: number;
  btcDominanceTrends: (MovingAverageTrend & Labelled)[];
  total2VsBtc: (GrowthComparison & Labelled)[];
}

export const DEFAULT_BTC_DOMINANCE_THRESHOLDS = [55, 50];
export const DEFAULT_TREND_WINDOW_DAYS = 50;
export const DEFAULT_GROWTH_WINDOWS_DAYS = [30, 90];
export const DEFAULT_MARKET_STALE_DAYS = 7;

function lastFiniteIndexAtOrBefore(series: DailySeries, day: number, maxStaleDays: number): number {
  let i = indexAtOrBefore(series.days, day);
  while (i >= 0 && !Number.isFinite(series.values[i]!)) i--;
  return i >= 0 && day - series.days[i]! <= maxStaleDays ? i : -1;
}

function lastFiniteDay(series: DailySeries): number {
  for (let i = series.days.length - 1; i >= 0; i--) if (Number.isFinite(series.values[i]!)) return series.days[i]!;
  return Number.NEGATIVE_INFINITY;
}

/** Drops NaN days so trends and crossings see the series' own rhythm (daily or weekly). */
function finiteOnly(series: DailySeries, upTo: number): DailySeries {
  const days: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < series.days.length && series.days[i]! <= upTo; i++) {
    if (Number.isFinite(series.values[i]!)) {
      days.push(series.days[i]!);
      values.push(series.values[i]!);
    }
  }
  return makeSeries(series.name, days, values);
}

export function summarizeMarketStructure(all: readonly MarketStructureSeries[], options: MarketStructureSummaryOptions = {}): MarketStructureSummary {
  const maxStaleDays = options.maxStaleDays ?? DEFAULT_MARKET_STALE_DAYS;
  const asOf = (options.asOf ?? Math.max(...all.map((s) => lastFiniteDay(s.series)))) as DayNumber;
  const label = (s: MarketStructureSeries): Labelled => ({ universe: s.universe, source: s.source });

  const latest: LatestFigure[] = all.map((s) => {
    const i = Number.isFinite(asOf) ? lastFiniteIndexAtOrBefore(s.series, asOf, maxStaleDays) : -1;
    return { metric: s.metric, ...label(s), value: i >= 0 ? s.series.values[i]! : null, day: i >= 0 ? (s.series.days[i]! as DayNumber) : null };
  });

  const btcD = latest.filter((f) => f.metric === 'btc_dominance_pct' && f.value !== null);
  const btcDominanceGaps: MarketStructureSummary['btcDominanceGaps'] = [];
  for (let i = 0; i < btcD.length; i++) {
    for (let j = i + 1; j < btcD.length; j++) btcDominanceGaps.push({ a: btcD[i]!, b: btcD[j]!, differencePts: btcD[i]!.value! - btcD[j]!.value! });
  }

  const thresholds = options.btcDominanceThresholds ?? DEFAULT_BTC_DOMINANCE_THRESHOLDS;
  const crossingHysteresisPts = options.crossingHysteresisPts ?? DEFAULT_CROSSING_HYSTERESIS_PTS;
  const trendWindow = options.trendWindowDays ?? DEFAULT_TREND_WINDOW_DAYS;
  const crossings: MarketStructureSummary['crossings'] = [];
  const btcDominanceTrends: MarketStructureSummary['btcDominanceTrends'] = [];
  for (const s of all.filter((x) => x.metric === 'btc_dominance_pct')) {
    const observed = finiteOnly(s.series, asOf);
    for (const threshold of thresholds) crossings.push(...findThresholdCrossings(observed, threshold, { hysteresisPts: crossingHysteresisPts }).map((c) => ({ ...c, ...label(s) })));
    // A moving average over rows means days only for a daily series; a weekly one has no 50-day trend.
    const i = lastFiniteIndexAtOrBefore(observed, asOf, maxStaleDays);
    const span = i >= trendWindow - 1 ? observed.days[i]! - observed.days[i - trendWindow + 1]! : Number.POSITIVE_INFINITY;
    const daily = span <= trendWindow - 1 + maxStaleDays;
    const trend = daily ? movingAverageTrend(observed, trendWindow, { index: i }) : movingAverageTrend(makeSeries(observed.name, [], []), trendWindow);
    btcDominanceTrends.push({ ...trend, ...label(s) });
  }
  crossings.sort((a, b) => a.day - b.day || b.threshold - a.threshold);

  const total2VsBtc: MarketStructureSummary['total2VsBtc'] = [];
  for (const total2 of all.filter((x) => x.metric === 'total2_usd')) {
    const btc = all.find((x) => x.metric === 'btc_market_cap_usd' && x.universe === total2.universe && x.source === total2.source);
    if (!btc) continue;
    for (const window of options.growthWindowsDays ?? DEFAULT_GROWTH_WINDOWS_DAYS) {
      total2VsBtc.push({ ...compareGrowth(total2.series, btc.series, asOf, window, maxStaleDays), ...label(total2) });
    }
  }
  return { asOf, latest, btcDominanceGaps, crossings, crossingHysteresisPts, btcDominanceTrends, total2VsBtc };
}
