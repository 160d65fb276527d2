/**
 * Picks a date's constituents from a market-cap ranking: walk down the ranking, skip excluded assets
 * and any coin without an as-of price at BOTH ends of the window (it gives its place to the
 * next-ranked coin), stop at `top` constituents. The one implementation behind the index, its
 * range version and --explain, so they cannot disagree. It also counts why coins were passed over,
 * so a universe short of `top` says why (`--top 100` filling 77 places must not go unexplained).
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { asOfCellIn, type AsOfLookup } from './as-of-lookup.ts';
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
  /** Each constituent's return from its start to its end price. */
  readonly windowReturn: Float64Array;
  /**
   * BTC's return over the same days as the constituent's own start and end prices: a coin known
   * only from weekly snapshots has its "90-day" return measured Monday to Monday, ending up to the
   * staleness limit before the date, and comparing it with BTC's exact window return would mix two
   * periods (and make the index jump on snapshot days). BTC's window return when BTC has no price
   * on those days; NaN when it has none at all.
   */
  readonly benchmarkReturn: Float64Array;
  /** Each constituent's as-of market cap at the window start (its weight), NaN when unknown. */
  readonly startCap: Float64Array;
  /** BTC's return over exactly the window (its as-of prices at both ends), NaN when it has none. */
  btcReturn: number;
  readonly counts: UniverseCounts;
}

export function makeUniverseBuffers(top: number): UniverseBuffers {
  return {
    asset: new Int32Array(top),
    rank: new Int32Array(top),
    startCell: new Int32Array(top),
    endCell: new Int32Array(top),
    windowReturn: new Float64Array(top),
    benchmarkReturn: new Float64Array(top),
    startCap: new Float64Array(top),
    btcReturn: Number.NaN,
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

const EMPTY = new Float64Array(0);

/** What a walk reads per asset, gathered once per panel (typed arrays, not asset objects, in the loop). */
export interface UniverseInputs {
  /** Its columns and first days are what the walk reads. */
  readonly lookup: AsOfLookup;
  readonly priceSources: readonly Uint16Array[];
  /** Per asset: why it is excluded (indexExclusionReasons), null when it is not. */
  readonly exclusions: readonly (string | null)[];
  /** Per asset: 0 = walked, 1 = excluded (counted), 2 = the benchmark (skipped, not counted). */
  readonly excluded: Uint8Array;
  /** Per panel source: 1 when it is a weekly snapshot source (weeklySourceFlags). */
  readonly weeklySources: Uint8Array;
  /** The benchmark's asset index (the asset excluded as BENCHMARK_REASON), -1 when the panel lacks it. */
  readonly benchmark: number;
}

export function universeInputs(panel: Panel, lookup: AsOfLookup, exclusions: readonly (string | null)[]): UniverseInputs {
  return {
    lookup,
    priceSources: panel.assets.map((a) => a.priceSource),
    exclusions,
    excluded: Uint8Array.from(exclusions, (reason) => (reason === null ? 0 : reason === BENCHMARK_REASON ? 2 : 1)),
    weeklySources: weeklySourceFlags(panel),
    benchmark: exclusions.indexOf(BENCHMARK_REASON),
  };
}

/** Ranks a day: the live ranker or stored rankings (both return the ranking of the last day asked). */
export interface DayRanker {
  rank(day: number): MarketCapRanking;
}

/** The walk for the window `end − window … end` of one day; `ranking` may be of either end (options.rankAt). */
export function walkUniverse(
  inputs: UniverseInputs,
  ranking: MarketCapRanking,
  end: number,
  window: number,
  top: number,
  out: UniverseBuffers,
  onSkip?: (assetIndex: number, rank: number, reason: SkipReason) => void,
): number {
  let size = 0;
  walkUniverseDays(inputs, { rank: () => ranking }, 0, end, end, window, top, out, (_, walked) => (size = walked), onSkip);
  return size;
}

/**
 * Walks every day `end` of `from … to` for one window, ranked by `ranker` at `end − rankOffset`
 * (0: the window's end; the window: its start), filling `out` — the constituents, their returns
 * against BTC's over the same days and their start caps — and calling `visit(end, size)` after
 * each day's walk (`out` is valid until the next). The whole range runs in this one loop rather
 * than a call per day: a cold process's index spends most of its time before the JIT has
 * optimised the walk, and one hot loop is optimised (on-stack) far sooner than a function called
 * 4,500 times.
 */
export function walkUniverseDays(
  inputs: UniverseInputs,
  ranker: DayRanker,
  rankOffset: number,
  from: number,
  to: number,
  window: number,
  top: number,
  out: UniverseBuffers,
  visit: (end: number, size: number) => void,
  onSkip?: (assetIndex: number, rank: number, reason: SkipReason) => void,
): void {
  const { lookup, priceSources, excluded, weeklySources, benchmark } = inputs;
  const { prices, caps, firstDays, stalenessDays } = lookup;
  const btcPrice = benchmark < 0 ? EMPTY : prices[benchmark]!;
  const btcFirstDay = benchmark < 0 ? 0 : firstDays[benchmark]!;
  const counts = out.counts;
  for (let end = from; end <= to; end++) {
    const start = end - window;
    const btcStart = asOfCellIn(btcPrice, start - btcFirstDay, stalenessDays);
    const btcEnd = asOfCellIn(btcPrice, end - btcFirstDay, stalenessDays);
    const btcReturn = btcStart < 0 || btcEnd < 0 ? Number.NaN : btcPrice[btcEnd]! / btcPrice[btcStart]! - 1;
    out.btcReturn = btcReturn;
    const ranking = ranker.rank(end - rankOffset);
    const order = ranking.order; // ensureRanked sorts more of the same array
    const count = ranking.count;
    let ranked = ranking.ranked;
    // Counted in locals by arithmetic rather than in branches of their own: an optimised walk
    // that meets a branch it never ran (the first stale coin, the first weekly price)
    // deoptimises and is compiled again.
    let excludedCount = 0;
    let noStartPriceCount = 0;
    let stalePriceCount = 0;
    let weeklyDataCount = 0;
    let size = 0;
    for (let k = 0; k < count && size < top; k++) {
      if (k >= ranked) {
        ranking.ensureRanked(k + 1);
        ranked = ranking.ranked;
      }
      const a = order[k]!;
      const exclusion = excluded[a]!;
      if (exclusion !== 0) {
        excludedCount += exclusion & 1;
        if (onSkip) onSkip(a, k + 1, `excluded: ${inputs.exclusions[a]}`);
        continue;
      }
      // The as-of lookups (AsOfLookup.price) as calls of the plain function.
      const price = prices[a]!;
      const firstDay = firstDays[a]!;
      const startCell = asOfCellIn(price, start - firstDay, stalenessDays);
      const endCell = startCell < 0 ? -1 : asOfCellIn(price, end - firstDay, stalenessDays);
      if (endCell < 0) {
        // No price at the start (listed during the window, or stale), or none at the end (stale).
        const listedLater = startCell < 0 && firstDay > start ? 1 : 0;
        noStartPriceCount += listedLater;
        stalePriceCount += 1 - listedLater;
        if (onSkip) {
          onSkip(a, k + 1, startCell >= 0 ? `no price within ${stalenessDays} days of the window end` : listedLater ? `first seen ${isoDateOf(firstDay as DayNumber)}, after the window start` : `no price within ${stalenessDays} days of the window start`);
        }
        continue;
      }
      out.asset[size] = a;
      out.rank[size] = k + 1;
      out.startCell[size] = startCell;
      out.endCell[size] = endCell;
      out.windowReturn[size] = price[endCell]! / price[startCell]! - 1;
      // A coin priced on both window days (most are) is matched with BTC over the window itself.
      let matched = btcReturn;
      if (firstDay + startCell !== start || firstDay + endCell !== end) {
        const btcFrom = asOfCellIn(btcPrice, firstDay + startCell - btcFirstDay, stalenessDays);
        const btcTo = asOfCellIn(btcPrice, firstDay + endCell - btcFirstDay, stalenessDays);
        if (btcFrom >= 0 && btcTo >= 0) matched = btcPrice[btcTo]! / btcPrice[btcFrom]! - 1;
      }
      out.benchmarkReturn[size] = matched;
      const cap = caps[a]!;
      const capCell = asOfCellIn(cap, start - firstDay, stalenessDays);
      out.startCap[size] = capCell < 0 ? Number.NaN : cap[capCell]!;
      const sources = priceSources[a]!;
      weeklyDataCount += weeklySources[sources[startCell]!]! | weeklySources[sources[endCell]!]!;
      size++;
    }
    counts.excludedCount = excludedCount;
    counts.noStartPriceCount = noStartPriceCount;
    counts.stalePriceCount = stalePriceCount;
    counts.weeklyDataCount = weeklyDataCount;
    counts.unfilledCount = top - size;
    visit(end, size);
  }
}
