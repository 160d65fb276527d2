/**
 * Which assets never count as altcoins in the index, and why. Category rules (coin_categories.csv:
 * stablecoin, wrapped, staked, commodity-backed) are the main source; the built-in list below
 * catches the well-known ones even when no category file was imported; the user adds more with
 * --exclude. Tickers are matched against EVERY ticker an asset used, case-insensitively.
 */
import type { Panel } from '../../domain/panel.ts';
import type { SeasonIndexOptions } from './season-index-options.ts';

/** Well-known fiat stablecoins (tickers). */
export const WELL_KNOWN_STABLECOINS: ReadonlySet<string> = new Set([
  'USDT', 'USDC', 'DAI', 'BUSD', 'TUSD', 'USDP', 'PAX', 'GUSD', 'HUSD', 'USDK', 'UST', 'USTC', 'FRAX', 'LUSD',
  'USDD', 'FDUSD', 'PYUSD', 'USDE', 'USDS', 'USD0', 'SUSD', 'USDJ', 'USDX', 'RSV', 'MIM', 'FEI', 'ALUSD', 'CUSD',
  'EURS', 'EURT', 'EURC', 'XSGD', 'BIDR', 'IDRT', 'DOLA', 'CRVUSD', 'GHO', 'USDB', 'USDG', 'RLUSD', 'USD1', 'BSC-USD',
]);

/** Well-known wrapped tokens: claims on another chain's coin (WBTC is BTC), so they double count it. */
export const WELL_KNOWN_WRAPPED: ReadonlySet<string> = new Set([
  'WBTC', 'WETH', 'WBNB', 'RENBTC', 'HBTC', 'BTCB', 'TBTC', 'CBBTC', 'WBETH', 'WEETH', 'SOLVBTC', 'LBTC', 'WTRX', 'WAVAX', 'WMATIC',
]);

/** Well-known staked / liquid-staking tokens: claims on staked ETH, SOL…, so they double count it. */
export const WELL_KNOWN_STAKED: ReadonlySet<string> = new Set([
  'STETH', 'WSTETH', 'RETH', 'CBETH', 'BETH', 'FRXETH', 'SFRXETH', 'METH', 'EZETH', 'RSETH', 'JITOSOL', 'MSOL', 'STSOL', 'BNSOL', 'JUPSOL', 'LSETH', 'OSETH',
]);

/** Well-known commodity-backed tokens (gold). */
export const WELL_KNOWN_COMMODITY_BACKED: ReadonlySet<string> = new Set(['PAXG', 'XAUT', 'DGX', 'KAU', 'KAG']);

/** Well-known stablecoins, wrapped, staked and commodity-backed tokens (tickers). */
export const WELL_KNOWN_INDEX_EXCLUSIONS: ReadonlySet<string> = new Set([
  ...WELL_KNOWN_STABLECOINS,
  ...WELL_KNOWN_WRAPPED,
  ...WELL_KNOWN_STAKED,
  ...WELL_KNOWN_COMMODITY_BACKED,
]);

/** The reason given for the benchmark itself (it is never a candidate, so the counts leave it out). */
export const BENCHMARK_REASON = 'benchmark';

/**
 * For each panel asset (same order), why it is left out of the index, or null when it may count.
 * The benchmark (BTC) is left out too: the index compares altcoins WITH it.
 */
export function indexExclusionReasons(panel: Panel, options: Pick<SeasonIndexOptions, 'excludeSymbols' | 'benchmarkAssetId'>): (string | null)[] {
  const userExcluded = new Set(options.excludeSymbols.map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0));
  return panel.assets.map((asset) => {
    if (asset.id === options.benchmarkAssetId) return BENCHMARK_REASON;
    if (asset.excludedFromIndex) return `category (${asset.categories.join(', ') || 'excluded'})`;
    for (const ticker of asset.symbols) {
      const upper = ticker.toUpperCase();
      if (userExcluded.has(upper)) return `--exclude ${upper}`;
      if (WELL_KNOWN_INDEX_EXCLUSIONS.has(upper)) return `built-in list (${upper})`;
    }
    return null;
  });
}
