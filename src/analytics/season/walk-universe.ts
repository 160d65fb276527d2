/**
 * Picks a date's constituents from a market-cap ranking: walk down the ranking, skip excluded assets
 * and any coin without an as-of price at BOTH ends of the window (it gives its place to the
 * next-ranked coin), stop at `top` constituents. The one implementation behind the index, its
 * range version and --explain, so they cannot disagree.
 */
import { isoDateOf } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import type { AsOfLookup } from './as-of-lookup.ts';
import type { MarketCapRanking } from './market-cap-ranker.ts';

/** Filled by walkUniverse; valid up to the count it returns. */
export interface UniverseBuffers {
  readonly asset: Int32Array;
  /** 1-based position in the market-cap ranking (BTC and stablecoins included, as on CoinMarketCap). */
  readonly rank: Int32Array;
  readonly startCell: Int32Array;
  readonly endCell: Int32Array;
}

export function makeUniverseBuffers(top: number): UniverseBuffers {
  return { asset: new Int32Array(top), rank: new Int32Array(top), startCell: new Int32Array(top), endCell: new Int32Array(top) };
}

export type SkipReason = string;

export function walkUniverse(
  panel: Panel,
  ranking: MarketCapRanking,
  lookup: AsOfLookup,
  window: number,
  top: number,
  exclusions: readonly (string | null)[],
  out: UniverseBuffers,
  onSkip?: (assetIndex: number, rank: number, reason: SkipReason) => void,
): number {
  const end = ranking.day;
  const start = end - window;
  let size = 0;
  for (let k = 0; k < ranking.count && size < top; k++) {
    const a = ranking.order[k]!;
    const excluded = exclusions[a];
    if (excluded != null) {
      onSkip?.(a, k + 1, `excluded: ${excluded}`);
      continue;
    }
    const asset = panel.assets[a]!;
    const startCell = lookup.price(a, start);
    if (startCell < 0) {
      onSkip?.(
        a,
        k + 1,
        asset.firstDay > start ? `first seen ${isoDateOf(asset.firstDay)}, after the window start` : `no price within ${lookup.stalenessDays} days of the window start`,
      );
      continue;
    }
    const endCell = lookup.price(a, end);
    if (endCell < 0) {
      onSkip?.(a, k + 1, `no price within ${lookup.stalenessDays} days of the window end`);
      continue;
    }
    out.asset[size] = a;
    out.rank[size] = k + 1;
    out.startCell[size] = startCell;
    out.endCell[size] = endCell;
    size++;
  }
  return size;
}
