/**
 * Perpetual funding as a daily figure: the mean of the day's settlements (UTC day of the
 * settlement time), and that mean annualised. Rates are fractions per 8 hours (0.0001 = 0.01 %).
 */
import { dailyValuesOf, type DailyValues } from './daily-values.ts';

const MS_PER_DAY = 86_400_000;

export interface FundingDay {
  day: number;
  /** Mean rate of the day's settlements, fraction per 8 h. */
  mean: number;
  settlements: number;
}

/** The mean funding rate of each UTC day that has settlements, in day order. */
export function fundingDailyMeans(points: Iterable<{ at: number; value: number }>): FundingDay[] {
  const byDay = new Map<number, { sum: number; n: number }>();
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue;
    const day = Math.floor(p.at / MS_PER_DAY);
    const cell = byDay.get(day) ?? { sum: 0, n: 0 };
    cell.sum += p.value;
    cell.n++;
    byDay.set(day, cell);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, c]) => ({ day, mean: c.sum / c.n, settlements: c.n }));
}

/** A per-8-hour rate (fraction) as percent per year: × 3 settlements a day × 365 days × 100. */
export function annualisedFundingPct(ratePer8h: number): number {
  return ratePer8h * 3 * 365 * 100;
}

/** Daily means as a dense series (fraction per 8 h). */
export function fundingDailySeries(points: Iterable<{ at: number; value: number }>): DailyValues {
  return dailyValuesOf(fundingDailyMeans(points).map((d) => ({ day: d.day, value: d.mean })));
}
