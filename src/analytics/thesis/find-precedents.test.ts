import { describe, expect, it } from 'vitest';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import type { Breakout } from '../market/find-breakouts.ts';
import { findPrecedents } from './find-precedents.ts';

function breakout(date: string): Breakout {
  const day = parseDay(date);
  return { day, close: 100, priorRecordDay: (day - 300) as DayNumber, priorRecord: 99, troughDay: (day - 100) as DayNumber, trough: 80, drawdownPct: 19.2, daysSincePriorRecord: 300, daysFromTrough: 100 };
}

describe('findPrecedents', () => {
  const from = parseDay('2020-01-01');
  const days = Int32Array.from({ length: 731 }, (_, i) => from + i);
  // ASI rises to 90 on 2021-03-01 (day 425), above 75 from 2021-02-01.
  const asi = Float64Array.from(days, (day) => (day === parseDay('2021-03-01') ? 90 : day >= parseDay('2021-02-01') && day < parseDay('2021-04-01') ? 80 : 40));

  it('measures the lag from the last breakout before the ASI peak, from the data', () => {
    const [precedent] = findPrecedents(days, asi, [breakout('2019-06-01'), breakout('2020-11-13')], 75, [{ label: 'test', from: '2020-01-01', to: '2021-12-31' }]);
    expect(precedent!.asiPeak, 'the highest ASI in the window').toEqual({ date: '2021-03-01', index: 90 });
    expect(precedent!.firstAltseasonDay).toBe('2021-02-01');
    expect(precedent!.lastBreakoutBeforePeak).toBe('2020-11-13');
    expect(precedent!.lagToPeakDays, '2020-11-13 → 2021-03-01 is 108 days').toBe(108);
    expect(precedent!.lagToAltseasonDays, '2020-11-13 → 2021-02-01 is 80 days').toBe(80);
    expect(precedent!.breakouts.map((b) => b.date), 'only breakouts in the year before the peak').toEqual(['2020-11-13']);
  });

  it('says so when a window has no ASI data or no breakout in the year before the peak', () => {
    const [none, noBreakout] = findPrecedents(days, asi, [breakout('2018-01-01')], 75, [
      { label: 'empty', from: '2030-01-01', to: '2030-12-31' },
      { label: 'no breakout', from: '2020-01-01', to: '2021-12-31' },
    ]);
    expect(none!.asiPeak).toBeNull();
    expect(none!.note).toMatch(/no ASI data/);
    expect(noBreakout!.lagToPeakDays, 'a breakout three years earlier is not a precedent').toBeNull();
    expect(noBreakout!.note).toMatch(/no Russell 2000 breakout/);
  });
});
