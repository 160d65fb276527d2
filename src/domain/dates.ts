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
