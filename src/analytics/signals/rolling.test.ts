import { BollingerBands } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { DailyValues } from './daily-values.ts';
import { bollingerBandwidth, changePct, realisedVolatilityPct, shortOverLongGrowth, trailingMean, trailingPercentile, trailingZScore } from './rolling.ts';

const series = (values: number[], firstDay = 0): DailyValues => ({ firstDay, values: Float64Array.from(values) });

describe('trailing statistics', () => {
  it('means the window ending on each day, NaN when too few values', () => {
    const s = trailingMean(series([1, 2, NaN, 4, 5]), 3, 2);
    expect([...s.values]).toEqual([NaN, 1.5, 1.5, 3, 4.5]);
  });

  it('ranks a value among the trailing window with ties counted half', () => {
    const s = trailingPercentile(series([3, 1, 2, 3]), 4, 4);
    // Last day: 3 among [3,1,2,3]: 2 below, 2 equal → (2 + 1) / 4 = 75 %.
    expect(s.values[3]).toBe(75);
    expect(s.values[2]).toBeNaN();
  });

  it('z-scores against the window mean and sample SD', () => {
    const z = trailingZScore(series([1, 2, 3, 6]), 4, 4);
    const m = 3;
    const sd = Math.sqrt(((1 - m) ** 2 + (2 - m) ** 2 + 0 + (6 - m) ** 2) / 3);
    expect(z.values[3]).toBeCloseTo((6 - m) / sd, 12);
  });

  it('realised volatility is the sample SD of log returns × √365 × 100', () => {
    const prices = [100, 110, 99, 105];
    const r = [Math.log(110 / 100), Math.log(99 / 110), Math.log(105 / 99)];
    const m = r.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
    expect(realisedVolatilityPct(series(prices), 3, 3).values[3]).toBeCloseTo(sd * Math.sqrt(365) * 100, 10);
  });

  it('30-vs-90 growth and percentage change', () => {
    const ramp = Array.from({ length: 90 }, (_, i) => (i < 60 ? 1 : 2));
    expect(shortOverLongGrowth(series(ramp), 30, 90).values[89]).toBeCloseTo(2 / (120 / 90) - 1, 12);
    expect(changePct(series([100, 0, 150]), 2).values[2]).toBeCloseTo(50, 12);
  });

  it('Bollinger bandwidth equals (upper − lower) / middle of the library bands, and restarts after a gap', () => {
    const prices = [10, 11, 12, 11, 13, 14, NaN, 15, 16, 15];
    const bands = new BollingerBands(3, 2);
    const expected: number[] = [];
    for (const p of prices.slice(0, 6)) {
      const b = bands.update(p, false);
      expected.push(b ? (b.upper - b.lower) / b.middle : NaN);
    }
    const width = bollingerBandwidth(series(prices), 3, 2);
    for (let i = 0; i < 6; i++) {
      if (Number.isNaN(expected[i])) expect(width.values[i]).toBeNaN();
      else expect(width.values[i]).toBeCloseTo(expected[i]!, 10);
    }
    // After the gap the bands need 3 new prices.
    expect(width.values[7]).toBeNaN();
    expect(width.values[8]).toBeNaN();
    expect(Number.isFinite(width.values[9])).toBe(true);
  });
});
