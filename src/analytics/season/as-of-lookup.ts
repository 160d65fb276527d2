/**
 * Constant-time as-of lookups over a panel. For every cell it precomputes the latest cell at or
 * before it that holds a value, so "the price as of day t, at most s days old" is two array reads
 * instead of a backward scan. Same answers as asOfCell (tested); never reads after the day asked.
 * The precomputed columns depend only on the panel, so they are shared by all lookups on it.
 */
import type { Panel } from '../../domain/panel.ts';

interface LatestCells {
  /** Per asset, filled on first use (most assets never need a price lookup). */
  price: (Int32Array | undefined)[];
  marketCap: (Int32Array | undefined)[];
}

const cache = new WeakMap<Panel, LatestCells>();

function latestCells(column: Float64Array): Int32Array {
  const latest = new Int32Array(column.length);
  let last = -1;
  for (let i = 0; i < column.length; i++) {
    // x === x is false only for NaN (missing).
    if (column[i] === column[i]) last = i;
    latest[i] = last;
  }
  return latest;
}

export class AsOfLookup {
  private readonly latest: LatestCells;
  private readonly firstDays: Int32Array;
  private readonly lengths: Int32Array;

  constructor(
    private readonly panel: Panel,
    readonly stalenessDays: number,
  ) {
    let latest = cache.get(panel);
    if (!latest) {
      latest = { price: new Array<Int32Array | undefined>(panel.assets.length), marketCap: new Array<Int32Array | undefined>(panel.assets.length) };
      cache.set(panel, latest);
    }
    this.latest = latest;
    this.firstDays = Int32Array.from(panel.assets, (a) => a.firstDay);
    this.lengths = Int32Array.from(panel.assets, (a) => a.price.length);
  }

  /** Cell of the asset's as-of price at `day`, or -1. */
  price(assetIndex: number, day: number): number {
    const latest = this.latest.price[assetIndex] ?? (this.latest.price[assetIndex] = latestCells(this.panel.assets[assetIndex]!.price));
    return this.find(latest, assetIndex, day);
  }

  /** Cell of the asset's as-of market cap at `day`, or -1. */
  marketCap(assetIndex: number, day: number): number {
    const latest = this.latest.marketCap[assetIndex] ?? (this.latest.marketCap[assetIndex] = latestCells(this.panel.assets[assetIndex]!.marketCap));
    return this.find(latest, assetIndex, day);
  }

  private find(latest: Int32Array, assetIndex: number, day: number): number {
    const target = day - this.firstDays[assetIndex]!;
    if (target < 0) return -1;
    const cell = latest[target < this.lengths[assetIndex]! ? target : this.lengths[assetIndex]! - 1]!;
    return cell >= 0 && target - cell <= this.stalenessDays ? cell : -1;
  }
}
