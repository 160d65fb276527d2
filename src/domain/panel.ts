/**
 * The columnar panel the analytics read. Each asset keeps typed-array columns over its OWN day span
 * (first to last observed day), not over the panel's whole calendar: most 2018 coins lived six
 * months, so a dates × assets matrix would be mostly empty. NaN marks a missing value. Beside each
 * value column, a Uint16Array says which source supplied the cell (an index into `Panel.sources`,
 * NO_SOURCE where the cell is empty), so results can show their provenance.
 * Columns are read-only by contract: a panel read from the persisted cache (data/panel/panel-cache.ts)
 * holds views into one buffer shared by all its assets: a column's `.buffer` is that whole buffer,
 * not the column's own (use the view, or copy it with `.slice()`).
 */
import type { DayNumber } from './dates.ts';

/** Source index of an empty cell. */
export const NO_SOURCE = 0xffff;

export interface PanelAsset {
  /** Stable id ('bitcoin', 'ethereum'), never a ticker. */
  readonly id: string;
  /** The latest ticker it traded under. */
  readonly symbol: string;
  readonly name: string;
  /** Every ticker it went by (VEN and VET), latest last. */
  readonly symbols: readonly string[];
  /** Categories from the category rules that match any of its tickers (stablecoin, layer1, …). */
  readonly categories: readonly string[];
  /** A category rule says: leave it out of the Altcoin Season Index (stablecoin, wrapped, staked, commodity-backed). */
  readonly excludedFromIndex: boolean;
  /** The day of cell 0; cell i is day firstDay + i. */
  readonly firstDay: DayNumber;
  /** The columns; all have the same length (lastDay - firstDay + 1). */
  readonly price: Float64Array;
  readonly marketCap: Float64Array;
  readonly volume: Float64Array;
  readonly priceSource: Uint16Array;
  readonly marketCapSource: Uint16Array;
  readonly volumeSource: Uint16Array;
}

export interface Panel {
  /** Ordered by id. */
  readonly assets: readonly PanelAsset[];
  /** Source ids, highest precedence first; cells refer to them by index. */
  readonly sources: readonly string[];
  /** First and last day of any cell, null when the panel is empty. */
  readonly firstDay: DayNumber | null;
  readonly lastDay: DayNumber | null;
}

/** The last day covered by an asset's columns. */
export function lastDayOf(asset: PanelAsset): DayNumber {
  return (asset.firstDay + asset.price.length - 1) as DayNumber;
}

/** The source that supplied a cell, or null when the cell is empty. */
export function sourceName(panel: Panel, sourceIndex: number): string | null {
  return sourceIndex === NO_SOURCE ? null : (panel.sources[sourceIndex] ?? null);
}
