/**
 * Is one series growing faster than another over a window? Used for "is TOTAL2 outgrowing BTC's
 * market cap over 30 and 90 days". Values are looked up at or before each end (as of), within a
 * staleness limit, so weekly series work; either end missing gives nulls, never 0.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { assertSeries, indexAtOrBefore, type DailySeries } from '../../domain/series.ts';

export interface GrowthComparison {
  windowDays: number;
  endDay: DayNumber;
  startDay: DayNumber;
  /** (end / start − 1) × 100 of the first series. */
  growthPct: number | null;
  benchmarkGrowthPct: number | null;
  /** growthPct − benchmarkGrowthPct, in percentage points. */
  differencePts: number | null;
  /** True when the first series grew faster; null when either is unknown. */
  faster: boolean | null;
}

function valueAsOf(series: DailySeries, day: number, maxStaleDays: number): number | null {
  let i = indexAtOrBefore(series.days, day);
  while (i >= 0 && !Number.isFinite(series.values[i]!)) i--;
  if (i < 0 || day - series.days[i]! > maxStaleDays) return null;
  return series.values[i]!;
}

function growth(series: DailySeries, start: number, end: number, maxStaleDays: number): number | null {
  const a = valueAsOf(series, start, maxStaleDays);
  const b = valueAsOf(series, end, maxStaleDays);
  return a === null || b === null || a === 0 ? null : (b / a - 1) * 100;
}

export function compareGrowth(series: DailySeries, benchmark: DailySeries, endDay: DayNumber, windowDays: number, maxStaleDays = 7): GrowthComparison {
  assertSeries(series);
  assertSeries(benchmark);
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new InvalidInputError(`growth of ${series.name} vs ${benchmark.name} to ${isoDateOf(endDay)}: window must be a whole number of days ≥ 1, got ${windowDays}`);
  }
  const startDay = (endDay - windowDays) as DayNumber;
  const growthPct = growth(series, startDay, endDay, maxStaleDays);
  const benchmarkGrowthPct = growth(benchmark, startDay, endDay, maxStaleDays);
  const both = growthPct !== null && benchmarkGrowthPct !== null;
  return {
    windowDays,
    endDay,
    startDay,
    growthPct,
    benchmarkGrowthPct,
    differencePts: both ? growthPct - benchmarkGrowthPct : null,
    faster: both ? growthPct > benchmarkGrowthPct : null,
  };
}
