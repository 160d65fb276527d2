/**
 * Market structure over time: BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3 and OTHERS,
 * each labelled with its universe and source; where two definitions exist (the stored top 125 vs a
 * provider's all-coin total) both, with their gap; BTC.D's crossings of 55 % and 50 % (with
 * hysteresis), its 50-day trend, and TOTAL2's growth against BTC's market cap over 30 and 90 days.
 * Wrapped and staked tokens are left out of the totals by default (they count BTC and ETH twice).
 * Shared by `altseason dominance`, `GET /api/dominance` and the library.
 */
import { addDays, isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { indexAtOrBefore } from '../domain/series.ts';
import { DEFAULT_AGGREGATE_TOP_N } from '../analytics/market/compute-market-aggregates.ts';
import { METRIC_LABELS, type MarketMetric, type MarketStructureSeries } from '../analytics/market/market-structure-series.ts';
import { DEFAULT_BTC_DOMINANCE_THRESHOLDS, summarizeMarketStructure, type LatestFigure } from '../analytics/market/summarize-market-structure.ts';
import type { DominanceDay, DominanceResult, LatestFigureRow } from './contracts/dominance.ts';
import { DOMINANCE_SCHEMA } from './contracts/schema-names.ts';
import { dataNotice } from './data-notice.ts';
import { loadMarketStructure, type LoadedMarketStructure } from './load-market-structure.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames } from './stored-span.ts';

export interface DominanceQuery {
  from?: DayNumber;
  to?: DayNumber;
  /** The stored universe: the N largest caps each day (default 125, TradingView's TOTAL), or null for all. */
  topN?: number | null;
  /** Count wrapped and staked tokens in the totals (they double count BTC and ETH). */
  includeWrapped?: boolean;
  thresholds?: number[];
  /** Build the stored universe from these observation sources only. */
  sources?: string[];
  fieldNames?: DateFieldNames;
}

/** Trends, growth and crossings need history before `from`: 90-day growth plus a 50-day trend and its 20-day slope. */
const LOOKBACK_DAYS = 90 + 50 + 20 + 7;

const iso = (day: number) => isoDateOf(day as DayNumber);
const isStored = (s: MarketStructureSeries) => s.universe.includes('stored');

function latestRow(f: LatestFigure): LatestFigureRow {
  return { metric: f.metric, label: METRIC_LABELS[f.metric], value: f.value, date: f.day === null ? null : iso(f.day), universe: f.universe, source: f.source };
}

/** Dominance as a pure step over loaded structure, so a server can keep the loaded series. */
function dominanceFromStructure(
  loaded: LoadedMarketStructure,
  query: DominanceQuery & { span: { first: DayNumber; last: DayNumber } },
  notice: { simulated: boolean; today: DayNumber },
): DominanceResult {
  const { series, capsBySource } = loaded;
  const thresholds = query.thresholds ?? DEFAULT_BTC_DOMINANCE_THRESHOLDS;
  const stored = (metric: MarketMetric) => series.find((s) => s.metric === metric && isStored(s));
  const btcd = stored('btc_dominance_pct');
  // The stored caps may not reach the range while a provider's series does (it starts earlier).
  const storedDays = btcd?.series.days ?? new Int32Array(0);
  const to = (storedDays.length ? Math.min(query.to ?? query.span.last, storedDays[storedDays.length - 1]!) : (query.to ?? query.span.last)) as DayNumber;
  const from = (storedDays.length ? Math.max(query.from ?? storedDays[0]!, storedDays[0]!) : (query.from ?? to)) as DayNumber;
  const summary = summarizeMarketStructure(series, { btcDominanceThresholds: thresholds, asOf: to });
  const inRange = (day: number) => day >= from && day <= to;
  // The provider's own BTC.D with the most values is shown beside ours (another definition).
  const finiteCount = (s: MarketStructureSeries) => s.series.values.reduce((n, v) => n + (Number.isFinite(v) ? 1 : 0), 0);
  const provider = series.filter((s) => s.metric === 'btc_dominance_pct' && !isStored(s)).sort((a, b) => finiteCount(b) - finiteCount(a))[0];
  const valueOn = (s: MarketStructureSeries | undefined, day: number) => {
    if (!s) return null;
    const i = indexAtOrBefore(s.series.days, day);
    return i >= 0 && s.series.days[i] === day && Number.isFinite(s.series.values[i]!) ? s.series.values[i]! : null;
  };
  const metrics = {
    eth: stored('eth_dominance_pct'),
    stable: stored('stablecoin_dominance_pct'),
    total: stored('total_usd'),
    total2: stored('total2_usd'),
    total3: stored('total3_usd'),
    others: stored('others_usd'),
    btcCap: stored('btc_market_cap_usd'),
    count: stored('asset_count'),
  };
  const days: DominanceDay[] = [];
  for (const day of storedDays) {
    if (!inRange(day)) continue;
    days.push({
      date: iso(day),
      btcDominancePct: roundOrNull(valueOn(btcd, day), 6),
      ethDominancePct: roundOrNull(valueOn(metrics.eth, day), 6),
      stablecoinDominancePct: roundOrNull(valueOn(metrics.stable, day), 6),
      totalUsd: roundOrNull(valueOn(metrics.total, day), 2),
      total2Usd: roundOrNull(valueOn(metrics.total2, day), 2),
      total3Usd: roundOrNull(valueOn(metrics.total3, day), 2),
      othersUsd: roundOrNull(valueOn(metrics.others, day), 2),
      btcMarketCapUsd: roundOrNull(valueOn(metrics.btcCap, day), 2),
      assetCount: valueOn(metrics.count, day),
      providerBtcDominancePct: roundOrNull(valueOn(provider, day), 6),
    });
  }
  const crossings = summary.crossings.filter((c) => inRange(c.day));
  const result: DominanceResult = {
    schema: DOMINANCE_SCHEMA,
    simulated: notice.simulated,
    data: dataNotice(query.span.last, notice.today, notice.simulated),
    asOf: iso(summary.asOf),
    from: iso(from),
    to: iso(to),
    universe: btcd ? `${btcd.universe}, ${btcd.source}` : 'no stored market caps in this range',
    includeWrapped: query.includeWrapped ?? false,
    providerSeriesLabel: provider ? (provider.universe.includes(provider.source) ? provider.universe : `${provider.universe}, ${provider.source}`) : null,
    definitions: series.map((s) => ({ metric: s.metric, label: METRIC_LABELS[s.metric], universe: s.universe, source: s.source })),
    storedUniverseAssetDaysBySource: capsBySource,
    latest: summary.latest.map(latestRow),
    btcDominanceGaps: summary.btcDominanceGaps.map((g) => ({ a: latestRow(g.a), b: latestRow(g.b), differencePts: roundOrNull(g.differencePts, 4)! })),
    btcDominanceTrends: summary.btcDominanceTrends.map((t) => ({
      universe: t.universe,
      source: t.source,
      windowDays: t.window,
      value: t.value,
      movingAverage: t.movingAverage,
      aboveAverage: t.aboveAverage,
      averageChangePts: t.movingAverage === null || t.averageChangePct === null ? null : roundOrNull(t.movingAverage - t.movingAverage / (1 + t.averageChangePct / 100), 4),
      slopeLookbackDays: t.slopeLookback,
      direction: t.direction,
    })),
    total2VsBtc: summary.total2VsBtc.map((g) => ({
      universe: g.universe,
      source: g.source,
      windowDays: g.windowDays,
      from: iso(g.startDay),
      to: iso(g.endDay),
      total2GrowthPct: roundOrNull(g.growthPct, 4),
      btcGrowthPct: roundOrNull(g.benchmarkGrowthPct, 4),
      differencePts: roundOrNull(g.differencePts, 4),
      total2Faster: g.faster,
    })),
    crossings: crossings.map((c) => ({ universe: c.universe, source: c.source, date: iso(c.day), threshold: c.threshold, direction: c.direction, value: c.value, previousDate: iso(c.previousDay), previousValue: c.previousValue })),
    crossingThresholds: thresholds,
    days,
    readings: [],
  };
  result.readings = dominanceReadings(result);
  return result;
}

/** The one-line readings the dashboard shows under the chart. */
function dominanceReadings(r: DominanceResult): string[] {
  const readings: string[] = [];
  const sign = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
  for (const f of r.latest.filter((x) => x.metric === 'btc_dominance_pct' && x.value !== null)) {
    readings.push(`${f.label} ${f.value!.toFixed(1)}% on ${f.date} (${f.universe}${f.source.startsWith('store observations') ? '' : `; ${f.source}`})`);
  }
  for (const t of r.btcDominanceTrends.filter((x) => x.direction !== null)) readings.push(`BTC.D is ${t.direction} vs its ${t.windowDays}-day average (${t.universe})`);
  for (const g of r.total2VsBtc.filter((x) => x.total2GrowthPct !== null && x.btcGrowthPct !== null)) {
    readings.push(`${g.windowDays}d: TOTAL2 ${sign(g.total2GrowthPct!)}% vs BTC ${sign(g.btcGrowthPct!)}% — ${g.total2Faster ? 'alts growing faster' : 'BTC growing faster'}`);
  }
  for (const c of r.crossings.slice(-3)) readings.push(`BTC.D crossed ${c.direction} ${c.threshold}% on ${c.date} (${c.universe})`);
  return readings;
}

export interface DominanceInputs {
  /**
   * The whole history of the default universe (top 125, wrapped/staked left out), when the caller
   * keeps it loaded (the server does, per load); used only for a query of that universe.
   */
  loadedStructure?: () => Promise<LoadedMarketStructure | null>;
}

export async function dominance(context: ReadContext, query: DominanceQuery = {}, inputs: DominanceInputs = {}): Promise<DominanceResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const sourcesName = names.sources ?? 'sources';
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const { store } = context;
    if (query.sources !== undefined) {
      const known = (await store.observationStats()).map((s) => s.source).sort();
      if (query.sources.length === 0) throw new InvalidInputError(`${sourcesName}: expected a comma-separated list of observation sources, got nothing`);
      const unknown = query.sources.filter((s) => !known.includes(s));
      if (unknown.length > 0) throw new InvalidInputError(`${sourcesName}: no observations from ${unknown.map((s) => JSON.stringify(s)).join(', ')} in the store; sources with observations: ${known.join(', ') || 'none'} (altseason sources)`);
    }
    const span = await storedCryptoSpan(store);
    if (query.from !== undefined && query.from > span.last) throw new NoDataError(`${names.from} ${iso(query.from)} is after the last day with data: ${span.text}`);
    const topN = query.topN === undefined ? DEFAULT_AGGREGATE_TOP_N : query.topN;
    const defaultUniverse = topN === DEFAULT_AGGREGATE_TOP_N && !query.includeWrapped && query.sources === undefined;
    const load = async () => {
      if (inputs.loadedStructure && defaultUniverse) {
        const kept = await inputs.loadedStructure();
        if (kept) return kept;
        throw new NoDataError('no market caps or dominance series in the store: run `altseason sync` or `altseason import`');
      }
      return loadMarketStructure(store, {
        topN,
        includeWrapped: query.includeWrapped ?? false,
        ...(query.from !== undefined ? { from: addDays(query.from, -LOOKBACK_DAYS) } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.sources ? { sources: query.sources } : {}),
      });
    };
    const loaded = await load().catch((error: unknown) => {
      if (error instanceof NoDataError && query.to !== undefined && query.to < span.first) {
        throw new NoDataError(`${names.to} ${iso(query.to)} is before the first day with data: ${span.text}`, { cause: error });
      }
      throw error;
    });
    const result = dominanceFromStructure(loaded, { ...query, span }, { simulated: await context.simulated(), today: context.today() });
    // A provider's dominance series may start before the stored caps: only a range with no figure at all is an error.
    if (result.days.length === 0 && result.latest.every((f) => f.value === null)) {
      throw new NoDataError(`${names.to} ${iso(query.to ?? span.last)} is before the first day with data: ${span.text}`);
    }
    return result;
  });
}
