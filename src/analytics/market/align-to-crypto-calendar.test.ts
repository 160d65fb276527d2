import { describe, expect, it } from 'vitest';
import { dayOfMs, isoDateOf, parseDay, weekdayOf, type DayNumber } from '../../domain/dates.ts';
import { makeSeries } from '../../domain/series.ts';
import { alignToCryptoCalendar, cryptoCalendar } from './align-to-crypto-calendar.ts';

const d = (iso: string) => parseDay(iso);
const equity = (points: [string, number][]) => makeSeries('^TEST', points.map(([iso]) => d(iso)), points.map(([, v]) => v));

/** Exchange days Mon–Fri between two dates, skipping `holidays`, with deterministic pseudo-random closes. */
function exchangeSeries(from: string, to: string, holidays: string[] = [], seed = 1) {
  const skip = new Set(holidays.map(d));
  const days: number[] = [];
  const values: number[] = [];
  let state = seed;
  let level = 100;
  for (let day = d(from); day <= d(to); day++) {
    const weekday = weekdayOf(day as DayNumber);
    if (weekday === 0 || weekday === 6 || skip.has(day as DayNumber)) continue;
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    level *= 1 + (state / 2_147_483_648 - 0.5) / 50;
    days.push(day);
    values.push(level);
  }
  return makeSeries('^TEST', days, values);
}

describe('alignToCryptoCalendar', () => {
  it('carries Friday’s close over the weekend and uses Monday’s close on Monday (US close precedes the 24:00 UTC crypto close)', () => {
    const series = equity([
      ['2024-01-05', 10], // Friday
      ['2024-01-08', 11], // Monday
    ]);
    const aligned = alignToCryptoCalendar(series, d('2024-01-05'), d('2024-01-08'));
    expect(Array.from(aligned.values), 'Fri, Sat, Sun carry 10; Monday is 11').toEqual([10, 10, 10, 11]);
    expect(Array.from(aligned.sourceDays).map((day) => isoDateOf(day as DayNumber)), 'each day names the exchange day it came from').toEqual([
      '2024-01-05',
      '2024-01-05',
      '2024-01-05',
      '2024-01-08',
    ]);
    expect(Array.from(aligned.ageDays), 'age is calendar days since the source close').toEqual([0, 1, 2, 0]);
  });

  it('carries over a holiday (Independence Day 2023, a Tuesday) and over a long weekend', () => {
    const series = exchangeSeries('2023-06-28', '2023-07-07', ['2023-07-04']);
    const aligned = alignToCryptoCalendar(series, d('2023-07-01'), d('2023-07-05'));
    const sources = Array.from(aligned.sourceDays).map((day) => isoDateOf(day as DayNumber));
    expect(sources, 'Sat/Sun carry Friday 06-30, the holiday carries Monday 07-03').toEqual(['2023-06-30', '2023-06-30', '2023-07-03', '2023-07-03', '2023-07-05']);
  });

  it('never carries backward: crypto days before the first close have no value', () => {
    const series = equity([['2024-01-10', 5]]);
    const aligned = alignToCryptoCalendar(series, d('2024-01-08'), d('2024-01-11'));
    expect(Array.from(aligned.values.subarray(0, 2)).every(Number.isNaN), 'no equity close exists yet on 01-08 and 01-09').toBe(true);
    expect(Array.from(aligned.sourceDays), 'missing values have no source day').toEqual([-1, -1, d('2024-01-10'), d('2024-01-10')]);
  });

  it('stops carrying a close once it is older than maxStaleDays', () => {
    const series = equity([['2024-01-01', 5]]);
    const aligned = alignToCryptoCalendar(series, d('2024-01-01'), d('2024-01-12'), { maxStaleDays: 7 });
    expect(aligned.values[7], 'a 7-day-old close is still carried').toBe(5);
    expect(Number.isNaN(aligned.values[8]!), 'an 8-day-old close is not carried: a dead feed must not look alive').toBe(true);
  });

  it('the default staleness limit survives the 2001-09-11 closure (last close 09-10, reopened 09-17)', () => {
    const series = equity([
      ['2001-09-10', 1],
      ['2001-09-17', 2],
    ]);
    const aligned = alignToCryptoCalendar(series, d('2001-09-10'), d('2001-09-17'));
    expect(Array.from(aligned.values), 'the 09-10 close covers the whole closure').toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('skips NaN closes and carries the last finite one', () => {
    const series = equity([
      ['2024-01-08', 1],
      ['2024-01-09', Number.NaN],
    ]);
    const aligned = alignToCryptoCalendar(series, d('2024-01-09'), d('2024-01-09'));
    expect(aligned.values[0], 'a missing close on 01-09 falls back to 01-08').toBe(1);
    expect(aligned.sourceDays[0], 'and says so').toBe(d('2024-01-08'));
  });

  it('with lagDays = 1, a close is first used the next crypto day', () => {
    const series = equity([
      ['2024-01-08', 1],
      ['2024-01-09', 2],
    ]);
    const aligned = alignToCryptoCalendar(series, d('2024-01-09'), d('2024-01-10'), { lagDays: 1 });
    expect(Array.from(aligned.values), 'the 01-09 close is known only on 01-10').toEqual([1, 2]);
  });

  it('is unaffected by DST switches: closes at 21:00 UTC (EST) and 20:00 UTC (EDT) land on their own UTC day', () => {
    // US DST began 2024-03-10 and ended 2024-11-03; Europe switched 2024-03-31 and 2024-10-27.
    const closes = [Date.UTC(2024, 2, 8, 21), Date.UTC(2024, 2, 11, 20), Date.UTC(2024, 10, 1, 20), Date.UTC(2024, 10, 4, 21)];
    expect(closes.map((ms) => isoDateOf(dayOfMs(ms))), 'the close timestamp maps to the exchange day on both sides of a switch').toEqual([
      '2024-03-08',
      '2024-03-11',
      '2024-11-01',
      '2024-11-04',
    ]);
    for (const [from, to] of [
      ['2024-03-04', '2024-03-17'],
      ['2024-03-25', '2024-04-07'],
      ['2024-10-21', '2024-11-10'],
    ] as const) {
      const series = exchangeSeries(from, to);
      const aligned = alignToCryptoCalendar(series, d(from), d(to));
      for (let i = 0; i < aligned.days.length; i++) {
        const day = aligned.days[i]! as DayNumber;
        const weekday = weekdayOf(day);
        const expected = weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
        expect(aligned.sourceDays[i], `${isoDateOf(day)} (weekday ${weekday}) in a DST week takes that week's Friday or its own close`).toBe(expected);
      }
    }
  });

  it('perturbing the future leaves the past identical (no look-ahead), and the present does change', () => {
    const series = exchangeSeries('2020-01-01', '2020-12-31', ['2020-07-03', '2020-11-26'], 7);
    const from = d('2020-01-01');
    const to = d('2020-12-31');
    const base = alignToCryptoCalendar(series, from, to);
    for (let cut = 0; cut < series.days.length; cut += 13) {
      const changed = Float64Array.from(series.values);
      for (let j = cut + 1; j < changed.length; j++) changed[j] = changed[j]! * 3 + 1000;
      const perturbed = alignToCryptoCalendar({ name: series.name, days: series.days, values: changed }, from, to);
      const cutDay = series.days[cut]!;
      for (let i = 0; i < base.days.length && base.days[i]! <= cutDay; i++) {
        expect(perturbed.values[i], `crypto day ${isoDateOf(base.days[i]! as DayNumber)} must not see changes after ${isoDateOf(cutDay as DayNumber)}`).toBe(base.values[i]);
      }
      if (cut + 1 < series.days.length) {
        const nextIndex = series.days[cut + 1]! - from;
        expect(perturbed.values[nextIndex], 'the changed close is used on its own day').not.toBe(base.values[nextIndex]);
      }
    }
  });

  it('lists every UTC day', () => {
    expect(Array.from(cryptoCalendar(d('2024-02-28'), d('2024-03-01'))).map((day) => isoDateOf(day as DayNumber)), 'leap day included').toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(() => cryptoCalendar(d('2024-03-01'), d('2024-02-28')), 'an inverted range is an input error').toThrow(/before/);
  });
});
