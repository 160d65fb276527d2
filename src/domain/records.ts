/** The records the store keeps. Days are DayNumbers (UTC); money is USD as floats (market data). */
import type { DayNumber, UnixMs } from './dates.ts';

/** A crypto asset under a stable id (never a ticker alone: tickers collide and get renamed). */
export interface AssetRecord {
  id: string;
  /** The latest ticker seen for it. */
  symbol: string;
  name: string;
}

/** One ticker an asset went by, and the days it was seen under it (VEN → VET). */
export interface AssetSymbolRecord {
  assetId: string;
  symbol: string;
  firstDay: DayNumber;
  lastDay: DayNumber;
}

/**
 * How one source names an asset. `sourceKey` is the source's coin id (slug), or the ticker where
 * the source has none. An optional day range handles tickers that were reused (LUNA in 2022).
 */
export interface AliasRecord {
  source: string;
  sourceKey: string;
  assetId: string;
  fromDay: DayNumber | null;
  toDay: DayNumber | null;
}

/** One source's daily values for one asset. Price may be missing where a source has caps only. */
export interface ObservationRecord {
  assetId: string;
  day: DayNumber;
  source: string;
  symbol: string;
  price: number | null;
  marketCap: number | null;
  volume: number | null;
  rank: number | null;
}

/** One exchange day of an equity or index (^RUT, ^GSPC, IWM). */
export interface EquityBarRecord {
  symbol: string;
  day: DayNumber;
  source: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number | null;
}

/** A point of a named scalar series (btc_dominance_pct, total_market_cap_usd, funding…). */
export interface SeriesPointRecord {
  series: string;
  at: UnixMs;
  source: string;
  value: number;
}

/** A category assigned to every asset that trades under a ticker (coin_categories.csv). */
export interface CategoryRuleRecord {
  symbol: string;
  name: string | null;
  category: string;
  excludeFromIndex: boolean;
  source: string;
}

/** Provenance: one load of one file or one request batch. */
export interface LoadRecord {
  id: number;
  source: string;
  origin: string;
  contentHash: string | null;
  loadedAt: UnixMs;
  rows: number;
}
