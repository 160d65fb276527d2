/**
 * A trend read the way chart users read it: where the value sits against its N-row simple moving
 * average, and whether that average is rising or falling over the last `slopeLookback` rows.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import type { DayNumber } from '../../domain/dates.ts';
import type { DailySeries } from '../../domain/series.ts';
import { simpleMovingAverage } from './moving-average.ts';

export type TrendDirection = 'rising' | 'falling' | 'flat';

export interface MovingAverageTrend {
  window: number;
  slopeLookback: number;
  day: DayNumber | null;
  value: number | null;
  /** null until `window` values exist. */
  movingAverage: number | null;
  /** (value / movingAverage − 1) × 100. */
  pctFromAverage: number | null;
  aboveAverage: boolean | null;
  /** Change of the moving average over `slopeLookback` rows, in %. */
  averageChangePct: number | null;
  direction: TrendDirection | null;
}

export const DEFAULT_SLOPE_LOOKBACK = 20;

/** The trend at row `index` (default: the last row). */
export function movingAverageTrend(series: DailySeries, window: number, options: { index?: number; slopeLookback?: number } = {}): MovingAverageTrend {
  const slopeLookback = options.slopeLookback ?? DEFAULT_SLOPE_LOOKBACK;
  if (!Number.isInteger(slopeLookback) || slopeLookback < 1) throw new InvalidInputError(`trend of ${series.name}: slopeLookback must be a whole number ≥ 1, got ${slopeLookback}`);
  const index = options.index ?? series.days.length - 1;
  const empty: MovingAverageTrend = {
    window,
    slopeLookback,
    day: null,
    value: null,
    movingAverage: null,
    pctFromAverage: null,
    aboveAverage: null,
    averageChangePct: null,
    direction: null,
  };
  if (index < 0 || index >= series.days.length) return empty;
  const average = simpleMovingAverage(series, window).values;
  const value = series.values[index]!;
  const movingAverage = average[index]!;
  const earlier = index - slopeLookback >= 0 ? average[index - slopeLookback]! : Number.NaN;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const haveBoth = Number.isFinite(value) && Number.isFinite(movingAverage);
  const change = Number.isFinite(movingAverage) && Number.isFinite(earlier) ? (movingAverage / earlier - 1) * 100 : null;
  return {
    window,
    slopeLookback,
    day: series.days[index]! as DayNumber,
    value: finite(value),
    movingAverage: finite(movingAverage),
    pctFromAverage: haveBoth ? (value / movingAverage - 1) * 100 : null,
    aboveAverage: haveBoth ? value > movingAverage : null,
    averageChangePct: change,
    direction: change === null ? null : change > 0 ? 'rising' : change < 0 ? 'falling' : 'flat',
  };
}
