/**
 * Names of the stored series behind the confirmation signals (docs/signals.md), beside the core
 * ones in series-names.ts. Suffix after a colon: the asset (BTC, ETH) or market (BTCUSDT).
 *
 * Revised series (exchange flows) are stored as VINTAGES: each fetch writes the values it saw under
 * `<series>@<fetch day>` (e.g. `exchange_inflow_native:BTC@2026-12-02`), so a read as of t can use
 * only values first seen at or before t (analytics/signals/point-in-time.ts). The store's schema is
 * unchanged: vintages are ordinary series whose name carries the day they were seen.
 */
import { isoDateOf, tryParseDay, type DayNumber } from './dates.ts';

export const SIGNAL_SERIES = {
  /** Coin Metrics FlowInExNtv: coins sent to exchanges per day (native units). Revised: vintages. */
  exchangeInflowNative: 'exchange_inflow_native',
  /** Coin Metrics FlowOutExNtv: coins withdrawn from exchanges per day (native units). Revised: vintages. */
  exchangeOutflowNative: 'exchange_outflow_native',
  /** Deribit 25-delta risk reversal at a constant 30-day maturity, volatility points (IV25c − IV25p). */
  riskReversal25: 'risk_reversal_25d_30d',
  /** Deribit 25-delta butterfly at 30 days, volatility points (½(IV25c + IV25p) − ATM). */
  butterfly25: 'butterfly_25d_30d',
  /** Deribit ATM implied volatility at 30 days, percent. */
  atmIv30: 'atm_iv_30d',
  /** Deribit DVOL index (30-day implied volatility), daily close, percent. */
  dvol: 'dvol',
  /**
   * Deribit option chain snapshots, stored raw (one point per option per sync day, at 00:00 UTC of
   * the day) so the skew can be recomputed by any method: the mark IV (percent) of each live option
   * (suffix: the instrument, `BTC-27JUN25-100000-C`), each expiry's forward (underlying_price) and
   * expiry time in ms (suffix `BTC-27JUN25`), and the snapshot's time in ms (suffix: currency).
   */
  optionMarkIv: 'option_mark_iv',
  optionForward: 'option_forward',
  optionExpiryMs: 'option_expiry_ms',
  optionSnapshotMs: 'option_snapshot_ms',
  /** DefiLlama total value locked of a chain (suffix: chain, or none for all chains), USD. */
  chainTvlUsd: 'chain_tvl_usd',
  /** DefiLlama DEX volume per day (suffix: chain, or none for all), USD. */
  dexVolumeUsd: 'dex_volume_usd',
} as const;

const VINTAGE = /^(.*)@(\d{4}-\d{2}-\d{2})$/;

/** `exchange_inflow_native:BTC@2026-12-02`: the values of `series` as fetched on `seenDay`. */
export function vintageSeriesName(series: string, seenDay: DayNumber): string {
  return `${series}@${isoDateOf(seenDay)}`;
}

/** The base series and seen day of a vintage name, or null for a plain series name. */
export function parseVintageSeriesName(name: string): { series: string; seenDay: DayNumber } | null {
  const match = VINTAGE.exec(name);
  if (!match) return null;
  const seenDay = tryParseDay(match[2]!);
  return seenDay === null ? null : { series: match[1]!, seenDay };
}

/** Bybit open interest in coins (its own unit), per market: `open_interest_coins:BTCUSDT`. */
export const OPEN_INTEREST_COINS = 'open_interest_coins';

const OPTION_INSTRUMENT = /^([A-Z]+)-(\d{1,2}[A-Z]{3}\d{2})-(\d+(?:d\d+)?)-([CP])$/;

/** A Deribit option name `BTC-27JUN25-100000-C` → its parts (the strike may carry a `d` for a decimal point), or null. */
export function parseOptionName(name: string): { currency: string; expiryCode: string; strike: number; type: 'call' | 'put' } | null {
  const match = OPTION_INSTRUMENT.exec(name);
  if (!match) return null;
  return { currency: match[1]!, expiryCode: match[2]!, strike: Number(match[3]!.replace('d', '.')), type: match[4] === 'C' ? 'call' : 'put' };
}
