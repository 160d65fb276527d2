import { describe, expect, it } from 'vitest';
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { makeSeries } from '../../domain/series.ts';
import { compareGrowth } from './compare-growth.ts';
import { findThresholdCrossings } from './find-threshold-crossings.ts';
import { simpleMovingAverage } from './moving-average.ts';
import { movingAverageTrend } from './moving-average-trend.ts';
import { ratioSeries } from './ratio-series.ts';

const start = parseDay('2024-01-01');
const daily = (values: number[], name = 's') => makeSeries(name, values.map((_, i) => start + i), values);

describe('simpleMovingAverage', () => {
  it('averages the last N rows and is NaN until N values exist or when a gap is inside the window', () => {
    const average = simpleMovingAverage(daily([1, 2, 3, Number.NaN, 5, 6, 7]), 3).values;
    expect(Array.from(average.subarray(0, 3)).map((x) => (Number.isNaN(x) ? null : x)), 'window fills at row 2').toEqual([null, null, 2]);
    expect(Number.isNaN(average[4]!), 'a gap inside the window gives no average').toBe(true);
    expect(average[6], 'back once the gap leaves the window').toBe(6);
  });
});

describe('movingAverageTrend', () => {
  it('reads a steady rise as rising and above its average', () => {
    const trend = movingAverageTrend(daily(Array.from({ length: 80 }, (_, i) => 100 + i)), 50);
    expect(trend.direction, 'the 50-row average went up over the last 20 rows').toBe('rising');
    expect(trend.aboveAverage, 'the last value leads a rising average').toBe(true);
  });
  it('returns nulls, never zeros, when the history is too short', () => {
    const trend = movingAverageTrend(daily([1, 2, 3]), 50);
    expect([trend.movingAverage, trend.direction, trend.pctFromAverage], 'three rows cannot make a 50-row average').toEqual([null, null, null]);
  });
});

describe('ratioSeries', () => {
  it('divides on common days only', () => {
    const a = makeSeries('a', [1, 2, 4], [10, 20, 40]);
    const b = makeSeries('b', [2, 3, 4], [2, 3, 0]);
    const ratio = ratioSeries(a, b);
    expect(Array.from(ratio.days), 'day 2 only: day 4 divides by zero').toEqual([2]);
    expect(Array.from(ratio.values), '20 / 2').toEqual([10]);
  });
});

describe('findThresholdCrossings', () => {
  it('finds crossings below and back above, skipping gaps (no hysteresis)', () => {
    const crossings = findThresholdCrossings(daily([56, 54, Number.NaN, 53, 55, 49]), 55, { hysteresisPts: 0 });
    expect(crossings.map((c) => [isoDateOf(c.day), c.direction]), 'below on day 1, back to ≥ 55 on day 4, below on day 5').toEqual([
      ['2024-01-02', 'below'],
      ['2024-01-05', 'above'],
      ['2024-01-06', 'below'],
    ]);
  });

  it('counts a series hovering at the level once: with the default 0.5-point band, 55.1 → 54.9 → 55.2 → 54.8 is not four crossings', () => {
    // Like BTC.D around 55 % in July 2024: a fall below 54.5 is a crossing; wobbles inside 54.5–55.5 are not.
    const crossings = findThresholdCrossings(daily([56, 55.1, 54.9, 55.2, 54.8, 54.4, 54.9, 55.3, 55.6, 55.0, 54.6, 54.4]), 55);
    expect(crossings.map((c) => [isoDateOf(c.day), c.direction, c.value, c.previousValue]), 'below at 54.4 (day 5), back above at 55.6 (day 8), below again at 54.4 (day 11)').toEqual([
      ['2024-01-06', 'below', 54.4, 54.8],
      ['2024-01-09', 'above', 55.6, 55.3],
      ['2024-01-12', 'below', 54.4, 54.6],
    ]);
    expect(findThresholdCrossings(daily([56, 55.1, 54.9, 55.2, 54.8]), 55, { hysteresisPts: 0 }).length, 'without the band the same wobble gives three crossings').toBe(3);
    expect(() => findThresholdCrossings(daily([1]), 55, { hysteresisPts: -1 }), 'a negative band means nothing').toThrow(/hysteresisPts.*-1/);
  });
});

describe('compareGrowth', () => {
  it('compares growth over a window as of each end', () => {
    const total2 = daily(Array.from({ length: 40 }, (_, i) => 100 * 1.01 ** i));
    const btc = daily(Array.from({ length: 40 }, () => 500));
    const result = compareGrowth(total2, btc, (start + 39) as DayNumber, 30);
    expect(result.growthPct, '1 % a day for 30 days').toBeCloseTo((1.01 ** 30 - 1) * 100, 8);
    expect(result.faster, 'a flat benchmark grows slower').toBe(true);
  });
  it('gives nulls when the window start predates the data', () => {
    const result = compareGrowth(daily([1, 2]), daily([1, 2]), (start + 1) as DayNumber, 90);
    expect([result.growthPct, result.faster], 'no value 90 days ago').toEqual([null, null]);
  });
});
