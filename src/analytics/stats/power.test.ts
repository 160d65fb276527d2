import { describe, expect, it } from 'vitest';
import { crossCorrelation } from './cross-correlation.ts';
import { minimumDetectableCorrelation, minimumDetectableEffect } from './power.ts';
import { seededRandom } from './seeded-random.ts';

describe('power', () => {
  it('matches the closed form', () => {
    // tanh((1.959964 + 0.841621) / √997)
    expect(minimumDetectableCorrelation(1000), 'n = 1000, α = 0.05, power 0.8').toBeCloseTo(Math.tanh(2.801585 / Math.sqrt(997)), 6);
    expect(minimumDetectableCorrelation(1000, 2)!, 'autocorrelation halves the effective n').toBeGreaterThan(minimumDetectableCorrelation(1000)!);
    expect(minimumDetectableCorrelation(1000, 1, { tests: 120 })!, 'scanning 120 lags needs a larger effect').toBeGreaterThan(minimumDetectableCorrelation(1000)!);
    expect(minimumDetectableEffect(0.01)).toBeCloseTo(0.02801585, 6);
    expect(minimumDetectableCorrelation(3), 'three points detect nothing').toBeNull();
  });

  it('gives about 80 % power at the computed effect in simulation', () => {
    const n = 400;
    const rho = minimumDetectableCorrelation(n)!;
    let detections = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) {
      const random = seededRandom(seed);
      const x = Float64Array.from({ length: n }, () => random.normal());
      const y = Float64Array.from(x, (value) => rho * value + Math.sqrt(1 - rho * rho) * random.normal());
      const point = crossCorrelation(x, y, { maxLag: 0 }).points[0]!;
      if (point.pValue! < 0.05) detections++;
    }
    // Binomial(300, 0.8): sd 6.9.
    expect(detections / seeds, `ρ = ${rho.toFixed(3)} should be detected in about 80 % of samples`).toBeGreaterThan(0.72);
    expect(detections / seeds).toBeLessThan(0.88);
  });
});
