/**
 * The bounds every imported value must lie within (docs/data.md, "Reliability"). They are wide —
 * the shared data sit far inside them — and exist so that a typo or a corrupt export (a market
 * cap of 1e308, a 64 MB name, a row dated 2205) is refused with its file and line instead of
 * turning into "BTC dominance 0.0 %" or a "latest day" centuries away.
 */
import { addDays, type DayNumber, parseDay, today } from '../../domain/dates.ts';

/** Bitcoin's genesis block: no crypto market data can be older. */
export const CRYPTO_EARLIEST_DAY = parseDay('2009-01-03');
/** Equity and macro series: the shared S&P 500 history starts in 1927. */
export const EQUITY_EARLIEST_DAY = parseDay('1900-01-01');

/** The newest accepted day: tomorrow in UTC (a data day can be a few hours ahead of a user's clock). */
export function latestAcceptedDay(now: number = Date.now()): DayNumber {
  return addDays(today(now), 1);
}

export interface ValueLimit {
  /** Smallest allowed magnitude of a non-zero value (prices: a coin at 1e-20 USD is a unit error). */
  minPositive?: number;
  /** Largest allowed absolute value. */
  max: number;
  unit: string;
}

const PRICE: ValueLimit = { minPositive: 1e-18, max: 1e8, unit: 'USD' };
const MONEY: ValueLimit = { max: 1e14, unit: 'USD' };
const VOLUME: ValueLimit = { max: 1e14, unit: 'USD or shares' };

/**
 * By column name (the same name means the same quantity in every format). Largest values in the
 * shared data: price 1.57e6 (a thinly traded token), cap 2.4e12 (BTC), volume 9.3e11, open
 * interest 2.8e10, |funding| 0.00375 per 8h (fraction) and 0.26 (percent).
 */
export const VALUE_LIMITS: Readonly<Record<string, ValueLimit>> = {
  price_usd: PRICE,
  open: PRICE,
  high: PRICE,
  low: PRICE,
  close: PRICE,
  open_adj: PRICE,
  high_adj: PRICE,
  low_adj: PRICE,
  close_adj: PRICE,
  binance_mark_price: PRICE,
  market_cap_usd: MONEY,
  total_market_cap_usd: MONEY,
  btc_market_cap_usd: MONEY,
  total_ex_btc_usd_derived: MONEY,
  btc_open_interest_usd_all_exchanges: { max: 1e13, unit: 'USD' },
  volume_usd: VOLUME,
  volume: VOLUME,
  rank: { max: 1_000_000, unit: '' },
  binance_btcusdt_rate: { max: 1, unit: '(fraction per 8h)' },
  bybit_btcusdt_rate: { max: 1, unit: '(fraction per 8h)' },
  okx_btc_usdt_swap_rate: { max: 1, unit: '(fraction per 8h)' },
  btc_funding_rate_all_exchanges: { max: 100, unit: '% per 8h' },
};

/** Any other numeric column. */
export const DEFAULT_VALUE_LIMIT: ValueLimit = { max: 1e15, unit: '' };

/** Longest text per column; the longest in the shared data: symbol 32, name 37, slug 32, source 28. */
export const TEXT_LIMITS: Readonly<Record<string, number>> = {
  symbol: 40,
  source: 64,
  slug: 100,
  id: 100,
  category: 64,
  name: 200,
};
export const DEFAULT_TEXT_LIMIT = 200;

/** At most this many characters of a bad value are quoted in a message. */
export const QUOTED_VALUE_CHARS = 80;

/** A value as quoted in messages: JSON, cut at QUOTED_VALUE_CHARS with its full length stated. */
export function quoteValue(value: string): string {
  if (value.length <= QUOTED_VALUE_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTED_VALUE_CHARS))}… (${value.length.toLocaleString('en-US')} characters)`;
}
