/**
 * A crypto row as parsed, before the AssetResolver gives it an asset id. Its own file so that
 * import-format.ts and crypto-row-table.ts both use it without importing each other.
 */
import type { DayNumber } from '../../domain/dates.ts';

/** A crypto row before its asset id is known (the AssetResolver gives it one). */
export interface CryptoRow {
  line: number;
  source: string;
  slug: string | null;
  symbol: string;
  name: string;
  day: DayNumber;
  price: number | null;
  marketCap: number | null;
  volume: number | null;
  rank: number | null;
}
