/**
 * Loads one equity symbol's closes from the store as a DailySeries of exchange days. Where several
 * sources have the same day (an imported CSV and a Yahoo sync), the store's source precedence picks
 * the highest one that has the field asked for; which source each day came from is returned so it
 * can be shown.
 */
import { isoDateOf } from '../../domain/dates.ts';
import { NoDataError } from '../../domain/errors.ts';
import type { EquityBarRecord } from '../../domain/records.ts';
import { makeSeries, type DailySeries } from '../../domain/series.ts';
import { rankSources } from '../store/default-source-precedence.ts';
import type { DayRange, Store } from '../store/store.ts';

export type EquityField = 'close' | 'open' | 'high' | 'low';

export interface LoadedEquitySeries {
  symbol: string;
  /** Named after the symbol; values are the chosen field (close by default). */
  series: DailySeries;
  /** The source of each day, parallel to series.days. */
  sourceOfDay: string[];
  /** Days taken from each source. */
  daysBySource: Record<string, number>;
}

export interface LoadEquitySeriesOptions extends DayRange {
  field?: EquityField;
}

/**
 * Chooses one bar per day by precedence (bars ordered by day, as the store returns them). Field by
 * field, as for crypto: a bar without `field` that day (a close-only CSV) does not hide one that has it.
 */
export function pickEquityBars(bars: readonly EquityBarRecord[], precedence: readonly string[], field: EquityField = 'close'): EquityBarRecord[] {
  const rank = new Map(rankSources(bars.map((bar) => bar.source), precedence).map((source, index) => [source, index]));
  const has = (bar: EquityBarRecord) => Number.isFinite(bar[field] ?? Number.NaN);
  const chosen = new Map<number, EquityBarRecord>();
  for (const bar of bars) {
    const current = chosen.get(bar.day);
    if (!current || (has(bar) && !has(current)) || (has(bar) === has(current) && rank.get(bar.source)! < rank.get(current.source)!)) chosen.set(bar.day, bar);
  }
  return [...chosen.values()].sort((a, b) => a.day - b.day);
}

export async function loadEquitySeries(store: Store, symbol: string, options: LoadEquitySeriesOptions = {}): Promise<LoadedEquitySeries> {
  const range: DayRange = {};
  if (options.from !== undefined) range.from = options.from;
  if (options.to !== undefined) range.to = options.to;
  const field = options.field ?? 'close';
  // The one field as columns: ~24,000 bar objects of the Russell 2000 cost more than the rest of `status`.
  const bars = await store.readEquityField(symbol, field, range);
  const n = bars.day.length;
  if (n === 0) {
    const span = options.from !== undefined || options.to !== undefined ? ` between ${options.from !== undefined ? isoDateOf(options.from) : 'the start'} and ${options.to !== undefined ? isoDateOf(options.to) : 'the end'}` : '';
    throw new NoDataError(
      `no ${symbol} bars in the store at ${store.location}${span}: import them (e.g. \`altseason import ../shared/data/rut_daily.csv ../shared/data/spx_daily.csv\`) or sync Yahoo`,
    );
  }
  // pickEquityBars on the columns: per day (rows are ordered by day), the bar with the field beats
  // one without, then the higher-precedence source wins.
  const rank = new Map(rankSources(bars.source, await store.getSourcePrecedence()).map((source, index) => [source, index]));
  const days: number[] = [];
  const values: number[] = [];
  const sourceOfDay: string[] = [];
  let chosen = -1;
  let chosenHas = false;
  let chosenRank = 0;
  const flush = () => {
    days.push(bars.day[chosen]!);
    values.push(bars.value[chosen] ?? Number.NaN);
    sourceOfDay.push(bars.source[chosen]!);
  };
  for (let i = 0; i < n; i++) {
    if (chosen >= 0 && bars.day[i] !== bars.day[chosen]) {
      flush();
      chosen = -1;
    }
    const has = Number.isFinite(bars.value[i] ?? Number.NaN);
    const r = rank.get(bars.source[i]!)!;
    if (chosen < 0 || (has && !chosenHas) || (has === chosenHas && r < chosenRank)) {
      chosen = i;
      chosenHas = has;
      chosenRank = r;
    }
  }
  flush();
  const daysBySource: Record<string, number> = {};
  for (const source of sourceOfDay) daysBySource[source] = (daysBySource[source] ?? 0) + 1;
  return { symbol, series: makeSeries(symbol, days, values), sourceOfDay, daysBySource };
}

/** Like loadEquitySeries, but null when the store has no bars for the symbol (optional benchmarks). */
export async function loadEquitySeriesIfStored(store: Store, symbol: string, options: LoadEquitySeriesOptions = {}): Promise<LoadedEquitySeries | null> {
  try {
    return await loadEquitySeries(store, symbol, options);
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
}
