/**
 * A market-structure figure over time, always with its definition attached: which metric, over
 * which universe, from which provider. Two definitions of the same metric (BTC.D of the stored
 * top 125 vs BTC.D from CoinGecko /global) are two MarketStructureSeries side by side.
 */
import type { DailySeries } from '../../domain/series.ts';

export const MARKET_METRICS = [
  'btc_dominance_pct',
  'eth_dominance_pct',
  'stablecoin_dominance_pct',
  'total_usd',
  'total2_usd',
  'total3_usd',
  'others_usd',
  'btc_market_cap_usd',
  'eth_market_cap_usd',
  'asset_count',
] as const;
export type MarketMetric = (typeof MARKET_METRICS)[number];

export const METRIC_LABELS: Record<MarketMetric, string> = {
  btc_dominance_pct: 'BTC.D',
  eth_dominance_pct: 'ETH.D',
  stablecoin_dominance_pct: 'stablecoin.D',
  total_usd: 'TOTAL',
  total2_usd: 'TOTAL2 (ex BTC)',
  total3_usd: 'TOTAL3 (ex BTC, ETH)',
  others_usd: 'OTHERS (ex top 10)',
  btc_market_cap_usd: 'BTC market cap',
  eth_market_cap_usd: 'ETH market cap',
  asset_count: 'assets in universe',
};

export interface MarketStructureSeries {
  metric: MarketMetric;
  /** e.g. 'top 125 stored assets', 'all coins (CoinGecko /global)'. */
  universe: string;
  /** Provider or store sources behind the figure. */
  source: string;
  /** Every UTC day of the range; NaN where this definition has no value. */
  series: DailySeries;
}
