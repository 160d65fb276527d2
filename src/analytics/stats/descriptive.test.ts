import { describe, expect, it } from 'vitest';
import { mean, median, quantile, standardDeviation, variance } from './descriptive.ts';
import { logReturns } from './log-returns.ts';

describe('descriptive statistics', () => {
  it('computes mean, sample variance and type-7 quantiles, skipping NaN', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9, Number.NaN];
    expect(mean(values), 'mean of the textbook list').toBe(5);
    expect(variance(values), 'sample variance uses n − 1').toBeCloseTo(32 / 7, 14);
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    // numpy.quantile([1, 2, 3, 4, 10], 0.9) = 7.6
    expect(quantile([10, 1, 3, 2, 4], 0.9), 'matches numpy/R type 7').toBeCloseTo(7.6, 14);
  });

  it('returns null, not 0, when the statistic is undefined', () => {
    expect(mean([]), 'the mean of nothing').toBeNull();
    expect(mean([Number.NaN]), 'the mean of only missing values').toBeNull();
    expect(variance([3]), 'one value has no variance').toBeNull();
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('log returns', () => {
  it('aligns returns with the prices and marks gaps as NaN', () => {
    const returns = logReturns([100, 110, Number.NaN, 121, 0, 50]);
    expect(returns[0], 'no return into the first day').toBeNaN();
    expect(returns[1]).toBeCloseTo(Math.log(1.1), 15);
    expect(returns[2], 'a missing price has no return into it').toBeNaN();
    expect(returns[3], 'nor out of it').toBeNaN();
    expect(returns[4], 'a zero price is not a price').toBeNaN();
    expect(returns[5]).toBeNaN();
  });
});
