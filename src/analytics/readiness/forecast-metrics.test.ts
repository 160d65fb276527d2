import { describe, expect, it } from 'vitest';
import { aucWithInterval, brierScore, calibrationTable, rocAuc, signalStatistics } from './forecast-metrics.ts';

describe('rocAuc', () => {
  it('counts positive-over-negative pairs, ties half', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 0.35 beats 0.1; 0.8 beats both → 3 of 4.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 12);
    // NaN predictor or label left out.
    expect(rocAuc([0.1, Number.NaN, 0.9, 0.3], [0, 1, 1, Number.NaN])).toBeCloseTo(1, 12);
    expect(rocAuc([0.1, 0.2], [0, 0])).toBeNull();
  });
  it('a perfect predictor has an interval at 1 and a small p', () => {
    const x = Array.from({ length: 400 }, (_, i) => (i % 100 < 20 ? 0.9 : 0.1) + (i % 7) * 0.001);
    const y = x.map((v) => (v > 0.5 ? 1 : 0));
    const a = aucWithInterval(x, y, { blockLength: 20, replicates: 200, seed: 1 });
    expect(a.auc).toBe(1);
    expect(a.interval!.lower).toBe(1);
  });
});

describe('brierScore and calibrationTable', () => {
  it('are hand-computable', () => {
    // (0.2−0)² + (0.7−1)² + (0.9−1)² = 0.04 + 0.09 + 0.01 = 0.14 → mean 0.04667.
    expect(brierScore([0.2, 0.7, 0.9, Number.NaN], [0, 1, 1, 1]).brier).toBeCloseTo(0.14 / 3, 12);
    const table = calibrationTable([0.05, 0.15, 0.12, 0.95], [0, 1, 0, 1], 0.5);
    expect(table).toEqual([
      { from: 0, to: 0.5, n: 3, meanPredicted: (0.05 + 0.15 + 0.12) / 3, observedRate: 1 / 3 },
      { from: 0.5, to: 1, n: 1, meanPredicted: 0.95, observedRate: 1 },
    ]);
  });
});

describe('signalStatistics', () => {
  it('hit rate, lead time and false alarms of a threshold signal', () => {
    // Days 0…19, horizon 5, seasons start on days 8 and 18. Signal on days 2 (false alarm: no start in 3…7), 5–6 (start 8 within 5) and 15.
    const on = new Float64Array(20);
    for (const d of [2, 5, 6, 15]) on[d] = 1;
    const labels = Float64Array.from({ length: 20 }, (_, d) => ([8, 18].some((s) => s > d && s <= d + 5) ? 1 : 0));
    const s = signalStatistics(on, labels, 0, [8, 18], 5);
    expect(s.seasons).toBe(2);
    expect(s.hits).toBe(2);
    expect(s.leadDays).toEqual([3, 3]);
    expect(s.medianLeadDays).toBe(3);
    expect(s.falseAlarms).toBe(1);
    expect(s.falseAlarmsPerYear).toBeCloseTo(365 / 20, 10);
  });
});
