/**
 * A daily series in columnar form: ascending, unique day numbers and their values. Equity series
 * have only exchange days; crypto series have every UTC day (gaps allowed). NaN marks a missing value.
 */
import { isoDateOf, type DayNumber } from './dates.ts';
import { SeriesInvariantError } from './errors.ts';

export interface DailySeries {
  readonly name: string;
  readonly days: Int32Array;
  readonly values: Float64Array;
}

export function makeSeries(name: string, days: ArrayLike<number>, values: ArrayLike<number>): DailySeries {
  const series = { name, days: Int32Array.from(days), values: Float64Array.from(values) };
  assertSeries(series);
  return series;
}

/** Throws with the index and the values when days are not ascending and unique or lengths differ. */
export function assertSeries(series: DailySeries): void {
  if (series.days.length !== series.values.length) {
    throw new SeriesInvariantError(`${series.name}: ${series.days.length} days but ${series.values.length} values`);
  }
  for (let i = 1; i < series.days.length; i++) {
    if (series.days[i]! <= series.days[i - 1]!) {
      throw new SeriesInvariantError(
        `${series.name}: days must ascend without repeats, but index ${i} (${isoDateOf(series.days[i] as DayNumber)}) follows ${isoDateOf(series.days[i - 1] as DayNumber)}`,
      );
    }
  }
}

/** Index of the last day ≤ `day`, or -1 (binary search). */
export function indexAtOrBefore(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
