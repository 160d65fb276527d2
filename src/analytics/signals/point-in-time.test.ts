import { describe, expect, it } from 'vitest';
import { dailyValuesOf } from './daily-values.ts';
import { pointInTimeTrailingSum, seriesAsOf, valueAsOf, type Vintage } from './point-in-time.ts';

const vintage = (seenDay: number, values: Record<number, number>): Vintage => ({ seenDay, values: dailyValuesOf(Object.entries(values).map(([day, value]) => ({ day: Number(day), value }))) });

describe('point-in-time reads of revised series', () => {
  // Day 100's inflow was published as 5 on day 101, revised to 9 on day 110.
  const vintages = [vintage(101, { 99: 1, 100: 5 }), vintage(110, { 100: 9, 101: 2, 109: 4 })];

  it('uses the latest vintage seen by the as-of day', () => {
    expect(valueAsOf(vintages, 100, 101)).toBe(5);
    expect(valueAsOf(vintages, 100, 109)).toBe(5);
    expect(valueAsOf(vintages, 100, 110)).toBe(9);
    // Before it was first published the value does not exist.
    expect(valueAsOf(vintages, 100, 100)).toBeNaN();
  });

  it('falls back to an older vintage for days a newer one lacks', () => {
    expect(valueAsOf(vintages, 99, 120)).toBe(1);
  });

  it('builds the whole series as known on a day', () => {
    const asOf = seriesAsOf(vintages, 105);
    expect(asOf.firstDay).toBe(99);
    expect([...asOf.values]).toEqual([1, 5]);
  });

  it('gives each day of a trailing-sum history its own vintage', () => {
    const sums = pointInTimeTrailingSum(vintages, 2, 100, 111);
    // On day 100 nothing is published yet.
    expect(sums.values[0]).toBeNaN();
    // As of 101..107 the last published day is 100: days 99 + 100 from the first vintage.
    expect(sums.values[1]).toBe(6);
    expect(sums.values[7]).toBe(6);
    // As of 108 day 100 is more than MAX_PUBLICATION_LAG_DAYS (7) old: too stale to sum.
    expect(sums.values[8]).toBeNaN();
    // As of 110 the last published day is 109, but 108 never was: no sum.
    expect(sums.values[10]).toBeNaN();
    const wide = pointInTimeTrailingSum([vintage(101, { 99: 1, 100: 5 }), vintage(103, { 100: 9, 101: 2 })], 2, 101, 103);
    expect(wide.values[0]).toBe(6); // as of 101: days 99..100, 1 + 5
    expect(wide.values[1]).toBe(6); // as of 102: the revision is not seen yet
    expect(wide.values[2]).toBe(11); // as of 103: days 100..101, 9 (revised) + 2
  });
});
