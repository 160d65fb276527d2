import { describe, expect, it } from 'vitest';
import { eventStudy } from './event-study.ts';
import { hitRate, wilsonInterval } from './hit-rate.ts';
import { seededRandom } from './seeded-random.ts';

function noise(seed: number, n: number, scale: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => scale * random.normal());
}

function randomEvents(seed: number, n: number, count: number, margin: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random.integer(n - margin));
}

describe('event study', () => {
  it('computes forward sums exactly on a hand example', () => {
    const target = [0, 1, 2, 3, 4, 5, 6, 7];
    const result = eventStudy(target, [1, 6], { horizon: 2, seed: 1, replicates: 10 });
    // Eligible days 0…5 (6 + 2 runs past the end): forward sums 3, 5, 7, 9, 11, 13.
    expect(result.events, 'the event at 6 has no complete 2-day window').toBe(1);
    expect(result.eventsDropped).toBe(1);
    expect(result.eventIndices, 'only the event with a complete window is used').toEqual([1]);
    expect(result.eventMean, 'after day 1: 2 + 3').toBe(5);
    expect(result.baselineMean, 'mean of 3, 5, …, 13').toBe(8);
    expect(result.effect).toBe(-3);
    expect(result.path.map((p) => p.excess)).toEqual([2 - 3.5, -3]);
  });

  it('detects a planted post-event drift and its interval covers the truth', () => {
    const n = 3000;
    const horizon = 30;
    const target = noise(21, n, 0.01);
    const events = randomEvents(22, n, 25, horizon + 1);
    for (const t of events) for (let k = 1; k <= horizon; k++) target[t + k] = target[t + k]! + 0.002;
    const result = eventStudy(target, events, { horizon, seed: 5, replicates: 999 });
    expect(result.effect!, 'about 30 × 0.002 = 0.06 (overlaps of windows add a little)').toBeGreaterThan(0.04);
    expect(result.pValue!, 'a 0.06 drift against 0.055 noise per window with 25 events is clear').toBeLessThan(0.01);
    expect(result.interval![0]).toBeLessThan(0.06);
    expect(result.interval![1]).toBeGreaterThan(0.06);
  });

  it('rejects about 5 % of the time when events carry no information', () => {
    let rejections = 0;
    const seeds = 40;
    for (let seed = 1; seed <= seeds; seed++) {
      // An autocorrelated target: the placebo must keep that, or the test would be too liberal.
      const shocks = noise(seed, 2000, 0.01);
      const target = new Float64Array(2000);
      for (let t = 1; t < 2000; t++) target[t] = 0.3 * target[t - 1]! + shocks[t]!;
      const events = randomEvents(seed + 500, 2000, 15, 61);
      if (eventStudy(target, events, { horizon: 60, seed, replicates: 299 }).pValue! < 0.05) rejections++;
    }
    // Binomial(40, 0.05): P(≥ 7) ≈ 0.0005.
    expect(rejections, 'placebo p-values are valid under the null').toBeLessThanOrEqual(6);
  });
});

describe('hit rate', () => {
  it('counts hits within the horizon against the base rate', () => {
    const condition = [0, 0, 1, 0, 0, 0, 0, 1, 0, 0];
    const result = hitRate(condition, [0, 4, 8], { horizon: 3, seed: 1, replicates: 100 });
    // Eligible days 0…6; hits after 0 (day 2), 1, 4 (day 7), 5, 6; not after 2, 3.
    expect(result.events, 'day 8 has no complete 3-day window').toBe(2);
    expect(result.hits).toBe(2);
    expect(result.rate).toBe(1);
    expect(result.baseRate).toBeCloseTo(5 / 7, 15);
    expect(result.difference).toBeCloseTo(2 / 7, 15);
  });

  it('computes the Wilson interval of a textbook example', () => {
    // 8 of 10 at 95 %: Wilson (1927) interval 0.4902 … 0.9433.
    const [lower, upper] = wilsonInterval(8, 10)!;
    expect(lower).toBeCloseTo(0.4902, 4);
    expect(upper).toBeCloseTo(0.9433, 4);
    expect(wilsonInterval(0, 0), 'no trials, no interval').toBeNull();
  });
});
