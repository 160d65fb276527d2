import { describe, expect, it } from 'vitest';
import { crossCorrelation } from './cross-correlation.ts';
import { leadLagTest } from './lead-lag-test.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

function ar1(random: SeededRandom, n: number, phi: number): Float64Array {
  const out = new Float64Array(n);
  out[0] = random.normal() / Math.sqrt(1 - phi * phi);
  for (let t = 1; t < n; t++) out[t] = phi * out[t - 1]! + random.normal();
  return out;
}

describe('cross-correlation', () => {
  it('finds a planted lead at the right positive lag (x leads y)', () => {
    const random = seededRandom(3);
    const n = 1500;
    const x = Float64Array.from({ length: n }, () => random.normal());
    const y = Float64Array.from({ length: n }, (_, t) => (t >= 5 ? 0.3 * x[t - 5]! : 0) + random.normal());
    const ccf = crossCorrelation(x, y, { maxLag: 20 });
    expect(ccf.points).toHaveLength(41);
    const test = leadLagTest(ccf);
    expect(test.peak!.lag, 'y repeats x five steps later, so the peak is at +5').toBe(5);
    expect(test.lagsTested, 'lags 1…20 are scanned').toBe(20);
    expect(test.pValue!, 'a 0.29 correlation on 1500 days is overwhelming').toBeLessThan(1e-10);
    expect(ccf.points.find((p) => p.lag === -5)!.r!, 'the reverse lag carries nothing').toBeLessThan(0.1);
  });

  it('widens the band by Bartlett’s factor for autocorrelated series, keeping the false-positive rate near 5 %', () => {
    const phi = 0.7;
    const expectedInflation = (1 + phi * phi) / (1 - phi * phi);
    let bartlettRejections = 0;
    let naiveRejections = 0;
    const seeds = 300;
    let inflationSum = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const random = seededRandom(seed);
      const x = ar1(random, 400, phi);
      const y = ar1(random, 400, phi);
      const ccf = crossCorrelation(x, y, { maxLag: 0 });
      const point = ccf.points[0]!;
      inflationSum += ccf.varianceInflation;
      if (Math.abs(point.r!) > point.band!) bartlettRejections++;
      if (Math.abs(point.r!) > 1.959964 / Math.sqrt(point.n)) naiveRejections++;
    }
    expect(inflationSum / seeds, `two AR(1) with φ = 0.7 inflate the variance by (1 + φ²)/(1 − φ²) = ${expectedInflation.toFixed(2)}`).toBeGreaterThan(expectedInflation * 0.8);
    expect(inflationSum / seeds).toBeLessThan(expectedInflation * 1.1);
    // Binomial(300, 0.05): mean 15, sd 3.8.
    expect(bartlettRejections, 'Bartlett bands reject independent series about 5 % of the time').toBeLessThanOrEqual(27);
    expect(naiveRejections, 'the naive ±1.96/√n band would reject far more often').toBeGreaterThan(40);
  });

  it('keeps the scanned lead-lag test near its nominal level on independent series', () => {
    let rejections = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed++) {
      const random = seededRandom(1000 + seed);
      const x = Float64Array.from({ length: 600 }, () => random.studentT(4));
      const y = ar1(random, 600, 0.2);
      if (leadLagTest(crossCorrelation(x, y, { maxLag: 30 })).pValue! < 0.05) rejections++;
    }
    // Binomial(200, 0.05): mean 10, P(≥ 19) ≈ 0.006; the Šidák scan is exact only asymptotically.
    expect(rejections, 'the peak of 30 lags is corrected for the scan').toBeLessThanOrEqual(18);
    expect(rejections, 'and not so conservative that it never rejects').toBeGreaterThanOrEqual(3);
  });
});
