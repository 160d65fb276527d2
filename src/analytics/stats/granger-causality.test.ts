import { describe, expect, it } from 'vitest';
import { grangerBothWays, grangerCausality } from './granger-causality.ts';
import { seededRandom } from './seeded-random.ts';

/** x is AR(1); y depends on its own past and x's past: x Granger-causes y, not vice versa. */
function simulateVar1(seed: number, n: number): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let t = 1; t < n; t++) {
    x[t] = 0.5 * x[t - 1]! + random.normal();
    y[t] = 0.3 * y[t - 1]! + 0.25 * x[t - 1]! + random.normal();
  }
  return { x, y };
}

describe('Granger causality', () => {
  it('matches an independent numpy computation of the F test', () => {
    // Deterministic series reproduced in numpy (docs/statistics.md, "verification").
    const n = 300;
    const x = Float64Array.from({ length: n }, (_, t) => Math.sin(t * 0.7) + 0.5 * Math.cos(t * 1.3) + 0.3 * Math.sin(t * t * 0.01));
    const y = Float64Array.from({ length: n }, (_, t) => 0.4 * Math.sin(t * 2.1) + 0.2 * Math.cos(t * t * 0.013) + (t >= 1 ? 0.3 * x[t - 1]! : 0) + (t >= 2 ? 0.15 * x[t - 2]! : 0));
    const forward = grangerCausality(x, y, { maxLag: 2, lag: 2 })!;
    expect(forward.fStatistic, 'F for x → y at lag 2 (numpy: 270.289371)').toBeCloseTo(270.28937127724384, 7);
    expect(forward.denominatorDf).toBe(293);
    expect(forward.pValue! / 3.002098551576556e-67, 'p-value keeps its digits in the far tail (scipy f.sf)').toBeCloseTo(1, 6);
    const backward = grangerCausality(y, x, { maxLag: 2, lag: 2 })!;
    expect(backward.fStatistic, 'F for y → x at lag 2 (numpy: 5.604296)').toBeCloseTo(5.604295659436452, 7);
    expect(backward.pValue).toBeCloseTo(0.0040877590553347505, 12);
  });

  it('matches a numpy HC3 sandwich for the robust F, and reports the sign of the summed x coefficients', () => {
    // numpy: V = (XᵀX)⁻¹ Xᵀ diag(e²/(1−h)²) X (XᵀX)⁻¹, W = bᵀ V⁻¹ b over the x lags, F = W / q.
    const n = 300;
    const x = Float64Array.from({ length: n }, (_, t) => Math.sin(t * 0.7) + 0.5 * Math.cos(t * 1.3) + 0.3 * Math.sin(t * t * 0.01));
    const y = Float64Array.from({ length: n }, (_, t) => 0.4 * Math.sin(t * 2.1) + 0.2 * Math.cos(t * t * 0.013) + (t >= 1 ? 0.3 * x[t - 1]! : 0) + (t >= 2 ? 0.15 * x[t - 2]! : 0));
    const forward = grangerCausality(x, y, { maxLag: 2, lag: 2 })!;
    expect(forward.robustFStatistic, 'HC3 F for x → y at lag 2 (numpy: 327.662587)').toBeCloseTo(327.6625865419713, 6);
    expect(forward.coefficientSum, 'b1 + b2 (numpy: 0.634172)').toBeCloseTo(0.6341716959481848, 9);
    const backward = grangerCausality(y, x, { maxLag: 2, lag: 2 })!;
    expect(backward.robustFStatistic, 'HC3 F for y → x (numpy: 6.278188)').toBeCloseTo(6.2781875138707885, 6);
    expect(backward.coefficientSum, 'the summed coefficients of y → x are negative (numpy: −0.377252)').toBeCloseTo(-0.37725186473191297, 9);
    const atLagTwo = grangerCausality(x, y, { maxLag: 2, lag: 1, driverLags: [2] })!;
    expect(atLagTwo.driverLags, 'x enters at lag 2 only').toEqual([2]);
    expect(atLagTwo.denominatorDf, '298 rows − 3 coefficients').toBe(295);
    expect(atLagTwo.robustFStatistic, 'HC3 F with x at lag 2 only and one own lag (numpy: 262.732268)').toBeCloseTo(262.73226847811975, 6);
  });

  it('HC3 keeps its level where volatility clusters make the classical F test liberal', () => {
    // x and y independent, but both with the same volatility regime (calm, then a 5× storm).
    let classical = 0;
    let robust = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) {
      const random = seededRandom(seed);
      const n = 400;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const scale = t % 100 < 15 ? 5 : 1;
        x[t] = scale * random.normal();
        y[t] = scale * random.normal() * (t > 0 ? Math.abs(x[t - 1]!) / scale : 1);
      }
      const result = grangerCausality(x, y, { maxLag: 1, lag: 1 })!;
      if (result.pValue! < 0.05) classical++;
      if (result.robustPValue! < 0.05) robust++;
    }
    // y's variance rises with x[t−1]², so x[t−1] looks informative to the classical F test.
    expect(classical / seeds, 'the classical F test rejects a true null far more often than 5 %').toBeGreaterThan(0.1);
    expect(robust / seeds, 'the HC3 test stays near 5 % (Binomial(300, 0.05) rarely exceeds 8.5 %)').toBeLessThan(0.085);
  });

  it('returns null for a constant series instead of throwing', () => {
    const random = seededRandom(3);
    const x = Float64Array.from({ length: 200 }, () => random.normal());
    const flat = new Float64Array(200).fill(0.5);
    expect(grangerCausality(flat, x, { maxLag: 4 }), 'a constant driver explains nothing: no test').toBeNull();
    expect(grangerCausality(x, flat, { maxLag: 4 }), 'a constant target has nothing to explain: no test').toBeNull();
  });

  it('on a VAR(1) where x causes y, rejects x → y and not y → x across seeds', () => {
    let forwardRejections = 0;
    let backwardRejections = 0;
    const seeds = 40;
    for (let seed = 1; seed <= seeds; seed++) {
      const { x, y } = simulateVar1(seed, 500);
      const { xCausesY, yCausesX } = grangerBothWays(x, y, { maxLag: 8, criterion: 'bic' });
      if (xCausesY!.pValue! < 0.05) forwardRejections++;
      if (yCausesX!.pValue! < 0.05) backwardRejections++;
    }
    expect(forwardRejections, 'the true link x → y is found in (nearly) every seed').toBeGreaterThanOrEqual(38);
    // Under H0 rejections ~ Binomial(40, 0.05): mean 2, P(≥ 7) ≈ 0.0005.
    expect(backwardRejections, 'the absent link y → x is rejected about 5 % of the time').toBeLessThanOrEqual(6);
  });

  it('selects the true lag order by BIC', () => {
    const random = seededRandom(11);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => random.normal());
    const y = new Float64Array(n);
    for (let t = 3; t < n; t++) y[t] = 0.4 * x[t - 3]! + random.normal();
    const result = grangerCausality(x, y, { maxLag: 6, criterion: 'bic' })!;
    expect(result.lag, 'x enters y at lag 3 only, so BIC should pick 3').toBe(3);
    expect(result.pValue!).toBeLessThan(1e-10);
  });
});
