/**
 * Picks a date's constituents from a market-cap ranking: walk down the ranking, skip excluded assets
 * and any coin without an as-of price at BOTH ends of the window (it gives its place to the
 * next-ranked coin), stop at `top` constituents. The one implementation behind the index, its
 * range version and --explain, so they cannot disagree. It also counts why coins were passed over,
 * so a universe short of `top` says why (`--top 100` filling 77 places must not go unexplained).
 */
import { isoDateOf } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import type { AsOfLookup } from './as-of-lookup.ts';
import { BENCHMARK_REASON } from './index-exclusions.ts';
import type { MarketCapRanking } from './market-cap-ranker.ts';

/** Why ranked coins above the last constituent were passed over, and how the picked ones are priced. */
export interface UniverseCounts {
  /** Category rule, built-in list or --exclude (the benchmark itself is not counted). */
  excludedCount: number;
  /** No price at all by the window start: first seen after it (listed during the window). */
  noStartPriceCount: number;
  /** Seen before, but its last price at the window start or end is older than the staleness limit. */
  stalePriceCount: number;
  /** Places left empty because the ranking ran out: not enough ranked coins stored for `top`. */
  unfilledCount: number;
  /** Constituents whose start or end price comes from a weekly snapshot source. */
  weeklyDataCount: number;
}

/** Filled by walkUniverse; valid up to the count it returns. */
export interface UniverseBuffers {
  readonly asset: Int32Array;
  /** 1-based position in the market-cap ranking (BTC and stablecoins included, as on CoinMarketCap). */
  readonly rank: Int32Array;
  readonly startCell: Int32Array;
  readonly endCell: Int32Array;
  readonly counts: UniverseCounts;
}

export function makeUniverseBuffers(top: number): UniverseBuffers {
  return {
    asset: new Int32Array(top),
    rank: new Int32Array(top),
    startCell: new Int32Array(top),
    endCell: new Int32Array(top),
    counts: { excludedCount: 0, noStartPriceCount: 0, stalePriceCount: 0, unfilledCount: 0, weeklyDataCount: 0 },
  };
}

/**
 * Weekly snapshot sources (cmc_weekly_snapshot_top100, cmc_weekly_top10…) are recognised by
 * "weekly" in their id: the importer names them so, and they rank last in the default precedence,
 * so a coin that also has daily prices keeps its daily source on snapshot days.
 */
export function isWeeklySnapshotSource(sourceId: string): boolean {
  return /weekly/i.test(sourceId);
}

/** Per panel source index: 1 when it is a weekly snapshot source. */
export function weeklySourceFlags(panel: Panel): Uint8Array {
  return Uint8Array.from(panel.sources, (id) => (isWeeklySnapshotSource(id) ? 1 : 0));
}

export type SkipReason = string;

/** The walk for the window `end − window … end`; `ranking` may be of either end (options.rankAt). */
export function walkUniverse(
  panel: Panel,
  ranking: MarketCapRanking,
  lookup: AsOfLookup,
  end: number,
  window: number,
  top: number,
  exclusions: readonly (string | null)[],
  weeklySources: Uint8Array,
  out: UniverseBuffers,
  onSkip?: (assetIndex: number, rank: number, reason: SkipReason) => void,
): number {
  const start = end - window;
  // Counted in locals by arithmetic rather than in branches of their own: the index runs this once
  // per day from a cold start, and an optimised walk that meets a branch it never ran (the first
  // stale coin, the first weekly price) deoptimises and is compiled again.
  let excludedCount = 0;
  let noStartPriceCount = 0;
  let stalePriceCount = 0;
  let weeklyDataCount = 0;
  let size = 0;
  for (let k = 0; k < ranking.count && size < top; k++) {
    if (k >= ranking.ranked) ranking.ensureRanked(k + 1);
    const a = ranking.order[k]!;
    const excluded = exclusions[a];
    if (excluded != null) {
      excludedCount += excluded === BENCHMARK_REASON ? 0 : 1;
      if (onSkip) onSkip(a, k + 1, `excluded: ${excluded}`);
      continue;
    }
    const asset = panel.assets[a]!;
    const startCell = lookup.price(a, start);
    const endCell = startCell < 0 ? -1 : lookup.price(a, end);
    if (endCell < 0) {
      // No price at the start (listed during the window, or stale), or none at the end (stale).
      const listedLater = startCell < 0 && asset.firstDay > start ? 1 : 0;
      noStartPriceCount += listedLater;
      stalePriceCount += 1 - listedLater;
      if (onSkip) {
        onSkip(a, k + 1, startCell >= 0 ? `no price within ${lookup.stalenessDays} days of the window end` : listedLater ? `first seen ${isoDateOf(asset.firstDay)}, after the window start` : `no price within ${lookup.stalenessDays} days of the window start`);
      }
      continue;
    }
    out.asset[size] = a;
    out.rank[size] = k + 1;
    out.startCell[size] = startCell;
    out.endCell[size] = endCell;
    weeklyDataCount += weeklySources[asset.priceSource[startCell]!]! | weeklySources[asset.priceSource[endCell]!]!;
    size++;
  }
  const counts = out.counts;
  counts.excludedCount = excludedCount;
  counts.noStartPriceCount = noStartPriceCount;
  counts.stalePriceCount = stalePriceCount;
  counts.weeklyDataCount = weeklyDataCount;
  counts.unfilledCount = top - size;
  return size;
}
