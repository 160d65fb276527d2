/**
 * Names of the scalar series kept in the store's series_points table. The provider is the row's
 * `source`, so the same series from two providers sits side by side (and both can be shown).
 * Per-asset or per-market series carry a suffix after a colon, e.g. `funding_rate_8h:BTCUSDT`.
 */
export const SERIES = {
  /** Total crypto market cap, USD (CoinGecko /global snapshots, CMC weekly totals). */
  totalMarketCapUsd: 'total_market_cap_usd',
  /** BTC market cap / total market cap × 100. */
  btcDominancePct: 'btc_dominance_pct',
  ethDominancePct: 'eth_dominance_pct',
  /** Sum of the stablecoins' shares of total market cap × 100. */
  stablecoinDominancePct: 'stablecoin_dominance_pct',
  /** Funding rate per 8 hours as a fraction (0.0001 = 0.01 %); suffix: market, e.g. BTCUSDT. */
  fundingRate8h: 'funding_rate_8h',
  /** Aggregate funding rate in PERCENT per 8h across exchanges (btc_derivatives_daily_aggregate.csv). */
  fundingRatePctAllExchanges: 'funding_rate_pct_all_exchanges',
  /** Open interest in USD; suffix: market or asset. */
  openInterestUsd: 'open_interest_usd',
  longShortRatio: 'long_short_ratio',
  fearGreed: 'fear_greed',
  stablecoinSupplyUsd: 'stablecoin_supply_usd',
  /** FRED M2SL, billions of USD. */
  m2UsdBillions: 'm2_usd_billions',
  activeAddresses: 'active_addresses',
  transactionCount: 'transaction_count',
} as const;

/** `funding_rate_8h:BTCUSDT` */
export function seriesName(base: string, suffix?: string): string {
  return suffix ? `${base}:${suffix}` : base;
}
