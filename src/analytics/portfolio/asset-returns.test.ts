import { describe, expect, it } from 'vitest';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import { calendarReturns, sampledReturns } from './asset-returns.ts';

const start = parseDay('2024-01-01');
const panel = makePanel([{ id: 'a', symbol: 'A', firstDay: start, price: [100, 110, Number.NaN, 121, 133.1, Number.NaN, Number.NaN, Number.NaN, 100], marketCap: [1, 1, 1, 1, 1, 1, 1, 1, 1] }]);
const d = (i: number) => (start + i) as DayNumber;

describe('asset returns', () => {
  it('daily returns on the calendar, NaN where a close is missing, before the first day or after the last', () => {
    const r = Array.from(calendarReturns(panel, 0, d(-1), d(9)));
    expect(r.map((v) => (Number.isNaN(v) ? null : Number(v.toFixed(10))))).toEqual([null, null, 0.1, null, null, 0.1, null, null, null, null, null]);
  });

  it('returns between sample days from the last close at or before each, within the staleness limit', () => {
    // Samples on days 0, 4, 8: closes 100, 133.1, 100 → +33.1 %, then −24.87 %; with a 2-day limit day 8 is fine (its own close).
    const r = sampledReturns(panel, 0, [d(0), d(4), d(8)], 2);
    expect(r[0]).toBeCloseTo(0.331, 10);
    expect(r[1]).toBeCloseTo(100 / 133.1 - 1, 10);
    // Day 7's last close is day 4's, 3 days old: too stale with a 2-day limit, fine with 3.
    expect(Number.isNaN(sampledReturns(panel, 0, [d(0), d(7)], 2)[0]!)).toBe(true);
    expect(sampledReturns(panel, 0, [d(0), d(7)], 3)[0]).toBeCloseTo(0.331, 10);
  });
});
