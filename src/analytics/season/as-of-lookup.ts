/**
 * As-of lookups over a panel: the cell of an asset's latest value at or before a day, at most
 * `stalenessDays` old (asOfCell, with each asset's columns and first day at hand). A lookup scans
 * back at most staleness + 1 cells and usually reads one (daily data have today's value), which
 * costs less than precomputing a latest-cell index over every column it touches (the full-history
 * index looks up ~1 million cells once each). Never reads after the day asked.
 */
import type { Panel } from '../../domain/panel.ts';

export class AsOfLookup {
  readonly firstDays: Int32Array;
  /** Per asset: its price and market-cap columns. */
  readonly prices: readonly Float64Array[];
  readonly caps: readonly Float64Array[];

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
    return asOfCellIn(this.prices[assetIndex]!, day - this.firstDays[assetIndex]!, this.stalenessDays);
  }

  /** Cell of the asset's as-of market cap at `day`, or -1. */
  marketCap(assetIndex: number, day: number): number {
    return asOfCellIn(this.caps[assetIndex]!, day - this.firstDays[assetIndex]!, this.stalenessDays);
  }
}

/** The latest cell at or before cell `target` with a value, at most `stalenessDays` cells back, or -1. */
export function asOfCellIn(column: Float64Array, target: number, stalenessDays: number): number {
  const oldest = target - stalenessDays;
  // Math.min rather than a conditional: the same operations on every call, so optimised code
  // never meets an untried branch (a day after a delisted coin's last cell) and deoptimises.
  for (let cell = Math.min(target, column.length - 1); cell >= 0 && cell >= oldest; cell--) {
    // x === x is false only for NaN (missing).
    if (column[cell] === column[cell]) return cell;
  }
  return -1;
}
