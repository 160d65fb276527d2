import { describe, expect, it } from 'vitest';
import { SeriesInvariantError } from './errors.ts';
import { indexAtOrBefore, makeSeries } from './series.ts';

describe('DailySeries', () => {
  it('rejects unsorted or repeated days, naming the index and the dates', () => {
    expect(() => makeSeries('rut', [10, 12, 12], [1, 2, 3])).toThrow(SeriesInvariantError);
    expect(() => makeSeries('rut', [10, 12, 11], [1, 2, 3])).toThrow(/rut: .*index 2 \(1970-01-12\) follows 1970-01-13/);
    expect(() => makeSeries('rut', [10], [1, 2])).toThrow(/1 days but 2 values/);
  });

  it('finds the last day at or before a day', () => {
    const days = Int32Array.from([10, 12, 15]);
    expect(indexAtOrBefore(days, 9)).toBe(-1);
    expect(indexAtOrBefore(days, 10)).toBe(0);
    expect(indexAtOrBefore(days, 14)).toBe(1);
    expect(indexAtOrBefore(days, 99)).toBe(2);
  });
});
