/**
 * Point-in-time reading of revised series. A provider that restates the past (exchange flows are
 * re-clustered) is stored as vintages: the values one fetch saw, labelled with the day it was
 * fetched. As of day t, the value for day x is the one from the latest vintage seen at or before t
 * that has day x; a value first published after t does not exist yet. So a backtest never sees a
 * later revision.
 */
import { EMPTY_DAILY, valueOn, type DailyValues } from './daily-values.ts';

export interface Vintage {
  /** The UTC day the values were fetched (first seen). */
  seenDay: number;
  values: DailyValues;
}

/** Sorted by seenDay (a copy). */
export function sortVintages(vintages: readonly Vintage[]): Vintage[] {
  return [...vintages].sort((a, b) => a.seenDay - b.seenDay);
}

/** The value for `day` as known on `asOf` (NaN when no vintage seen by then has it). */
export function valueAsOf(vintages: readonly Vintage[], day: number, asOf: number): number {
  for (let k = vintages.length - 1; k >= 0; k--) {
    const v = vintages[k]!;
    if (v.seenDay > asOf) continue;
    const x = valueOn(v.values, day);
    if (Number.isFinite(x)) return x;
  }
  return NaN;
}

/** The whole series as known on `asOf`: each day from the latest vintage seen by then that has it. */
export function seriesAsOf(vintages: readonly Vintage[], asOf: number): DailyValues {
  const seen = vintages.filter((v) => v.seenDay <= asOf && v.values.values.length > 0);
  if (seen.length === 0) return EMPTY_DAILY;
  const first = Math.min(...seen.map((v) => v.values.firstDay));
  const last = Math.min(asOf, Math.max(...seen.map((v) => v.values.firstDay + v.values.values.length - 1)));
  if (last < first) return EMPTY_DAILY;
  const values = new Float64Array(last - first + 1);
  for (let d = first; d <= last; d++) values[d - first] = valueAsOf(seen, d, asOf);
  return { firstDay: first, values };
}

/** How far back the last published day is looked for (publication lag plus a missed sync or two). */
export const MAX_PUBLICATION_LAG_DAYS = 7;

/**
 * The point-in-time history of a trailing sum: cell t is the sum of the `window` days ending on
 * the last day published by t (values as known on t; NaN unless every day of the window is
 * known). Each cell uses its own vintage, so the history is what a reader saw day by day.
 */
export function pointInTimeTrailingSum(vintages: readonly Vintage[], window: number, from: number, to: number): DailyValues {
  if (to < from) return EMPTY_DAILY;
  const sorted = sortVintages(vintages);
  const values = new Float64Array(to - from + 1).fill(NaN);
  for (let t = from; t <= to; t++) {
    let end = t;
    while (end >= t - MAX_PUBLICATION_LAG_DAYS && !Number.isFinite(valueAsOf(sorted, end, t))) end--;
    if (end < t - MAX_PUBLICATION_LAG_DAYS) continue;
    let sum = 0;
    let ok = true;
    for (let d = end - window + 1; d <= end && ok; d++) {
      const x = valueAsOf(sorted, d, t);
      if (Number.isFinite(x)) sum += x;
      else ok = false;
    }
    if (ok) values[t - from] = sum;
  }
  return { firstDay: from, values };
}
