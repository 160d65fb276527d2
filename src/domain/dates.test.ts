import { describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay, tryParseDay, weekdayOf, type DayNumber } from './dates.ts';
import { InvalidInputError } from './errors.ts';

describe('day numbers', () => {
  it('round-trips ISO dates through day numbers', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2021-11-08', '2026-11-23']) {
      expect(isoDateOf(parseDay(text)), `${text} survives a round trip`).toBe(text);
    }
  });

  it('formats every day as Date#toISOString does: each day of 1900–2200, a stride over years 0–9999, and beyond', () => {
    const viaDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
    const wrong: string[] = [];
    const check = (day: number) => {
      if (isoDateOf(day as DayNumber) !== viaDate(day)) wrong.push(`${day}: ${isoDateOf(day as DayNumber)} vs ${viaDate(day)}`);
    };
    for (let day = parseDay('1900-01-01'); day <= parseDay('2200-12-31'); day++) check(day);
    for (let day = -719_528; day <= 2_932_896; day += 97) check(day);
    for (const day of [-719_529, -719_528, -719_527, 2_932_895, 2_932_896, 2_932_897, 3_000_000]) check(day);
    expect(wrong).toEqual([]);
    expect(isoDateOf(-719_528 as DayNumber)).toBe('0000-01-01');
    expect(isoDateOf(2_932_896 as DayNumber)).toBe('9999-12-31');
  });

  it('counts days exactly across DST changes and leap years', () => {
    expect(parseDay('2021-03-15') - parseDay('2021-03-13'), 'US DST switch does not shift days').toBe(2);
    expect(parseDay('2024-03-01') - parseDay('2024-02-28')).toBe(2);
    expect(isoDateOf(addDays(parseDay('2021-12-31'), 1))).toBe('2022-01-01');
  });

  it('rejects impossible dates with the value in the message', () => {
    expect(tryParseDay('2021-02-30')).toBeNull();
    expect(tryParseDay('21-02-01')).toBeNull();
    expect(() => parseDay('2021-13-01', '--at')).toThrow(InvalidInputError);
    expect(() => parseDay('2021-13-01', '--at')).toThrow(/--at.*"2021-13-01"/);
  });

  it('knows weekdays', () => {
    expect(weekdayOf(parseDay('2021-11-08')), '2021-11-08 was a Monday').toBe(1);
    expect(weekdayOf(parseDay('1970-01-01')), 'the epoch was a Thursday').toBe(4);
  });
});
