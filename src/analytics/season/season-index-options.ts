/**
 * Settings of the Altcoin Season Index. The defaults are blockchaincenter.net's: top 50, 90-day
 * window, ≥ 75 altcoin season, ≤ 25 bitcoin season. docs/methodology.md explains each one.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export interface SeasonIndexOptions {
  /** How many altcoins make up the universe at each date (CoinMarketCap's variant uses 100). */
  top: number;
  /** Return window in days: 30 (Altcoin Month), 90 (Season), 365 (Altcoin Year). */
  window: number;
  /** How old an as-of value may be, in days (0 = that very day). Weekly snapshots need 6 or more. */
  stalenessDays: number;
  /** Index ≥ this = altcoin season. */
  altThreshold: number;
  /** Index ≤ this = bitcoin season. */
  btcThreshold: number;
  /** Extra tickers to leave out (the user's --exclude), matched against every ticker an asset used. */
  excludeSymbols: readonly string[];
  /** The asset every altcoin is compared with. */
  benchmarkAssetId: string;
  /** Fewer priced constituents than this (capped at `top`) makes the index undefined (null) that day. */
  minUniverse: number;
  /**
   * Which date's market caps pick the top N: 'end' (the window's last day, blockchaincenter's
   * published rule and the default) or 'start' (the window's first day). Ranking at the end picks
   * coins partly BECAUSE they rose during the window, which lifts the index; ranking at the start
   * does not (docs/methodology.md, "Ranking date", measures the difference).
   */
  rankAt: RankAt;
}

export type RankAt = 'start' | 'end';
export const RANK_AT_VALUES: readonly RankAt[] = ['start', 'end'];

export const DEFAULT_SEASON_INDEX_OPTIONS: Readonly<SeasonIndexOptions> = Object.freeze({
  top: 50,
  window: 90,
  stalenessDays: 7,
  altThreshold: 75,
  btcThreshold: 25,
  excludeSymbols: [],
  benchmarkAssetId: 'bitcoin',
  minUniverse: 10,
  rankAt: 'end',
});

/** Fills in defaults and rejects settings that make no sense, quoting the value. */
export function resolveSeasonIndexOptions(partial: Partial<SeasonIndexOptions> = {}): SeasonIndexOptions {
  const options: SeasonIndexOptions = { ...DEFAULT_SEASON_INDEX_OPTIONS, ...stripUndefined(partial) };
  const wholeAtLeast = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new InvalidInputError(`${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
  };
  wholeAtLeast('top', options.top, 1);
  wholeAtLeast('window', options.window, 1);
  wholeAtLeast('staleness', options.stalenessDays, 0);
  wholeAtLeast('min universe', options.minUniverse, 1);
  if (options.stalenessDays >= options.window) {
    throw new InvalidInputError(`staleness: must be shorter than the window (${options.window} days), got ${options.stalenessDays}`);
  }
  for (const [name, value] of [
    ['alt threshold', options.altThreshold],
    ['btc threshold', options.btcThreshold],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 100) throw new InvalidInputError(`${name}: expected a number from 0 to 100, got ${JSON.stringify(value)}`);
  }
  if (!RANK_AT_VALUES.includes(options.rankAt)) {
    throw new InvalidInputError(`rank at: expected 'start' or 'end', got ${JSON.stringify(options.rankAt).slice(0, 80)}`);
  }
  if (options.btcThreshold >= options.altThreshold) {
    throw new InvalidInputError(`btc threshold (${options.btcThreshold}) must be below the alt threshold (${options.altThreshold})`);
  }
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
