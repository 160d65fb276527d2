/**
 * The one way to put an exchange-day series (^RUT, ^GSPC, IWM: US trading days only) on the
 * crypto calendar (every UTC day). Every analytic that combines equity and crypto data uses it.
 *
 * Convention. A crypto "daily close" is the value at 24:00 UTC of day D (CoinMarketCap's close;
 * CoinGecko's 00:00 UTC snapshot of D+1, which the importer dates D). The US cash close is
 * 16:00 New York time: 21:00 UTC in winter (EST) and 20:00 UTC in summer (EDT). Either way it is
 * before 24:00 UTC of the same calendar day, so the equity close of exchange day D is *known* at
 * the crypto close of day D. Crypto day D therefore gets the last equity close on or before D
 * (`lagDays = 0`); pass `lagDays = 1` to be stricter (e.g. when the crypto side is a 00:00 UTC open).
 *
 * Values are carried forward over weekends and holidays and never backward: the value on crypto
 * day D depends only on equity days ≤ D − lagDays, so changing anything later cannot change it.
 * Everything is in whole UTC day numbers, so daylight-saving switches cannot shift a close onto
 * another day. A close older than `maxStaleDays` calendar days is not carried (NaN instead): a
 * market that stopped reporting must not look alive.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { assertSeries, type DailySeries } from '../../domain/series.ts';

export interface CalendarAlignmentOptions {
  /** Equity close of day D is usable from crypto day D + lagDays. Default 0 (see the convention above). */
  lagDays?: number;
  /**
   * Largest age, in calendar days, of a carried close. Default 7: covers a long weekend
   * (Fri → Tue = 4), New Year plus a national day of mourning (2006-12-29 → 2007-01-03 = 5) and the
   * 2001-09-11 closure (09-10 → 09-17 = 7), but not a dead feed.
   */
  maxStaleDays?: number;
}

/** An equity series on the crypto calendar, with where each value came from. */
export interface AlignedSeries extends DailySeries {
  /** Every UTC day from the first to the last requested day. */
  readonly days: Int32Array;
  /** The carried close, or NaN where there is none yet or it is older than maxStaleDays. */
  readonly values: Float64Array;
  /** The exchange day each value came from, or -1 where values[i] is NaN. */
  readonly sourceDays: Int32Array;
  /** Calendar days between the crypto day and its source day (0 on an exchange day), or -1. */
  readonly ageDays: Int32Array;
}

export const DEFAULT_EQUITY_LAG_DAYS = 0;
export const DEFAULT_EQUITY_MAX_STALE_DAYS = 7;
const NO_SOURCE = -1;

/** Every UTC day from `from` to `to` inclusive. */
export function cryptoCalendar(from: DayNumber, to: DayNumber): Int32Array {
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new InvalidInputError(`crypto calendar: days must be whole day numbers, got ${from}..${to}`);
  if (to < from) throw new InvalidInputError(`crypto calendar: ${isoDateOf(to)} is before ${isoDateOf(from)}`);
  const days = new Int32Array(to - from + 1);
  for (let i = 0; i < days.length; i++) days[i] = from + i;
  return days;
}

/**
 * Puts `equity` on the crypto days `from..to` (every UTC day). NaN closes in `equity` count as
 * missing: the previous finite close is carried instead.
 */
export function alignToCryptoCalendar(equity: DailySeries, from: DayNumber, to: DayNumber, options: CalendarAlignmentOptions = {}): AlignedSeries {
  assertSeries(equity);
  const lagDays = options.lagDays ?? DEFAULT_EQUITY_LAG_DAYS;
  const maxStaleDays = options.maxStaleDays ?? DEFAULT_EQUITY_MAX_STALE_DAYS;
  if (!Number.isInteger(lagDays) || lagDays < 0) throw new InvalidInputError(`calendar alignment of ${equity.name}: lagDays must be a whole number ≥ 0, got ${lagDays}`);
  if (!Number.isInteger(maxStaleDays) || maxStaleDays < 0) {
    throw new InvalidInputError(`calendar alignment of ${equity.name}: maxStaleDays must be a whole number ≥ 0, got ${maxStaleDays}`);
  }
  const days = cryptoCalendar(from, to);
  const values = new Float64Array(days.length).fill(Number.NaN);
  const sourceDays = new Int32Array(days.length).fill(NO_SOURCE);
  const ageDays = new Int32Array(days.length).fill(NO_SOURCE);

  // One forward sweep: `next` is the first equity index not yet usable; the last usable finite
  // close is remembered. Nothing at or after `next` is ever read for the current day.
  let next = 0;
  let lastDay = NO_SOURCE;
  let lastValue = Number.NaN;
  for (let i = 0; i < days.length; i++) {
    const usableUpTo = days[i]! - lagDays;
    while (next < equity.days.length && equity.days[next]! <= usableUpTo) {
      const value = equity.values[next]!;
      if (Number.isFinite(value)) {
        lastDay = equity.days[next]!;
        lastValue = value;
      }
      next++;
    }
    if (lastDay === NO_SOURCE) continue;
    const age = days[i]! - lastDay;
    if (age > maxStaleDays) continue;
    values[i] = lastValue;
    sourceDays[i] = lastDay;
    ageDays[i] = age;
  }
  return { name: equity.name, days, values, sourceDays, ageDays };
}
