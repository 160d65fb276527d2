/**
 * What the signals are computed from: named daily input series (prices, volumes, funding, …) and
 * vintaged ones (revised series, point-in-time), each with its provenance. The use case loads
 * them from the store; the analytics never do I/O.
 */
import type { DailyValues } from './daily-values.ts';
import type { Vintage } from './point-in-time.ts';

export interface DailyInput {
  values: DailyValues;
  /** Where the values come from, e.g. `binance funding_rate_8h:BTCUSDT`. */
  source: string;
  /** Per-day provenance where a fallback chain mixes sources (the source used on that day). */
  sourceOn?: (day: number) => string | null;
}

export interface VintagedInput {
  vintages: readonly Vintage[];
  source: string;
}

export interface SignalInputs {
  daily: Readonly<Record<string, DailyInput | undefined>>;
  vintaged: Readonly<Record<string, VintagedInput | undefined>>;
}

/** Input names (suffix: asset). */
export const INPUT = {
  price: (asset: string) => `price:${asset}`,
  volume: (asset: string) => `volume:${asset}`,
  /** Daily mean funding, fraction per 8 h. */
  funding: (asset: string) => `funding:${asset}`,
  openInterestUsd: (asset: string) => `open_interest_usd:${asset}`,
  longShort: (asset: string) => `long_short:${asset}`,
  activeAddresses: (asset: string) => `active_addresses:${asset}`,
  txCount: (asset: string) => `tx_count:${asset}`,
  exchangeInflow: (asset: string) => `exchange_inflow:${asset}`,
  exchangeOutflow: (asset: string) => `exchange_outflow:${asset}`,
  riskReversal: (asset: string) => `rr25:${asset}`,
  /** 25-delta butterfly at 30 days, vol points (same chains as the risk reversal). */
  butterfly: (asset: string) => `bf25:${asset}`,
  /** ATM implied volatility at 30 days, percent (same chains). */
  atmIv: (asset: string) => `atm_iv:${asset}`,
  dvol: (asset: string) => `dvol:${asset}`,
  fearGreed: 'fear_greed',
  /** DefiLlama total value locked, all chains, USD. */
  defiTvl: 'defi_tvl',
  /** DefiLlama DEX volume per day, all chains, USD. */
  dexVolume: 'dex_volume',
} as const;

/** The alt basket: every asset but BTC, ETH and those left out of the index (stablecoins, wrapped, staked). */
export const ALTS = 'ALTS';
/** BTC + ETH + the alt basket. */
export const TOTAL = 'TOTAL';
