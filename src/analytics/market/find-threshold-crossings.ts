/**
 * Days a series crosses a level (BTC.D below 55 %, below 50 %), with hysteresis: a series hovering
 * at the level (BTC.D "crossed 55 %" three times in four days in 2024-07) is one crossing, not
 * three. The state starts on the side of the first value (at or above the level = above); from
 * above, a crossing below is counted on the first day the value is below level − hysteresisPts;
 * from below, a crossing above on the first day it is at or above level + hysteresisPts. Values
 * inside the band keep the state. Gaps (NaN) are skipped.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { assertSeries, type DailySeries } from '../../domain/series.ts';

export interface ThresholdCrossing {
  day: DayNumber;
  threshold: number;
  /** 'below': fell below threshold − hysteresis; 'above': rose to threshold + hysteresis or more. */
  direction: 'below' | 'above';
  value: number;
  /** The previous day that had a value, and that value. */
  previousDay: DayNumber;
  previousValue: number;
}

export interface ThresholdCrossingOptions {
  /** Half-width of the dead band around the level, in the series' units (points for BTC.D). Default 0.5. */
  hysteresisPts?: number;
}

/** 0.5 point: BTC.D's day-to-day noise is a few tenths of a point, so smaller wobbles are not crossings. */
export const DEFAULT_CROSSING_HYSTERESIS_PTS = 0.5;

export function findThresholdCrossings(series: DailySeries, threshold: number, options: ThresholdCrossingOptions = {}): ThresholdCrossing[] {
  assertSeries(series);
  const margin = options.hysteresisPts ?? DEFAULT_CROSSING_HYSTERESIS_PTS;
  if (!Number.isFinite(margin) || margin < 0) throw new InvalidInputError(`threshold crossings of ${series.name}: hysteresisPts must be a number ≥ 0, got ${JSON.stringify(margin)}`);
  const crossings: ThresholdCrossing[] = [];
  let below: boolean | null = null;
  let previousIndex = -1;
  for (let i = 0; i < series.days.length; i++) {
    const value = series.values[i]!;
    if (!Number.isFinite(value)) continue;
    if (below === null) below = value < threshold;
    else if (!below && value < threshold - margin) below = true;
    else if (below && value >= threshold + margin) below = false;
    else {
      previousIndex = i;
      continue;
    }
    if (previousIndex >= 0) {
      crossings.push({
        day: series.days[i]! as DayNumber,
        threshold,
        direction: below ? 'below' : 'above',
        value,
        previousDay: series.days[previousIndex]! as DayNumber,
        previousValue: series.values[previousIndex]!,
      });
    }
    previousIndex = i;
  }
  return crossings;
}
