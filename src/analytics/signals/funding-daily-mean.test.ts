import { describe, expect, it } from 'vitest';
import { annualisedFundingPct, fundingDailyMeans, fundingDailySeries } from './funding-daily-mean.ts';

const H = 3_600_000;
const DAY = 24 * H;

describe('fundingDailyMeans', () => {
  it('averages the settlements of each UTC day', () => {
    const d0 = 19_000 * DAY;
    const points = [
      { at: d0, value: 0.0001 },
      { at: d0 + 8 * H, value: 0.0003 },
      { at: d0 + 16 * H, value: -0.0001 },
      { at: d0 + DAY, value: 0.0002 },
      // 23:59:59.999 still belongs to the day it is in.
      { at: d0 + 2 * DAY - 1, value: 0.0004 },
    ];
    const days = fundingDailyMeans(points);
    expect(days.map((d) => [d.day, d.settlements])).toEqual([[19_000, 3], [19_001, 2]]);
    expect(days[0]!.mean).toBeCloseTo((0.0001 + 0.0003 - 0.0001) / 3, 15);
    expect(days[1]!.mean).toBeCloseTo((0.0002 + 0.0004) / 2, 15);
  });

  it('leaves out non-finite rates and days without settlements', () => {
    const series = fundingDailySeries([
      { at: 10 * DAY, value: 0.0001 },
      { at: 10 * DAY + H, value: NaN },
      { at: 12 * DAY, value: 0.0002 },
    ]);
    expect(series.firstDay).toBe(10);
    expect([...series.values]).toEqual([0.0001, NaN, 0.0002]);
  });

  it('annualises a per-8-hour rate: 0.01 % per 8 h is 10.95 % a year', () => {
    expect(annualisedFundingPct(0.0001)).toBeCloseTo(10.95, 10);
  });
});
