/**
 * Days a series crosses a level (BTC.D below 55 %, below 50 %). Gaps (NaN) are skipped: a crossing
 * compares a day with the previous day that had a value.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { assertSeries, type DailySeries } from '../../domain/series.ts';

export interface ThresholdCrossing {
  day: DayNumber;
  threshold: number;
  /** 'below': from ≥ threshold to < threshold; 'above': from < threshold to ≥ threshold. */
  direction: 'below' | 'above';
  value: number;
  previousDay: DayNumber;
  previousValue: number;
}

export function findThresholdCrossings(series: DailySeries, threshold: number): ThresholdCrossing[] {
  assertSeries(series);
  const crossings: ThresholdCrossing[] = [];
  let previousIndex = -1;
  for (let i = 0; i < series.days.length; i++) {
    const value = series.values[i]!;
    if (!Number.isFinite(value)) continue;
    if (previousIndex >= 0) {
      const previousValue = series.values[previousIndex]!;
      const wasBelow = previousValue < threshold;
      const isBelow = value < threshold;
      if (wasBelow !== isBelow) {
        crossings.push({
          day: series.days[i]! as DayNumber,
          threshold,
          direction: isBelow ? 'below' : 'above',
          value,
          previousDay: series.days[previousIndex]! as DayNumber,
          previousValue,
        });
      }
    }
    previousIndex = i;
  }
  return crossings;
}
