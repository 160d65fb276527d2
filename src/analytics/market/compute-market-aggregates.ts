/**
 * Dominance and TOTAL aggregates from one day's per-asset market caps, the way TradingView defines
 * them, over an explicit universe:
 *   TOTAL  = sum of the universe's caps (TradingView: the top 125 coins)
 *   TOTAL2 = TOTAL − BTC;  TOTAL3 = TOTAL − BTC − ETH;  OTHERS = TOTAL − the 10 largest caps
 *   X.D    = cap of X / TOTAL × 100; stablecoin dominance = sum of stablecoin caps / TOTAL × 100
 * The universe is the `topN` largest caps of that day (all of them when topN is null); stablecoins
 * count towards TOTAL and towards the top 10, as on TradingView and CoinGecko (they are market cap).
 * Wrapped and staked tokens (WBTC, stETH: `isWrappedOrStaked`) are left out BEFORE the top N is
 * taken unless `includeWrapped`: they are claims on BTC and ETH, whose caps already count, so
 * including them counts the same coins twice (WBTC inflates TOTAL2, stETH inflates TOTAL3).
 */
import { InvalidInputError } from '../../domain/errors.ts';

export interface AssetCap {
  assetId: string;
  symbol: string;
  marketCap: number;
  isStablecoin: boolean;
  /** A wrapped or staked token (WBTC, stETH): a claim on a coin already counted. Missing = false. */
  isWrappedOrStaked?: boolean;
  /** Where the cap came from and for which day (as-of lookups may use an older day). */
  source?: string;
  day?: number;
}

export interface MarketAggregateOptions {
  /** Universe size; null = every asset given. Default 125 (TradingView's TOTAL). */
  topN?: number | null;
  btcAssetId?: string;
  ethAssetId?: string;
  /** OTHERS excludes this many of the largest caps. Default 10. */
  othersExcludeTop?: number;
  /** Count wrapped and staked tokens (double counting BTC and ETH). Default false. */
  includeWrapped?: boolean;
}

export interface MarketAggregates {
  /** Assets actually in the universe (fewer than topN when fewer were available). */
  assetCount: number;
  totalUsd: number;
  /** null when BTC (or ETH) is not in the universe that day: a figure without it would mislead. */
  btcMarketCapUsd: number | null;
  ethMarketCapUsd: number | null;
  stablecoinMarketCapUsd: number;
  total2Usd: number | null;
  total3Usd: number | null;
  /** null when the universe has no more than `othersExcludeTop` assets. */
  othersUsd: number | null;
  btcDominancePct: number | null;
  ethDominancePct: number | null;
  stablecoinDominancePct: number | null;
  /** Asset ids of the largest `othersExcludeTop` caps, largest first. */
  topAssetIds: string[];
}

export const DEFAULT_AGGREGATE_TOP_N = 125;
export const DEFAULT_OTHERS_EXCLUDE_TOP = 10;
export const BTC_ASSET_ID = 'bitcoin';
export const ETH_ASSET_ID = 'ethereum';

export function computeMarketAggregates(caps: readonly AssetCap[], options: MarketAggregateOptions = {}): MarketAggregates {
  const topN = options.topN === undefined ? DEFAULT_AGGREGATE_TOP_N : options.topN;
  const othersExcludeTop = options.othersExcludeTop ?? DEFAULT_OTHERS_EXCLUDE_TOP;
  const btcId = options.btcAssetId ?? BTC_ASSET_ID;
  const ethId = options.ethAssetId ?? ETH_ASSET_ID;
  if (topN !== null && (!Number.isInteger(topN) || topN < 1)) throw new InvalidInputError(`market aggregates: topN must be a whole number ≥ 1 or null, got ${topN}`);

  const seen = new Set<string>();
  for (const cap of caps) {
    if (seen.has(cap.assetId)) throw new InvalidInputError(`market aggregates: asset ${cap.assetId} appears twice; pick one source per asset and day first`);
    seen.add(cap.assetId);
    if (!(cap.marketCap > 0) || !Number.isFinite(cap.marketCap)) {
      throw new InvalidInputError(`market aggregates: ${cap.assetId} (${cap.symbol}) has market cap ${cap.marketCap}; only positive caps can be ranked`);
    }
  }
  const counted = options.includeWrapped === true ? caps : caps.filter((cap) => cap.isWrappedOrStaked !== true);
  const ranked = [...counted].sort((a, b) => b.marketCap - a.marketCap || a.assetId.localeCompare(b.assetId));
  const universe = topN === null ? ranked : ranked.slice(0, topN);

  let total = 0;
  let stable = 0;
  let btc: number | null = null;
  let eth: number | null = null;
  for (const cap of universe) {
    total += cap.marketCap;
    if (cap.isStablecoin) stable += cap.marketCap;
    if (cap.assetId === btcId) btc = cap.marketCap;
    if (cap.assetId === ethId) eth = cap.marketCap;
  }
  const top = universe.slice(0, othersExcludeTop);
  const topSum = top.reduce((sum, cap) => sum + cap.marketCap, 0);
  const share = (part: number | null) => (part === null || total === 0 ? null : (part / total) * 100);
  return {
    assetCount: universe.length,
    totalUsd: total,
    btcMarketCapUsd: btc,
    ethMarketCapUsd: eth,
    stablecoinMarketCapUsd: stable,
    total2Usd: btc === null ? null : total - btc,
    total3Usd: btc === null || eth === null ? null : total - btc - eth,
    othersUsd: universe.length > othersExcludeTop ? total - topSum : null,
    btcDominancePct: share(btc),
    ethDominancePct: share(eth),
    stablecoinDominancePct: universe.length === 0 ? null : share(stable),
    topAssetIds: top.map((cap) => cap.assetId),
  };
}
