import { describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay, tryParseDay, weekdayOf } from './dates.ts';
import { InvalidInputError } from './errors.ts';

describe('day numbers', () => {
  it('round-trips ISO dates through day numbers', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2021-11-08', '2026-11-23']) {
      expect(isoDateOf(parseDay(text)), `${text} survives a round trip`).toBe(text);
    }
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
