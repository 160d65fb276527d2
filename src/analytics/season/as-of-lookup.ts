/**
 * As-of lookups over a panel: the cell of an asset's latest value at or before a day, at most
 * `stalenessDays` old (asOfCell, with each asset's columns and first day at hand). A lookup scans
 * back at most staleness + 1 cells and usually reads one (daily data have today's value), which
 * costs less than precomputing a latest-cell index over every column it touches (the full-history
 * index looks up ~1 million cells once each). Never reads after the day asked.
 */
import type { Panel } from '../../domain/panel.ts';

export class AsOfLookup {
  private readonly firstDays: Int32Array;
  private readonly prices: Float64Array[];
  private readonly caps: Float64Array[];

  constructor(
    panel: Panel,
    readonly stalenessDays: number,
  ) {
    this.firstDays = Int32Array.from(panel.assets, (a) => a.firstDay);
    this.prices = panel.assets.map((a) => a.price);
    this.caps = panel.assets.map((a) => a.marketCap);
  }

  /** Cell of the asset's as-of price at `day`, or -1. */
  price(assetIndex: number, day: number): number {
    return this.find(this.prices[assetIndex]!, day - this.firstDays[assetIndex]!);
  }

  /** Cell of the asset's as-of market cap at `day`, or -1. */
  marketCap(assetIndex: number, day: number): number {
    return this.find(this.caps[assetIndex]!, day - this.firstDays[assetIndex]!);
  }

  private find(column: Float64Array, target: number): number {
    const oldest = target - this.stalenessDays;
    // Math.min rather than a conditional: the same operations on every call, so optimised code
    // never meets an untried branch (a day after a delisted coin's last cell) and deoptimises.
    for (let cell = Math.min(target, column.length - 1); cell >= 0 && cell >= oldest; cell--) {
      // x === x is false only for NaN (missing).
      if (column[cell] === column[cell]) return cell;
    }
    return -1;
  }
}
