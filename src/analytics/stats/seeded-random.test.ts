import { describe, expect, it } from 'vitest';
import { mean, variance } from './descriptive.ts';
import { seededRandom } from './seeded-random.ts';

describe('seeded random', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform()), 'same seed, same stream').toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uniform()), 'another seed, another stream').not.toEqual(first);
  });

  it('draws uniform, normal and Student t values with the right moments', () => {
    const random = seededRandom(7);
    const uniforms = Array.from({ length: 50_000 }, () => random.uniform());
    // Each decile holds 10 % of the draws: Binomial(50 000, 0.1) has sd 0.13 points, so ±0.6 points is > 4 sd.
    for (let decile = 0; decile < 10; decile++) {
      const share = uniforms.filter((u) => u >= decile / 10 && u < (decile + 1) / 10).length / uniforms.length;
      expect(share, `share of draws in [${decile / 10}, ${(decile + 1) / 10})`).toBeGreaterThan(0.094);
      expect(share).toBeLessThan(0.106);
    }
    expect(mean(uniforms), 'U(0,1) has mean ½').toBeCloseTo(0.5, 2);
    const normals = Array.from({ length: 50_000 }, () => random.normal());
    expect(mean(normals), 'N(0,1) has mean 0').toBeCloseTo(0, 1);
    expect(variance(normals)!, 'N(0,1) has variance 1').toBeCloseTo(1, 1);
    const t5 = Array.from({ length: 50_000 }, () => random.studentT(5));
    expect(variance(t5)!, 't(5) has variance 5/3').toBeGreaterThan(1.45);
    expect(variance(t5)!).toBeLessThan(1.9);
    const integers = new Set(Array.from({ length: 1000 }, () => random.integer(6)));
    expect([...integers].sort(), 'integer(6) covers 0…5').toEqual([0, 1, 2, 3, 4, 5]);
  });
});
