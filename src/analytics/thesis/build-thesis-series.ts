/**
 * The series the thesis tests, on the crypto calendar (every UTC day from `from` to `to`), at daily
 * and weekly frequency. Only changes and log returns are tested, never levels: levels of trending
 * series correlate spuriously.
 *
 * Targets (alt versus BTC):
 * - ΔASI: the day's (or week's) change of the Altcoin Season Index (`window`, default 90 days).
 * - Median alt − BTC log return over a 1-day (7-day) window, point-in-time top-N universe: the
 *   index machinery with window 1 (7) and no staleness, so both ends need a price that very day.
 *   log((1 + m + b)/(1 + b)) with m the median simple excess and b BTC's return is exactly the
 *   median of the log excesses (a monotone map commutes with the median; for an even universe the
 *   two middle values are averaged first, a negligible difference).
 * - Cap-weighted alt basket − BTC log return: log of the basket's gross return (start-of-window
 *   caps as weights) over BTC's.
 * Drivers: ^RUT log returns and log(RUT/SPX) returns, the equity closes put on crypto days by
 * alignToCryptoCalendar (last close carried forward, never back: weekends return 0).
 * Weekly samples are Mondays (the CoinMarketCap snapshot day, so weekly-only data still counts).
 */
import { alignToCryptoCalendar } from '../market/align-to-crypto-calendar.ts';
import { ratioSeries } from '../market/ratio-series.ts';
import { altcoinSeasonIndexSeries, type SeasonIndexPoint } from '../season/altcoin-season-index-series.ts';
import { logReturns } from '../stats/log-returns.ts';
import { weekdayOf, type DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import type { DailySeries } from '../../domain/series.ts';
import type { DriverId, Frequency, TargetId } from './thesis-report.ts';

export interface FrequencySeries {
  frequency: Frequency;
  unitDays: number;
  /** Sample days (every day, or Mondays). */
  days: Int32Array;
  drivers: Record<DriverId, Float64Array>;
  targets: Record<TargetId, Float64Array>;
}

export interface ThesisSeries {
  from: DayNumber;
  to: DayNumber;
  /** Every UTC day from..to. */
  days: Int32Array;
  /** ASI (window) per day; NaN where undefined. */
  asi: Float64Array;
  /** Universe size of the ASI per day (0 where undefined). */
  universeSize: Int32Array;
  /** RUT close carried to crypto days. */
  russellClose: Float64Array;
  daily: FrequencySeries;
  weekly: FrequencySeries;
}

export interface ThesisSeriesOptions {
  window: number;
  top: number;
}

const MONDAY = 1;

function logExcess(point: SeasonIndexPoint, which: 'median' | 'capWeighted'): number {
  const btc = point.btcReturn;
  const excess = which === 'median' ? point.medianExcessReturn : point.capWeightedExcessReturn;
  if (btc === null || excess === null) return Number.NaN;
  const ratio = (1 + excess + btc) / (1 + btc);
  return ratio > 0 ? Math.log(ratio) : Number.NaN;
}

export function buildThesisSeries(panel: Panel, russell: DailySeries, sp500: DailySeries | null, from: DayNumber, to: DayNumber, options: ThesisSeriesOptions): ThesisSeries {
  const n = to - from + 1;
  const days = Int32Array.from({ length: n }, (_, i) => from + i);
  const [asiSeries] = altcoinSeasonIndexSeries(panel, from, to, { window: options.window, top: options.top });
  const [oneDay, sevenDays] = altcoinSeasonIndexSeries(panel, from, to, { windows: [1, 7], stalenessDays: 0, top: options.top });
  const asi = new Float64Array(n).fill(Number.NaN);
  const universeSize = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const point = asiSeries!.points[i]!;
    if (point.index !== null) {
      asi[i] = point.index;
      universeSize[i] = point.universeSize;
    }
  }
  // Aligned a week before `from` (padded by 7), so the first day has a daily and a weekly return.
  const padStart = (from - 7) as DayNumber;
  const paddedRussell = alignToCryptoCalendar(russell, padStart, to).values;
  const paddedRatio = sp500 ? alignToCryptoCalendar(ratioSeries(russell, sp500, '^RUT/^GSPC'), padStart, to).values : new Float64Array(n + 7).fill(Number.NaN);

  const daily: FrequencySeries = {
    frequency: 'daily',
    unitDays: 1,
    days,
    drivers: { rut: logReturns(paddedRussell).slice(7), 'rut-spx': logReturns(paddedRatio).slice(7) },
    targets: {
      'asi-change': Float64Array.from({ length: n }, (_, i) => (i === 0 ? Number.NaN : asi[i]! - asi[i - 1]!)),
      'median-excess': Float64Array.from(oneDay!.points, (p) => logExcess(p, 'median')),
      'cap-weighted-excess': Float64Array.from(oneDay!.points, (p) => logExcess(p, 'capWeighted')),
    },
  };

  const weeklyIndices: number[] = [];
  for (let i = 0; i < n; i++) if (weekdayOf(days[i]! as DayNumber) === MONDAY && i >= 7) weeklyIndices.push(i);
  // The 7-day change ending at i: i − 7 is i's index minus 7 in the padded arrays (i + 7 − 7 = i).
  const weeklyLog = (padded: Float64Array, i: number) => Math.log(padded[i + 7]! / padded[i]!);
  const weekly: FrequencySeries = {
    frequency: 'weekly',
    unitDays: 7,
    days: Int32Array.from(weeklyIndices, (i) => days[i]!),
    drivers: {
      rut: Float64Array.from(weeklyIndices, (i) => weeklyLog(paddedRussell, i)),
      'rut-spx': Float64Array.from(weeklyIndices, (i) => weeklyLog(paddedRatio, i)),
    },
    targets: {
      'asi-change': Float64Array.from(weeklyIndices, (i) => asi[i]! - asi[i - 7]!),
      'median-excess': Float64Array.from(weeklyIndices, (i) => logExcess(sevenDays!.points[i]!, 'median')),
      'cap-weighted-excess': Float64Array.from(weeklyIndices, (i) => logExcess(sevenDays!.points[i]!, 'capWeighted')),
    },
  };
  return { from, to, days, asi, universeSize, russellClose: paddedRussell.slice(7), daily, weekly };
}

/**
 * Only the two series of the main test (daily ^RUT log return → daily median alt − BTC log
 * return), computed as buildThesisSeries computes them but without the ASI and the weekly series:
 * for measuring the main test's power on many simulated markets (sim/lead-lag-recovery.ts).
 */
export function buildMainTestSeries(panel: Panel, russell: DailySeries, from: DayNumber, to: DayNumber, options: Pick<ThesisSeriesOptions, 'top'>): { driver: Float64Array; target: Float64Array } {
  const [oneDay] = altcoinSeasonIndexSeries(panel, from, to, { windows: [1], stalenessDays: 0, top: options.top });
  const paddedRussell = alignToCryptoCalendar(russell, (from - 7) as DayNumber, to).values;
  return { driver: logReturns(paddedRussell).slice(7), target: Float64Array.from(oneDay!.points, (p) => logExcess(p, 'median')) };
}
