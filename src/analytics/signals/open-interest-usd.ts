/**
 * Open interest counted in coins (Bybit's linear perpetuals: one contract = one coin) in USD,
 * point in time: the open interest stamped at 00:00 UTC of day d × the stored close of day d − 1,
 * which is the price at that same moment (a stored day's close is its 24:00 UTC price). Binance's
 * sumOpenInterestValue and the Bybit-kline fallback value open interest at that moment too, so the
 * three venues' USD series measure the same thing. A day whose previous close is not stored is
 * left out, never priced from another day.
 */
import { valueOn, type DailyValues } from './daily-values.ts';

export interface DayValue {
  day: number;
  value: number;
}

export function openInterestCoinsToUsd(coins: readonly DayValue[], close: DailyValues): DayValue[] {
  const out: DayValue[] = [];
  for (const { day, value } of coins) {
    const price = valueOn(close, day - 1);
    if (Number.isFinite(price) && Number.isFinite(value)) out.push({ day, value: value * price });
  }
  return out;
}
