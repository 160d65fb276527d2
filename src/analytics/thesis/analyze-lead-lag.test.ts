import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/seeded-random.ts';
import { analyzeLeadLag, summarizeRolling } from './analyze-lead-lag.ts';
import type { FrequencySeries } from './build-thesis-series.ts';

function series(n: number, lag: number, strength: number, seed: number): FrequencySeries {
  const random = seededRandom(seed);
  const x = Float64Array.from({ length: n }, () => random.normal());
  const y = Float64Array.from({ length: n }, (_, t) => (t >= lag ? strength * x[t - lag]! : 0) + random.normal());
  const nan = new Float64Array(n).fill(Number.NaN);
  return {
    frequency: 'daily',
    unitDays: 1,
    days: Int32Array.from({ length: n }, (_, i) => 19_000 + i),
    drivers: { rut: x, 'rut-spx': nan },
    targets: { 'median-excess': y, 'cap-weighted-excess': nan, 'asi-change': nan },
  };
}

describe('analyzeLeadLag', () => {
  it('finds a planted 5-day lead with a small scan p-value and Granger in the right direction', () => {
    const result = analyzeLeadLag(series(1500, 5, 0.4, 7), 'rut', 'median-excess', { maxLagDays: 30, alpha: 0.05, grangerMaxLag: 8, rollingWindows: [90] });
    expect(result.lead.peakLagDays, 'x[t] drives y[t + 5]').toBe(5);
    expect(result.lead.pValue!).toBeLessThan(1e-6);
    expect(result.lead.lagsTested).toBe(30);
    expect(result.correlogram).toHaveLength(61);
    expect(result.granger.driverToTarget.pValue!, 'x Granger-causes y').toBeLessThan(1e-6);
    expect(result.granger.targetToDriver.pValue!, 'y does not Granger-cause x').toBeGreaterThan(0.001);
    expect(result.rolling[0]!.windows, 'one rolling window per day after the first 89').toBe(1500 - 89);
  });

  it('does not find a lead in independent noise', () => {
    const result = analyzeLeadLag(series(1500, 5, 0, 8), 'rut', 'median-excess', { maxLagDays: 30, alpha: 0.05, grangerMaxLag: 8, rollingWindows: [] });
    expect(result.lead.pValue!).toBeGreaterThan(0.05);
    expect(result.rolling).toEqual([]);
  });
});

describe('summarizeRolling', () => {
  it('summarizes finite windows and samples every 7th day counted back from the last', () => {
    const days = Int32Array.from({ length: 15 }, (_, i) => 19_000 + i);
    const values = Float64Array.from({ length: 15 }, (_, i) => (i < 5 ? Number.NaN : i / 100));
    const summary = summarizeRolling(days, values, 100);
    expect(summary.windows).toBe(10);
    expect(summary.min).toBeCloseTo(0.05);
    expect(summary.max).toBeCloseTo(0.14);
    expect(summary.latest).toBeCloseTo(0.14);
    expect(summary.shareBeyondNaiveBand, 'none exceeds 1.96/√100 = 0.196').toBe(0);
    expect(summary.points.map((p) => p.r)).toEqual([null, 0.07, 0.14]);
  });
});
