/**
 * Everything a backtest reads, on the crypto calendar (every UTC day from the panel's first to its
 * last day): the panel with as-of prices, and the point-in-time features the strategies use (the
 * Altcoin Season Index per window, BTC dominance, the Russell 2000 and its breakouts, BTC funding,
 * the top-N alt universe and sector members of each day). Every feature value of day t is computed
 * from observations at or before t (tests perturb the data after t and check nothing at or before
 * t moves); strategies never see this object, only a PointInTimeView of it, which cuts it at t.
 */
import { addDays, isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import type { Panel } from '../../domain/panel.ts';
import type { DailySeries } from '../../domain/series.ts';
import { alignToCryptoCalendar } from '../market/align-to-crypto-calendar.ts';
import { findBreakouts } from '../market/find-breakouts.ts';
import { computeRecordState } from '../market/record-state.ts';
import { altcoinSeasonIndexSeries } from '../season/altcoin-season-index-series.ts';
import { AsOfLookup } from '../season/as-of-lookup.ts';
import { indexExclusionReasons } from '../season/index-exclusions.ts';
import { MarketCapRanker } from '../season/market-cap-ranker.ts';
import { DEFAULT_SEASON_INDEX_OPTIONS } from '../season/season-index-options.ts';

export interface BacktestInputs {
  panel: Panel;
  /** BTC dominance in percent on crypto days (the stored universe's, or a provider's). */
  btcDominance?: DailySeries | null;
  /** Russell 2000 closes on its exchange days. */
  russell?: DailySeries | null;
  /** BTC perpetual funding per crypto day, F_d = Σ of the day's 8-hourly rates (a fraction). */
  fundingDaily?: DailySeries | null;
  /**
   * One primary sector per panel asset (same order), as sector rotation assigns them
   * (analytics/rotation/sector-labels.ts); without it, every non-excluded category is a sector.
   */
  sectorLabels?: readonly string[] | null;
}

export interface BacktestDataOptions {
  /** How old an as-of price or cap may be, in days (the ASI's 7: weekly snapshots stay usable). */
  stalenessDays?: number;
  /** Extra tickers never held in alt baskets (the ASI's --exclude). */
  excludeSymbols?: readonly string[];
}

/** Categories that are not sectors (they are left out of the ASI and of sector baskets). */
export const NON_SECTOR_CATEGORIES: ReadonlySet<string> = new Set(['stablecoin', 'wrapped', 'staked', 'commodity-backed', 'unclassified', 'category']);
export const BTC_ID = 'bitcoin';
export const ETH_ID = 'ethereum';
/** How many ranked places a day's alt universe keeps at most (a larger `top` recomputes them). */
const UNIVERSE_CHUNK = 128;

export class BacktestData {
  readonly panel: Panel;
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  /** Calendar length: lastDay − firstDay + 1. */
  readonly length: number;
  readonly stalenessDays: number;
  readonly lookup: AsOfLookup;
  readonly btcIndex: number;
  readonly ethIndex: number;
  /** Per asset index: why it is never held in an alt basket, or null. */
  readonly exclusions: readonly (string | null)[];
  private readonly byId = new Map<string, number>();
  private readonly bySymbol = new Map<string, number>();
  private readonly asiCache = new Map<number, Float64Array>();
  private readonly breakoutCache = new Map<number, Int32Array>();
  private readonly inputs: BacktestInputs;
  private dominance: Float64Array | null | undefined;
  private russellAligned: Float64Array | null | undefined;
  private funding: Float64Array | null | undefined;
  private universe: (Int32Array | undefined)[];
  private universeDepth = UNIVERSE_CHUNK;
  private ranker: MarketCapRanker | null = null;
  private readonly sectorLists: (readonly string[])[];

  constructor(inputs: BacktestInputs, options: BacktestDataOptions = {}) {
    const { panel } = inputs;
    if (panel.firstDay === null || panel.lastDay === null) throw new NoDataError('backtest: the panel holds no prices (import or sync crypto prices first)');
    this.inputs = inputs;
    this.panel = panel;
    this.firstDay = panel.firstDay;
    this.lastDay = panel.lastDay;
    this.length = panel.lastDay - panel.firstDay + 1;
    this.stalenessDays = options.stalenessDays ?? DEFAULT_SEASON_INDEX_OPTIONS.stalenessDays;
    this.lookup = new AsOfLookup(panel, this.stalenessDays);
    panel.assets.forEach((asset, index) => {
      this.byId.set(asset.id.toLowerCase(), index);
      for (const symbol of asset.symbols) if (!this.bySymbol.has(symbol.toUpperCase())) this.bySymbol.set(symbol.toUpperCase(), index);
      this.bySymbol.set(asset.symbol.toUpperCase(), index);
    });
    this.btcIndex = this.byId.get(BTC_ID) ?? -1;
    this.ethIndex = this.byId.get(ETH_ID) ?? -1;
    if (this.btcIndex < 0) throw new NoDataError('backtest: no bitcoin prices in the panel (every backtest compares with BTC buy-and-hold)');
    this.exclusions = indexExclusionReasons(panel, { excludeSymbols: options.excludeSymbols ?? [], benchmarkAssetId: BTC_ID });
    this.universe = new Array<Int32Array | undefined>(this.length);
    const labels = inputs.sectorLabels;
    if (labels && labels.length !== panel.assets.length) throw new InvalidInputError(`backtest: ${labels.length} sector labels for ${panel.assets.length} assets`);
    this.sectorLists = panel.assets.map((asset, a) => (labels ? (NON_SECTOR_CATEGORIES.has(labels[a]!) ? [] : [labels[a]!]) : asset.categories.filter((c) => !NON_SECTOR_CATEGORIES.has(c))));
  }

  /** Calendar index of a day. */
  indexOf(day: number): number {
    return day - this.firstDay;
  }

  dayAt(index: number): DayNumber {
    return addDays(this.firstDay, index);
  }

  /** Asset index by id ('bitcoin') or ticker ('BTC'), case-insensitive; -1 when unknown. */
  findAsset(idOrSymbol: string): number {
    return this.byId.get(idOrSymbol.toLowerCase()) ?? this.bySymbol.get(idOrSymbol.toUpperCase()) ?? -1;
  }

  /** Like findAsset, but an unknown asset is an error naming it. */
  assetIndex(idOrSymbol: string, where: string): number {
    const index = this.findAsset(idOrSymbol);
    if (index < 0) throw new InvalidInputError(`${where}: no asset ${JSON.stringify(idOrSymbol)} in the store (use a stable id such as "ethereum" or a ticker such as "ETH"; \`altseason assets\` lists them)`);
    return index;
  }

  /** As-of price of an asset on a calendar index, NaN when none within the staleness limit. */
  price(asset: number, index: number): number {
    const cell = this.lookup.price(asset, this.firstDay + index);
    return cell < 0 ? Number.NaN : this.panel.assets[asset]!.price[cell]!;
  }

  /** The ASI (top 50, window W) per calendar index, NaN where undefined. */
  asi(window: number): Float64Array {
    return this.asiSeries([window])[0]!;
  }

  /** Several windows at once (one market-cap ranking per day shared by all of them). */
  asiSeries(windows: readonly number[]): Float64Array[] {
    const missing = [...new Set(windows.filter((w) => !this.asiCache.has(w)))];
    if (missing.length > 0) {
      const series = altcoinSeasonIndexSeries(this.panel, this.firstDay, this.lastDay, { windows: missing });
      series.forEach((s, k) => {
        const values = new Float64Array(this.length).fill(Number.NaN);
        s.points.forEach((p, i) => {
          if (p.index !== null) values[i] = p.index;
        });
        this.asiCache.set(missing[k]!, values);
      });
    }
    return windows.map((w) => this.asiCache.get(w)!);
  }

  /** BTC dominance (%) per calendar index, or null when the store has none. */
  btcDominance(): Float64Array | null {
    if (this.dominance === undefined) this.dominance = this.onCalendar(this.inputs.btcDominance ?? null);
    return this.dominance;
  }

  /** Russell 2000 close carried to crypto days (a US close is known before the UTC day ends), or null. */
  russellClose(): Float64Array | null {
    if (this.russellAligned === undefined) {
      const russell = this.inputs.russell;
      this.russellAligned = russell && russell.days.length > 0 ? alignToCryptoCalendar(russell, this.firstDay, this.lastDay).values : null;
    }
    return this.russellAligned;
  }

  /**
   * Per calendar index: the day of the latest Russell 2000 breakout (a record close after a drawdown
   * of at least `drawdownPct` %) at or before it, or -1; null without Russell 2000 closes. A
   * breakout on exchange day d is known at the crypto close of d (the US close comes first).
   */
  lastRussellBreakout(drawdownPct: number): Int32Array | null {
    const russell = this.inputs.russell;
    if (!russell || russell.days.length === 0) return null;
    let cached = this.breakoutCache.get(drawdownPct);
    if (!cached) {
      const breakouts = findBreakouts(computeRecordState(russell), drawdownPct);
      cached = new Int32Array(this.length).fill(-1);
      let k = 0;
      let last = -1;
      for (let i = 0; i < this.length; i++) {
        const day = this.firstDay + i;
        while (k < breakouts.length && breakouts[k]!.day <= day) last = breakouts[k++]!.day;
        cached[i] = last;
      }
      this.breakoutCache.set(drawdownPct, cached);
    }
    return cached;
  }

  /** Daily BTC funding F_d per calendar index (NaN where none), or null when none is stored. */
  fundingDaily(): Float64Array | null {
    if (this.funding === undefined) this.funding = this.onCalendar(this.inputs.fundingDaily ?? null);
    return this.funding;
  }

  /**
   * The alt universe of a day, point in time: asset indices by as-of market cap at that day,
   * largest first, BTC and stablecoins/wrapped/staked tokens left out (the ASI's exclusions), each
   * with an as-of price that day (so it can be bought at the close). At least `depth` places when
   * that many exist.
   */
  altUniverse(index: number, depth: number): Int32Array {
    if (depth > this.universeDepth) {
      this.universeDepth = Math.ceil(depth / UNIVERSE_CHUNK) * UNIVERSE_CHUNK;
      this.universe = new Array<Int32Array | undefined>(this.length);
    }
    let list = this.universe[index];
    if (!list) {
      this.ranker ??= new MarketCapRanker(this.panel, this.stalenessDays, this.universeDepth + 64);
      const day = this.firstDay + index;
      const ranking = this.ranker.rank(day);
      const picked: number[] = [];
      for (let k = 0; k < ranking.count && picked.length < this.universeDepth; k++) {
        if (k >= ranking.ranked) ranking.ensureRanked(Math.min(ranking.count, k + 64));
        const a = ranking.order[k]!;
        if (this.exclusions[a] != null) continue;
        if (this.lookup.price(a, day) < 0) continue;
        picked.push(a);
      }
      list = Int32Array.from(picked);
      this.universe[index] = list;
    }
    return list;
  }

  /** The sectors (non-excluded categories) of an asset. */
  sectorsOf(asset: number): readonly string[] {
    return this.sectorLists[asset]!;
  }

  /** Whether any asset of the panel has a sector label. */
  hasSectors(): boolean {
    return this.sectorLists.some((s) => s.length > 0);
  }

  /** Put a crypto-day series on the calendar; days outside the panel's span are dropped. */
  private onCalendar(series: DailySeries | null): Float64Array | null {
    if (!series || series.days.length === 0) return null;
    const values = new Float64Array(this.length).fill(Number.NaN);
    let any = false;
    for (let i = 0; i < series.days.length; i++) {
      const index = series.days[i]! - this.firstDay;
      if (index >= 0 && index < this.length && Number.isFinite(series.values[i]!)) {
        values[index] = series.values[i]!;
        any = true;
      }
    }
    return any ? values : null;
  }

  /** "2021-03-01" */
  isoAt(index: number): string {
    return isoDateOf(this.dayAt(index));
  }
}
