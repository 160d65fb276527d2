/**
 * The only thing a strategy sees: the data up to the close of day t. The data live in a private
 * field (`#data`), unreachable from strategy code; every accessor takes "days ago" (≥ 0) or a date
 * and throws LookAheadError for anything after t, so a rule cannot read tomorrow even by mistake.
 * Histories come back as fresh copies (a view into a longer buffer would expose the future through
 * its `.buffer`). One view per day: a view kept by a strategy stays at its own day.
 */
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { AltseasonError, InvalidInputError } from '../../domain/errors.ts';
import type { BacktestData } from './backtest-data.ts';

/**
 * Target weights by asset id ('bitcoin') or ticker ('BTC'); fractions of equity, ≥ 0 (long-only);
 * what they leave is cash (USD, 0 %). `{}` is all cash.
 */
export type Weights = Readonly<Record<string, number>>;

/** A strategy asked for data after the day it decides on. */
export class LookAheadError extends AltseasonError {}

/** Sector baskets draw from this many of the largest alts unless told otherwise. */
export const DEFAULT_SECTOR_UNIVERSE = 100;

export class PointInTimeView {
  readonly #data: BacktestData;
  readonly #index: number;
  readonly #position: Weights;
  /** The decision day. */
  readonly day: DayNumber;
  /** Its ISO date. */
  readonly date: string;
  /** Trading days since the backtest's first day (0 on the first). */
  readonly step: number;

  constructor(data: BacktestData, index: number, step: number, position: Weights) {
    this.#data = data;
    this.#index = index;
    this.#position = position;
    this.day = data.dayAt(index);
    this.date = isoDateOf(this.day);
    this.step = step;
  }

  /** Calendar index `daysAgo` days before t; throws for the future. */
  #at(daysAgo: number, what: string): number {
    if (!Number.isInteger(daysAgo)) throw new InvalidInputError(`${what}: days ago must be a whole number, got ${daysAgo}`);
    if (daysAgo < 0) throw new LookAheadError(`${what}: the strategy asked for ${-daysAgo} day(s) after ${this.date}, the day it decides on; data after the close of t are not available`);
    return this.#index - daysAgo;
  }

  /** Days ago of a date (ISO or day number); a date after t throws LookAheadError. */
  daysAgo(date: string | number): number {
    const day = typeof date === 'number' ? date : parseDay(date, 'date');
    if (day > this.day) throw new LookAheadError(`the strategy asked for ${isoDateOf(day as DayNumber)}, after ${this.date}, the day it decides on`);
    return this.day - day;
  }

  #asset(asset: string): number {
    return this.#data.assetIndex(asset, `strategy on ${this.date}`);
  }

  #value(series: Float64Array | null, daysAgo: number, what: string): number | null {
    const index = this.#at(daysAgo, what);
    if (!series || index < 0) return null;
    const value = series[index]!;
    return Number.isFinite(value) ? value : null;
  }

  #history(series: Float64Array | null, length: number, what: string): Float64Array {
    if (!Number.isInteger(length) || length < 1) throw new InvalidInputError(`${what}: history length must be a whole number ≥ 1, got ${length}`);
    const out = new Float64Array(length).fill(Number.NaN);
    if (!series) return out;
    for (let k = 0; k < length; k++) {
      const index = this.#index - (length - 1 - k);
      if (index >= 0) out[k] = series[index]!;
    }
    return out;
  }

  /** As-of close of an asset (id or ticker) `daysAgo` days before t, or null. */
  price(asset: string, daysAgo = 0): number | null {
    const index = this.#at(daysAgo, `price of ${asset}`);
    if (index < 0) return null;
    const value = this.#data.price(this.#asset(asset), index);
    return Number.isFinite(value) ? value : null;
  }

  /** The last `length` as-of closes ending at t (oldest first; NaN where none), a copy. */
  prices(asset: string, length: number): Float64Array {
    const a = this.#asset(asset);
    if (!Number.isInteger(length) || length < 1) throw new InvalidInputError(`prices of ${asset}: history length must be a whole number ≥ 1, got ${length}`);
    const out = new Float64Array(length);
    for (let k = 0; k < length; k++) {
      const index = this.#index - (length - 1 - k);
      out[k] = index >= 0 ? this.#data.price(a, index) : Number.NaN;
    }
    return out;
  }

  /** Simple return of an asset over the last `days` days (as-of closes), or null. */
  trailingReturn(asset: string, days: number): number | null {
    const now = this.price(asset, 0);
    const then = this.price(asset, days);
    return now === null || then === null ? null : now / then - 1;
  }

  /** The Altcoin Season Index (top 50, window W) `daysAgo` days before t, or null. */
  asi(window: number, daysAgo = 0): number | null {
    return this.#value(this.#data.asi(window), daysAgo, `ASI(${window})`);
  }

  /** BTC dominance (%) `daysAgo` days before t, or null. */
  btcDominance(daysAgo = 0): number | null {
    return this.#value(this.#data.btcDominance(), daysAgo, 'BTC dominance');
  }

  btcDominanceHistory(length: number): Float64Array {
    return this.#history(this.#data.btcDominance(), length, 'BTC dominance');
  }

  /** Whether the store has BTC dominance at all (so a rule can say why it holds BTC). */
  hasBtcDominance(): boolean {
    return this.#data.btcDominance() !== null;
  }

  /** Russell 2000 close carried to crypto days, `daysAgo` days before t, or null. */
  russellClose(daysAgo = 0): number | null {
    return this.#value(this.#data.russellClose(), daysAgo, 'Russell 2000 close');
  }

  hasRussell(): boolean {
    return this.#data.russellClose() !== null;
  }

  /** Days since the latest Russell 2000 breakout (record after a ≥ drawdownPct % drawdown) up to t, or null. */
  daysSinceRussellBreakout(drawdownPct: number): number | null {
    const last = this.#data.lastRussellBreakout(drawdownPct);
    if (!last) return null;
    const day = last[this.#index]!;
    return day < 0 ? null : this.day - day;
  }

  /** BTC perpetual funding of day t (Σ of the day's 8-hourly rates), or null. */
  fundingDaily(daysAgo = 0): number | null {
    return this.#value(this.#data.fundingDaily(), daysAgo, 'funding');
  }

  /** The N largest alts by as-of market cap at t (ids), each priced at t; stablecoins, wrapped and staked tokens and BTC left out. */
  topAlts(n: number): string[] {
    if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`top alts: expected a whole number ≥ 1, got ${n}`);
    const universe = this.#data.altUniverse(this.#index, n);
    const out: string[] = [];
    for (let k = 0; k < universe.length && k < n; k++) out.push(this.#data.panel.assets[universe[k]!]!.id);
    return out;
  }

  /** A size tier: the alts ranked `first` … `last` (1 = the largest alt) by as-of market cap at t. */
  rankedAlts(first: number, last: number): string[] {
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first) throw new InvalidInputError(`ranked alts: expected whole ranks 1 ≤ first ≤ last, got ${first} … ${last}`);
    return this.topAlts(last).slice(first - 1);
  }

  /** Equal weights over the top-N alts at t (all cash when there are none). */
  altBasket(n: number, weight = 1): Weights {
    return equalWeights(this.topAlts(n), weight);
  }

  /** Sectors among the `universe` largest alts at t, each with its members (ids, largest first). */
  sectors(universe = DEFAULT_SECTOR_UNIVERSE): Map<string, string[]> {
    const list = this.#data.altUniverse(this.#index, universe);
    const out = new Map<string, string[]>();
    for (let k = 0; k < list.length && k < universe; k++) {
      const a = list[k]!;
      for (const sector of this.#data.sectorsOf(a)) {
        let members = out.get(sector);
        if (!members) out.set(sector, (members = []));
        members.push(this.#data.panel.assets[a]!.id);
      }
    }
    return out;
  }

  /** Whether any stored asset has a sector label (categories from coin_categories.csv). */
  hasSectors(): boolean {
    return this.#data.hasSectors();
  }

  /** The current positions (weights drifted by the last day's returns), before trading at t. */
  position(): Weights {
    return this.#position;
  }
}

export function equalWeights(ids: readonly string[], total = 1): Weights {
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = total / ids.length;
  return out;
}
