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
 */
import type { Panel } from '../../domain/panel.ts';
import { AsOfLookup } from './as-of-lookup.ts';

export interface MarketCapRanking {
  readonly day: number;
  /** Asset indices, largest as-of market cap first; valid up to `count`. */
  readonly order: Int32Array;
  readonly count: number;
  /** Per asset index: its as-of cap; meaningful only for the ranked assets. */
  readonly cap: Float64Array;
}

export class MarketCapRanker {
  private readonly lookup: AsOfLookup;
  private readonly order: Int32Array;
  private readonly cap: Float64Array;
  private readonly hasCap: Uint8Array;
  private readonly ranked: Uint8Array;
  private readonly lastDays: Int32Array;
  private readonly firstDays: Int32Array;
  /** Asset indices by first day, and how many of them have started. */
  private readonly byFirstDay: Int32Array;
  private started = 0;
  /** Assets started and not yet ended (plus staleness), in no particular order. */
  private readonly active: Int32Array;
  private activeCount = 0;
  private previousCount = 0;
  private previousDay = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly panel: Panel,
    private readonly stalenessDays: number,
  ) {
    const n = panel.assets.length;
    this.lookup = new AsOfLookup(panel, stalenessDays);
    this.order = new Int32Array(n);
    this.cap = new Float64Array(n).fill(NaN);
    this.hasCap = new Uint8Array(n);
    this.ranked = new Uint8Array(n);
    this.active = new Int32Array(n);
    this.firstDays = Int32Array.from(panel.assets, (a) => a.firstDay);
    this.lastDays = Int32Array.from(panel.assets, (a) => a.firstDay + a.price.length - 1);
    this.byFirstDay = Int32Array.from(panel.assets.keys()).sort((x, y) => this.firstDays[x]! - this.firstDays[y]! || x - y);
  }

  /** Ranks at `day`. The returned ranking is overwritten by the next call. */
  rank(day: number): MarketCapRanking {
    const { panel, order, cap, hasCap, ranked, active, firstDays, lastDays, byFirstDay, stalenessDays, lookup } = this;
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
      const cell = lookup.marketCap(a, day);
      if (cell < 0) hasCap[a] = 0;
      else {
        hasCap[a] = 1;
        cap[a] = panel.assets[a]!.marketCap[cell]!;
      }
    }
    this.activeCount = live;

    // Keep the previous order of the assets still ranked, then append the newcomers.
    let count = 0;
    for (let k = 0; k < this.previousCount; k++) {
      const a = order[k]!;
      if (hasCap[a] === 1) order[count++] = a;
      else ranked[a] = 0;
    }
    const kept = count;
    for (let k = 0; k < live; k++) {
      const a = active[k]!;
      if (hasCap[a] === 1 && ranked[a] === 0) {
        ranked[a] = 1;
        order[count++] = a;
      }
    }
    this.previousCount = count;
    // Equal caps (rare) are ordered by asset index, i.e. asset id, so results are reproducible.
    if (count - kept > 64) order.subarray(0, count).sort((x, y) => cap[y]! - cap[x]! || x - y);
    else insertionSort(order, count, cap);
    return { day, order, count, cap };
  }

  private restart(): void {
    this.started = 0;
    this.activeCount = 0;
    this.previousCount = 0;
    this.hasCap.fill(0);
    this.ranked.fill(0);
  }
}

/** Sorts order[0..count) by cap descending, then asset index ascending. Fast on nearly sorted input. */
function insertionSort(order: Int32Array, count: number, cap: Float64Array): void {
  for (let i = 1; i < count; i++) {
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
