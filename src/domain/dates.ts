/**
 * Calendar types. Crypto trades every UTC day; we count days as integers since 1970-01-01 (UTC),
 * so day arithmetic is exact and independent of time zones and DST.
 */
import { InvalidInputError } from './errors.ts';

/** A UTC calendar day as `YYYY-MM-DD`. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };
/** Whole days since 1970-01-01 UTC. */
export type DayNumber = number & { readonly __brand: 'DayNumber' };
/** Milliseconds since the Unix epoch. */
export type UnixMs = number & { readonly __brand: 'UnixMs' };
/** Seconds since the Unix epoch (Yahoo, DefiLlama). */
export type UnixSeconds = number & { readonly __brand: 'UnixSeconds' };

export const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a day number, or returns null when the text is not a real date. */
export function tryParseDay(text: string): DayNumber | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return (ms / MS_PER_DAY) as DayNumber;
}

/** Parses `YYYY-MM-DD`; `where` says what was being read, for the error message. */
export function parseDay(text: string, where = 'date'): DayNumber {
  const day = tryParseDay(text.trim());
  if (day === null) throw new InvalidInputError(`${where}: expected a date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return day;
}

export function isoDateOf(day: DayNumber): IsoDate {
  // Days to a civil date with integer arithmetic (H. Hinnant, "chrono-compatible low-level date
  // algorithms"): the full-history index formats ~4,500 dates, and a Date plus toISOString each
  // cost more than the rest of a row. Years 0–9999 only; anything else goes through Date.
  if (Number.isInteger(day) && day >= -719_528 && day <= 2_932_896) {
    const z = day + 719_468;
    const era = Math.floor(z / 146_097);
    const dayOfEra = z - era * 146_097;
    const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const shifted = Math.floor((5 * dayOfYear + 2) / 153);
    const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
    const month = shifted < 10 ? shifted + 3 : shifted - 9;
    const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}` as IsoDate;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

export function dayOfMs(ms: number): DayNumber {
  return Math.floor(ms / MS_PER_DAY) as DayNumber;
}

export function msOfDay(day: DayNumber): UnixMs {
  return (day * MS_PER_DAY) as UnixMs;
}

export function addDays(day: DayNumber, days: number): DayNumber {
  return (day + days) as DayNumber;
}

/** Today's UTC day. */
export function today(now: number = Date.now()): DayNumber {
  return dayOfMs(now);
}

/** Day of week with 0 = Sunday, as Date#getUTCDay. 1970-01-01 was a Thursday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}
