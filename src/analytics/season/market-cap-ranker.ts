/**
 * Ranks every asset by its as-of market cap at a date (point in time: only caps at or before that
 * date, at most `stalenessDays` old). Rank 1 is the largest; BTC and stablecoins are ranked too, as
 * on CoinMarketCap, and left out later.
 *
 * Built for ranking every day of a range in turn (the index ranks once per date and shares the
 * ranking between windows): it keeps the set of assets alive around the date, so a day costs the
 * ~100 live assets rather than all 1,800 of the panel, and it starts from the previous day's
 * order, which is nearly sorted (caps move little in a day), so an insertion sort finishes in about
 * linear time. Any order of dates gives the same rankings; ascending dates are just fastest.
 *
 * Only the head of the ranking is needed (the index walks down it until it has its top N), and the
 * tail of ~1,300 small caps reorders a lot every day, so only the leading `exactRanks` places are
 * put in order; a reader wanting more asks `ensureRanked(n)` (a longer head, that day only). The
 * head is exact: the candidates are the previous day's head, kept sorted, plus any other asset
 * whose cap beats the head's last place, see rankHead().
 */
import type { Panel } from '../../domain/panel.ts';

export interface MarketCapRanking {
  readonly day: number;
  /** Asset indices, largest as-of market cap first; valid up to `ranked` (of `count` ranked assets). */
  readonly order: Int32Array;
  /** How many assets have an as-of cap at `day` (the ranking's full length). */
  readonly count: number;
  /** How many leading places of `order` are in rank order; ensureRanked() makes more of them so. */
  readonly ranked: number;
  /** Puts at least the first `n` places (at most `count`) in rank order. */
  ensureRanked(n: number): void;
}

/** How many leading places are ranked exactly by default: the index's top 50 plus what it skips. */
export const DEFAULT_EXACT_RANKS = 128;
/** Extra candidates carried in the head from day to day, so a few leaving it needs no refill. */
const HEAD_MARGIN = 32;

export class MarketCapRanker implements MarketCapRanking {
  readonly order: Int32Array;
  /** Per asset index: its as-of cap; meaningful only for the ranked assets. */
  readonly cap: Float64Array;
  private readonly hasCap: Uint8Array;
  private readonly inOrder: Uint8Array;
  private readonly lastDays: Int32Array;
  private readonly firstDays: Int32Array;
  /** Per asset index: its market-cap column (saves a property chain per asset per day). */
  private readonly capColumns: Float64Array[];
  /**
   * Per asset index: the as-of pointer, the latest cell with a cap at or before `pointerDay`'s
   * cell, or -1 when none is within the staleness limit; moved one cell a day when days are
   * consecutive, else found again by looking back at most staleness + 1 cells.
   */
  private readonly capCell: Int32Array;
  private readonly pointerDay: Int32Array;
  /** Asset indices by first day, and how many of them have started. */
  private readonly byFirstDay: Int32Array;
  private started = 0;
  /** Assets started and not yet ended (plus staleness), in no particular order. */
  private readonly active: Int32Array;
  private activeCount = 0;
  private previousCount = 0;
  private previousDay = Number.NEGATIVE_INFINITY;
  private readonly exactRanks: number;
  day = Number.NaN;
  count = 0;
  ranked = 0;

  constructor(
    private readonly panel: Panel,
    private readonly stalenessDays: number,
    exactRanks: number = DEFAULT_EXACT_RANKS,
  ) {
    const n = panel.assets.length;
    this.exactRanks = Math.max(1, exactRanks);
    this.capCell = new Int32Array(n).fill(-1);
    this.pointerDay = new Int32Array(n).fill(-2147483648);
    this.order = new Int32Array(n);
    this.cap = new Float64Array(n).fill(NaN);
    this.hasCap = new Uint8Array(n);
    this.inOrder = new Uint8Array(n);
    this.active = new Int32Array(n);
    this.firstDays = Int32Array.from(panel.assets, (a) => a.firstDay);
    this.lastDays = Int32Array.from(panel.assets, (a) => a.firstDay + a.price.length - 1);
    this.capColumns = panel.assets.map((a) => a.marketCap);
    this.byFirstDay = Int32Array.from(panel.assets.keys()).sort((x, y) => this.firstDays[x]! - this.firstDays[y]! || x - y);
  }

  /**
   * Ranks at `day`: the leading `ranked` places exactly (at least `exactRanks` of them, or all).
   * The returned ranking is this ranker, overwritten by the next call.
   */
  rank(day: number): MarketCapRanking {
    const { order, cap, hasCap, inOrder, active, firstDays, lastDays, byFirstDay, stalenessDays, capColumns, capCell, pointerDay } = this;
    if (day < this.previousDay) this.restart();
    this.previousDay = day;
    while (this.started < byFirstDay.length && firstDays[byFirstDay[this.started]!]! <= day) {
      active[this.activeCount++] = byFirstDay[this.started++]!;
    }
    let live = 0;
    for (let k = 0; k < this.activeCount; k++) {
      const a = active[k]!;
      if (day - stalenessDays > lastDays[a]!) {
        hasCap[a] = 0; // ended for good (dates only move forward until a restart)
        continue;
      }
      active[live++] = a;
      // The as-of cap, as AsOfLookup#marketCap finds it, from the pointer: no per-asset index of
      // latest cells (2.5 MB built over the whole history), one cell read a day.
      const column = capColumns[a]!;
      const target = day - firstDays[a]!;
      let cell: number;
      if (pointerDay[a] === day - 1) {
        cell = capCell[a]!;
        if (target < column.length && column[target] === column[target]) cell = target;
      } else {
        cell = -1;
        for (let i = Math.min(target, column.length - 1); i >= 0 && i >= target - stalenessDays; i--) {
          // x === x is false only for NaN (missing).
          if (column[i] === column[i]) {
            cell = i;
            break;
          }
        }
      }
      capCell[a] = cell;
      pointerDay[a] = day;
      if (cell >= 0 && target - cell <= stalenessDays) {
        hasCap[a] = 1;
        cap[a] = column[cell]!;
      } else hasCap[a] = 0;
    }
    this.activeCount = live;

    // Keep the previous order of the assets still ranked, then append the newcomers.
    let count = 0;
    for (let k = 0; k < this.previousCount; k++) {
      const a = order[k]!;
      if (hasCap[a] === 1) order[count++] = a;
      else inOrder[a] = 0;
    }
    const kept = count;
    for (let k = 0; k < live; k++) {
      const a = active[k]!;
      if (hasCap[a] === 1 && inOrder[a] === 0) {
        inOrder[a] = 1;
        order[count++] = a;
      }
    }
    this.previousCount = count;
    this.count = count;
    this.day = day;

    // The candidates: the leading places of the previous day's order, sorted then (what left the
    // ranking since is gone from it, the places after move up): nearly sorted.
    this.rankHead(this.exactRanks, 0, count - kept <= 64);
    return this;
  }

  ensureRanked(n: number): void {
    n = Math.min(n, this.count);
    if (n <= this.ranked) return;
    // A reader walks further down than the head (a day when many coins lack prices, or a large
    // --top): extend the head for this day only, doubling, so the next day starts small again.
    let exact = Math.max(1, this.ranked);
    while (exact < n) exact = Math.min(this.count, 2 * exact);
    this.rankHead(exact, this.ranked, false);
  }

  /**
   * Puts the first `exact` places in rank order, order[0..sortedPrefix) being in it already.
   * The candidates are the first `exact` + margin places; the true top `exact` are the top of
   * (candidates ∪ every other asset beating the candidates' place `exact`), since an asset below
   * that place is beaten by `exact` candidates. Few cross in a day, so the rest is one scan.
   */
  private rankHead(exact: number, sortedPrefix: number, nearlySorted: boolean): void {
    const { order, count, cap } = this;
    let candidates = exact + HEAD_MARGIN;
    if (candidates >= count) {
      this.sortRange(sortedPrefix, count, nearlySorted);
      this.ranked = count;
      return;
    }
    this.sortRange(sortedPrefix, candidates, nearlySorted);
    const threshold = order[exact - 1]!;
    const t = cap[threshold]!;
    const sortedCandidates = candidates;
    for (let k = candidates; k < count; k++) {
      const a = order[k]!;
      const c = cap[a]!;
      if (c > t || (c === t && a < threshold)) {
        order[k] = order[candidates]!;
        order[candidates++] = a;
      }
    }
    if (candidates > sortedCandidates) insertionSort(order, sortedCandidates, candidates, cap);
    this.ranked = exact;
  }

  /**
   * Sorts order[0..end), order[0..from) being sorted already and, when `nearlySorted` is false,
   * ranked above everything after it (an exact head): then only order[from..end) needs sorting.
   */
  private sortRange(from: number, end: number, nearlySorted: boolean): void {
    const { order, cap } = this;
    // Equal caps (rare) are ordered by asset index, i.e. asset id, so results are reproducible.
    if (nearlySorted || end - from <= 64) insertionSort(order, from, end, cap);
    else order.subarray(from, end).sort((x, y) => cap[y]! - cap[x]! || x - y);
  }

  private restart(): void {
    this.started = 0;
    this.activeCount = 0;
    this.previousCount = 0;
    this.hasCap.fill(0);
    this.inOrder.fill(0);
  }
}

/**
 * Sorts order[0..end) by cap descending, then asset index ascending, given order[0..from) already
 * sorted. Fast on nearly sorted input.
 */
function insertionSort(order: Int32Array, from: number, end: number, cap: Float64Array): void {
  for (let i = Math.max(1, from); i < end; i++) {
    const a = order[i]!;
    const c = cap[a]!;
    let j = i - 1;
    while (j >= 0) {
      const b = order[j]!;
      const cb = cap[b]!;
      if (cb > c || (cb === c && b < a)) break;
      order[j + 1] = b;
      j--;
    }
    order[j + 1] = a;
  }
}
