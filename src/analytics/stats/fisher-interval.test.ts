import { describe, expect, it } from 'vitest';
import { fisherInterval } from './fisher-interval.ts';

describe('fisherInterval', () => {
  it('matches tanh(atanh(r) ± 1.959964/√(n − 3)) computed in Python', () => {
    // Python: math.tanh(math.atanh(r) ± 1.959963984540054 / math.sqrt(n - 3)).
    const cases: [number, number, number, number][] = [
      [0.3, 103, 0.11303802922252022, 0.4664441315320444],
      [-0.05, 3330, -0.08382443383457293, -0.016060479944827243],
      [0.9, 28, 0.7932831475905593, 0.9530665136896939],
    ];
    for (const [r, n, low, high] of cases) {
      const interval = fisherInterval(r, 1 / Math.sqrt(n))!;
      expect(interval[0], `lower end for r = ${r}, n = ${n}`).toBeCloseTo(low, 9);
      expect(interval[1], `upper end for r = ${r}, n = ${n}`).toBeCloseTo(high, 9);
    }
  });

  it('is asymmetric near ±1 and never leaves (−1, 1), unlike r ± 1.96 SE', () => {
    const [low, high] = fisherInterval(0.9, 1 / Math.sqrt(28))!;
    expect(high, 'stays below 1 where r + 1.96/√28 = 1.27 would not').toBeLessThan(1);
    expect(0.9 - low, 'the interval reaches further toward 0 than toward 1').toBeGreaterThan(high - 0.9);
  });

  it('is null when it is undefined', () => {
    expect(fisherInterval(null, 0.1), 'no r').toBeNull();
    expect(fisherInterval(0.2, 1), 'n_eff = 1 ≤ 3').toBeNull();
  });
});
