/**
 * Which tickers are stablecoins and which are wrapped or staked claims on another coin, for the
 * dominance and TOTAL aggregates. Category rules (coin_categories.csv) decide; for wrapped and
 * staked tokens the ASI's built-in lists (WBTC, stETH, …) are added, so a store without a category
 * file still keeps WBTC out of TOTAL. Matching is by the ticker an asset used that day,
 * case-insensitively.
 */
import type { CategoryRuleRecord } from '../../domain/records.ts';
import { WELL_KNOWN_STAKED, WELL_KNOWN_WRAPPED } from '../season/index-exclusions.ts';

export const STABLECOIN_CATEGORY = 'stablecoin';
/** Categories whose tokens represent another coin (WBTC is BTC, stETH is staked ETH). */
export const WRAPPED_OR_STAKED_CATEGORIES: readonly string[] = ['wrapped', 'staked'];

export interface MarketCapClasses {
  /** Upper-case tickers. */
  stablecoins: ReadonlySet<string>;
  wrappedOrStaked: ReadonlySet<string>;
}

export function marketCapClassesOf(rules: readonly CategoryRuleRecord[]): MarketCapClasses {
  const stablecoins = new Set<string>();
  const wrappedOrStaked = new Set<string>([...WELL_KNOWN_WRAPPED, ...WELL_KNOWN_STAKED]);
  for (const rule of rules) {
    const symbol = rule.symbol.toUpperCase();
    if (rule.category === STABLECOIN_CATEGORY) stablecoins.add(symbol);
    if (WRAPPED_OR_STAKED_CATEGORIES.includes(rule.category)) wrappedOrStaked.add(symbol);
  }
  return { stablecoins, wrappedOrStaked };
}
