import { describe, expect, it } from 'vitest';
import { autocorrelation } from './autocorrelation.ts';
import { pearsonCorrelation } from './pearson-correlation.ts';
import { rollingCorrelation } from './rolling-correlation.ts';

describe('Pearson correlation', () => {
  it('matches known vectors', () => {
    expect(pearsonCorrelation([1, 2, 3, 4], [2, 4, 6, 8]).r, 'an exact line').toBeCloseTo(1, 15);
    expect(pearsonCorrelation([1, 2, 3, 4], [8, 6, 4, 2]).r).toBeCloseTo(-1, 15);
    // scipy.stats.pearsonr([1,2,3,4,5,6], [2,1,4,3,7,5]) = 0.7917946548886295
    expect(pearsonCorrelation([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 7, 5]).r, 'matches scipy').toBeCloseTo(0.7917946548886295, 14);
  });

  it('uses complete pairs only and reports n', () => {
    const result = pearsonCorrelation([1, 2, Number.NaN, 4, 5, 6, 7], [2, 1, 4, 3, 7, Number.NaN, 5]);
    expect(result.n, 'pairs with a NaN on either side are left out').toBe(5);
    // numpy.corrcoef([1, 2, 4, 5, 7], [2, 1, 3, 7, 5])[0, 1] = 0.7652463236593613
    expect(result.r, 'the correlation of the five complete pairs (numpy)').toBeCloseTo(0.7652463236593613, 14);
  });

  it('is null, not 0, for a constant series or too few pairs', () => {
    expect(pearsonCorrelation([1, 1, 1, 1], [1, 2, 3, 4]).r).toBeNull();
    expect(pearsonCorrelation([1, 2], [1, 2]).r).toBeNull();
  });

  it('is null for a constant series whose mean rounding makes the deviations not quite zero', () => {
    // 0.1 + 0.2 seven times: the mean is 0.30000000000000010, each deviation −5.6e-17, so the
    // sums are not 0 and r would come out as a spurious ±1 (or any value) without the constancy check.
    const constant = Array.from({ length: 7 }, () => 0.1 + 0.2);
    const mean = constant.reduce((a, b) => a + b, 0) / 7;
    expect(constant[0]! - mean, 'the rounding the test is about').not.toBe(0);
    expect(pearsonCorrelation(constant, [0.3, -1, 2, 0.5, -0.7, 1.1, 0.2]).r).toBeNull();
    expect(pearsonCorrelation([0.3, -1, 2, 0.5, -0.7, 1.1, 0.2], constant).r).toBeNull();
  });

  it('pairs x[t] with y[t + lag]', () => {
    const x = [0.3, -1, 2, 0.5, -0.7, 1.1, 0.2, -0.4];
    const y = [0, ...x.slice(0, -1)];
    expect(pearsonCorrelation(x, y, 1).r, 'y copies x one step later').toBeCloseTo(1, 14);
  });
});

describe('autocorrelation', () => {
  it('is 1 at lag 0 and matches a hand computation', () => {
    const rho = autocorrelation([1, 2, 3, 4, 5], 2);
    // deviations −2 −1 0 1 2: γ0 = 10, γ1 = 2 + 0 + 0 + 2 = 4, γ2 = 0 − 1 + 0 = −1
    expect(Array.from(rho)).toEqual([1, 0.4, -0.1]);
  });
});

describe('rolling correlation', () => {
  it('equals the full correlation over each window and is NaN before the window fills', () => {
    const x = [1, 3, 2, 5, 4, 6, 8, 7, 9, 12];
    const y = [2, 1, 4, 3, 6, 5, 9, 7, 8, 10];
    const rolling = rollingCorrelation(x, y, 4, 4);
    expect(rolling[2], 'three values cannot fill a window of four').toBeNaN();
    // numpy.corrcoef of the windows ending at 6 and 9: 0.6831300510639732, 0.8366600265340755.
    expect(rolling[6], 'window x[3..6], y[3..6] (numpy)').toBeCloseTo(0.6831300510639732, 12);
    expect(rolling[9], 'window x[6..9], y[6..9] (numpy)').toBeCloseTo(0.8366600265340755, 12);
    // The running sums agree with the two-pass correlation on every window.
    for (let t = 3; t < x.length; t++) {
      expect(rolling[t], `window ending at ${t}`).toBeCloseTo(pearsonCorrelation(x.slice(t - 3, t + 1), y.slice(t - 3, t + 1)).r!, 12);
    }
  });
});
