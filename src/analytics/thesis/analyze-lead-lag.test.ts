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

describe('analyzeLeadLag: what BIC misses, what overlaps, what cannot run', () => {
  it('a Granger test at the scan’s lag finds the planted 20- and 60-day leads that BIC (lag 1) misses', () => {
    for (const lead of [20, 60]) {
      const result = analyzeLeadLag(series(3000, lead, 0.12, 40 + lead), 'rut', 'median-excess', { maxLagDays: 120, alpha: 0.05, grangerMaxLag: 20, rollingWindows: [] });
      expect(result.granger.driverToTarget.lag, `BIC picks 1 lag for a ${lead}-day lead`).toBe(1);
      expect(result.granger.driverToTarget.robustPValue!, `and the BIC test misses the ${lead}-day lead`).toBeGreaterThan(0.05);
      expect(result.lead.peakLagDays).toBe(lead);
      const atLag = result.granger.atScanLag!;
      expect(atLag.driverLags, 'the driver enters at the scan’s lag only').toEqual([lead]);
      expect(atLag.testPValue!, `the test at lag ${lead} finds it, even corrected for the 120-lag scan`).toBeLessThan(0.001);
      expect(atLag.coefficientSum!, 'in the planted (positive) direction').toBeGreaterThan(0.05);
    }
  });

  it('leaves daily lags 1–2 out of the reverse scan: trading hours overlap there', () => {
    // The target leads the driver by one day only, as an overlap of trading hours would make it.
    const random = seededRandom(12);
    const n = 1500;
    const y = Float64Array.from({ length: n }, () => random.normal());
    const x = Float64Array.from({ length: n }, (_, t) => (t >= 1 ? 0.4 * y[t - 1]! : 0) + random.normal());
    const nan = new Float64Array(n).fill(Number.NaN);
    const frequency: FrequencySeries = { frequency: 'daily', unitDays: 1, days: Int32Array.from({ length: n }, (_, i) => 19_000 + i), drivers: { rut: x, 'rut-spx': nan }, targets: { 'median-excess': y, 'cap-weighted-excess': nan, 'asi-change': nan } };
    const result = analyzeLeadLag(frequency, 'rut', 'median-excess', { maxLagDays: 30, alpha: 0.05, grangerMaxLag: 4, rollingWindows: [] });
    expect(result.correlogram.find((p) => p.lag === -1)!.pValue!, 'the lag −1 link is there in the correlogram').toBeLessThan(1e-10);
    expect(result.reverse.minLag).toBe(3);
    expect(result.reverse.lagsTested, 'lags 3…30').toBe(28);
    expect(result.reverse.pValue!, 'but the reverse scan does not report it as a lead').toBeGreaterThan(0.05);
  });

  it('gives a Fisher-z interval, not r ± the null band', () => {
    const result = analyzeLeadLag(series(1500, 5, 0.4, 7), 'rut', 'median-excess', { maxLagDays: 30, alpha: 0.05, grangerMaxLag: 4, rollingWindows: [] });
    const peak = result.correlogram.find((p) => p.lag === 5)!;
    const [low, high] = result.lead.interval!;
    expect(high - peak.r!, 'asymmetric: shorter toward 1').toBeLessThan(peak.r! - low);
    expect((low + high) / 2, 'so its middle is not r').not.toBeCloseTo(peak.r!, 4);
  });

  it('runs nothing on a pair without enough data, and says so', () => {
    const empty = series(400, 1, 0, 3);
    empty.targets['median-excess'].fill(Number.NaN);
    const result = analyzeLeadLag(empty, 'rut', 'median-excess', { maxLagDays: 120, alpha: 0.05, grangerMaxLag: 20, rollingWindows: [90] });
    expect(result.unavailable).toBe('only 0 daily pairs with both series defined; scanning lags up to 120 days needs at least 240');
    expect(result.lead.pValue, 'no p-value, so no hypothesis counted').toBeNull();
    expect(result.granger.driverToTarget.unavailable, 'the Granger tests say the same').toBe(result.unavailable);
    expect(result.granger.atScanLag).toBeNull();
  });
});
