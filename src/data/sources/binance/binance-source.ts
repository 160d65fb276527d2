/**
 * Binance USDⓈ-M futures: funding-rate history (8-hourly, paged by startTime), and the 30-day
 * windows of open interest and the global long/short account ratio (stored daily, so history
 * builds up). Binance answers HTTP 451 from restricted locations (the US): then funding and the
 * long/short ratio come from Bybit v5 (stored as source `bybit`). Bybit's open interest counts
 * contracts (one contract = one coin on its USDT perpetuals), so it is converted to USD with
 * Bybit's own daily kline: contracts at 00:00 UTC × the open of the kline starting at that same
 * moment (the price when the open interest was measured, as Binance's sumOpenInterestValue is).
 * Those points are stored as source `bybit_kline`, saying where the USD price came from.
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import { recordCount, type FetchContext, type FetchedRecords, type MarketDataSource, type PlanContext, type PlannedRequest, type Provision, type SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay, type EmptyMarker } from '../stored-coverage.ts';
import { BYBIT, bybitEnvelope, bybitFundingSchema, bybitOpenInterestSchema, bybitRatioSchema, checkBybit } from '../bybit/bybit-schemas.ts';

export const BINANCE = 'binance';
export { BYBIT };
/** Open interest from Bybit, in USD via Bybit's daily kline (contracts × price at the same moment). */
export const BYBIT_KLINE = 'bybit_kline';
const ALL_SOURCES = [BINANCE, BYBIT, BYBIT_KLINE];
export const DEFAULT_FUTURES_MARKETS = ['BTCUSDT', 'ETHUSDT'] as const;
export const FUNDING_PAGE = 1000;
const BYBIT_FUNDING_PAGE = 200;
/** openInterestHist and the ratio endpoints keep only the last 30 days. */
const WINDOW_DAYS = 30;
const FUNDING_PER_DAY = 3;
const FUNDING_INTERVAL_MS = 8 * 3_600_000;

const numeric = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
  return n;
});
const fundingSchema = z.array(z.object({ symbol: z.string(), fundingRate: numeric, fundingTime: z.number() }));
const openInterestSchema = z.array(z.object({ symbol: z.string(), sumOpenInterestValue: numeric, timestamp: z.number() }));
const longShortSchema = z.array(z.object({ symbol: z.string(), longShortRatio: numeric, timestamp: z.number() }));
/** Kline rows: [startTime, open, high, low, close, volume, turnover], newest first. */
const bybitKlineSchema = bybitEnvelope(z.array(numeric).min(5));

type Metric = 'funding' | 'open_interest' | 'long_short';

export class BinanceSource implements MarketDataSource {
  readonly name = BINANCE;
  readonly provides: readonly Provision[];
  /** Once Binance says 451, the rest of the run goes to Bybit directly. */
  private restricted = false;

  constructor(
    private readonly binance: HttpClient,
    private readonly bybit: HttpClient,
    private readonly markets: readonly string[] = DEFAULT_FUTURES_MARKETS,
  ) {
    this.provides = markets.flatMap((m) => [
      { kind: 'series' as const, series: seriesName(SERIES.fundingRate8h, m) },
      { kind: 'series' as const, series: seriesName(SERIES.openInterestUsd, m) },
      { kind: 'series' as const, series: seriesName(SERIES.longShortRatio, m) },
    ]);
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since } = context;
    const lastComplete = addDays(today, -1);
    const endMs = msOfDay(today) - 1;
    const requests: PlannedRequest[] = [];
    for (const market of this.markets) {
      const lastFunding = await stored.lastSeriesAt(seriesName(SERIES.fundingRate8h, market), ALL_SOURCES, since);
      const fundingMarker = lastFunding === null ? await stored.emptyMarker(this.name, `funding:${market}`) : null;
      const fundingFrom = firstUncoveredDay(null, since, fundingMarker);
      const startMs = lastFunding === null ? msOfDay(fundingFrom) : lastFunding + 1;
      // Funding settles every 8 h: ask only when a new settlement can have happened.
      if (lastFunding === null ? startMs <= endMs : lastFunding + FUNDING_INTERVAL_MS <= endMs) {
        const days = Math.ceil((endMs - startMs) / 86_400_000);
        requests.push({
          source: this.name,
          key: `${this.name}:funding:${market}`,
          kind: 'history',
          description: `${market} funding rates for ${isoDateOf(dayOfMs(startMs))}..${isoDateOf(lastComplete)}`,
          from: dayOfMs(startMs),
          to: lastComplete,
          calls: Math.max(1, Math.ceil((days * FUNDING_PER_DAY) / FUNDING_PAGE)),
          params: { market, metric: 'funding', startMs, endMs, ...(lastFunding === null ? { emptyFrom: markerStart(fundingMarker, fundingFrom) } : {}) },
        });
      }
      for (const metric of ['open_interest', 'long_short'] as const) {
        const series = seriesName(metric === 'open_interest' ? SERIES.openInterestUsd : SERIES.longShortRatio, market);
        const last = await stored.lastSeriesDay(series, ALL_SOURCES, since);
        const earliest = addDays(today, -WINDOW_DAYS);
        const marker = last === null ? await stored.emptyMarker(this.name, `${metric}:${market}`) : null;
        const from = last === null || last < since ? firstUncoveredDay(null, since > earliest ? since : earliest, marker) : addDays(last, 1);
        if (from > lastComplete) continue;
        requests.push({
          source: this.name,
          key: `${this.name}:${metric}:${market}`,
          kind: 'snapshot',
          description: `${market} ${metric === 'open_interest' ? 'open interest' : 'long/short ratio'} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`,
          from,
          to: lastComplete,
          calls: 1,
          params: { market, metric, limit: Math.min(WINDOW_DAYS, lastComplete - from + 2), ...(last === null ? { emptyFrom: markerStart(marker, from) } : {}) },
        });
      }
    }
    const notes = since < addDays(today, -WINDOW_DAYS) ? [`open interest and long/short ratios exist only for the last ${WINDOW_DAYS} days: daily syncs build their history`] : [];
    return { requests, notes };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const metric = request.params.metric as Metric;
    const emptyFrom = request.params.emptyFrom;
    const marker = typeof emptyFrom === 'number' ? emptyMarkerSetting(this.name, `${metric}:${String(request.params.market)}`, { from: emptyFrom as DayNumber, to: request.to!, checkedOn: context.today }) : undefined;
    yield* withEmptyMarker(this.pages(metric, request), marker);
  }

  private async *pages(metric: Metric, request: PlannedRequest): AsyncIterable<FetchedRecords & { [HAD_DATA]?: boolean }> {
    try {
      if (!this.restricted) {
        try {
          yield* this.fromBinance(metric, request);
          return;
        } catch (error) {
          if (!(error instanceof ProviderError && error.status === 451)) throw error;
          this.restricted = true;
        }
      }
      yield* this.fromBybit(metric, request);
    } catch (error) {
      throw requestError(this.restricted ? `${this.name} (451, fell back to ${BYBIT})` : this.name, request, error);
    }
  }

  private async *fromBinance(metric: Metric, request: PlannedRequest): AsyncIterable<FetchedRecords> {
    const market = String(request.params.market);
    if (metric === 'funding') {
      const series = seriesName(SERIES.fundingRate8h, market);
      let startMs = Number(request.params.startMs);
      const endMs = Number(request.params.endMs);
      for (;;) {
        const page = await this.binance.getJson('/fapi/v1/fundingRate', '/fapi/v1/fundingRate', { symbol: market, startTime: startMs, endTime: endMs, limit: FUNDING_PAGE }, fundingSchema);
        const seriesPoints = page.filter((p) => p.fundingTime >= startMs && p.fundingTime <= endMs).map((p) => ({ series, at: p.fundingTime as SeriesPointRecord['at'], source: BINANCE, value: p.fundingRate }));
        yield { seriesPoints };
        if (page.length < FUNDING_PAGE) return;
        const last = Math.max(...page.map((p) => p.fundingTime));
        if (last + 1 > endMs || last < startMs) return;
        startMs = last + 1;
      }
    }
    const limit = Number(request.params.limit);
    if (metric === 'open_interest') {
      const rows = await this.binance.getJson('/futures/data/openInterestHist', '/futures/data/openInterestHist', { symbol: market, period: '1d', limit }, openInterestSchema);
      yield { seriesPoints: dailyPoints(rows.map((r) => ({ ms: r.timestamp, value: r.sumOpenInterestValue })), seriesName(SERIES.openInterestUsd, market), BINANCE, request) };
      return;
    }
    const rows = await this.binance.getJson('/futures/data/globalLongShortAccountRatio', '/futures/data/globalLongShortAccountRatio', { symbol: market, period: '1d', limit }, longShortSchema);
    yield { seriesPoints: dailyPoints(rows.map((r) => ({ ms: r.timestamp, value: r.longShortRatio })), seriesName(SERIES.longShortRatio, market), BINANCE, request) };
  }

  private async *fromBybit(metric: Metric, request: PlannedRequest): AsyncIterable<FetchedRecords & { [HAD_DATA]?: boolean }> {
    const market = String(request.params.market);
    if (metric === 'funding') {
      // Bybit pages newest first: walk endTime backwards. The pages are gathered and stored as one
      // batch, because storing the newest page first would let a run that stops part-way leave a
      // gap before it that plans (which resume after the last stored settlement) never fill.
      const series = seriesName(SERIES.fundingRate8h, market);
      const startMs = Number(request.params.startMs);
      let endMs = Number(request.params.endMs);
      const byTime = new Map<number, SeriesPointRecord>();
      for (;;) {
        const body = checkBybit(await this.bybit.getJson('/v5/market/funding/history', '/v5/market/funding/history', { category: 'linear', symbol: market, startTime: startMs, endTime: endMs, limit: BYBIT_FUNDING_PAGE }, bybitFundingSchema), '/v5/market/funding/history');
        const list = body.result.list ?? [];
        for (const p of list) if (p.fundingRateTimestamp >= startMs && p.fundingRateTimestamp <= endMs) byTime.set(p.fundingRateTimestamp, { series, at: p.fundingRateTimestamp as SeriesPointRecord['at'], source: BYBIT, value: p.fundingRate });
        if (list.length < BYBIT_FUNDING_PAGE) break;
        const oldest = Math.min(...list.map((p) => p.fundingRateTimestamp));
        if (oldest - 1 < startMs || oldest - 1 >= endMs) break;
        endMs = oldest - 1;
      }
      yield { seriesPoints: [...byTime.values()].sort((a, b) => a.at - b.at) };
      return;
    }
    if (metric === 'open_interest') {
      const { seriesPoints, contracts } = await this.bybitOpenInterestUsd(market, request);
      // Open interest without a price is data, not "nothing there": no marker, asked again.
      yield { seriesPoints, ...(contracts > 0 ? { [HAD_DATA]: true } : {}) };
      return;
    }
    const body = checkBybit(await this.bybit.getJson('/v5/market/account-ratio', '/v5/market/account-ratio', { category: 'linear', symbol: market, period: '1d', limit: Number(request.params.limit) }, bybitRatioSchema), '/v5/market/account-ratio');
    const rows = (body.result.list ?? []).filter((r) => r.sellRatio > 0).map((r) => ({ ms: r.timestamp, value: r.buyRatio / r.sellRatio }));
    yield { seriesPoints: dailyPoints(rows, seriesName(SERIES.longShortRatio, market), BYBIT, request) };
  }

  /**
   * Bybit's daily open interest (contracts, i.e. coins) × the open of Bybit's daily kline that
   * starts at the same timestamp: the USD value when the open interest was measured. A day with
   * no kline is left out (and asked again next sync) rather than priced from elsewhere.
   */
  private async bybitOpenInterestUsd(market: string, request: PlannedRequest): Promise<{ seriesPoints: SeriesPointRecord[]; contracts: number }> {
    const startMs = msOfDay(request.from!);
    const endMs = msOfDay(addDays(request.to!, 1)) - 1;
    const days = request.to! - request.from! + 1;
    const interest = checkBybit(
      await this.bybit.getJson('/v5/market/open-interest', '/v5/market/open-interest', { category: 'linear', symbol: market, intervalTime: '1d', startTime: startMs, endTime: endMs, limit: Math.min(200, days + 1) }, bybitOpenInterestSchema),
      '/v5/market/open-interest',
    );
    const contracts = interest.result.list ?? [];
    if (contracts.length === 0) return { seriesPoints: [], contracts: 0 };
    const klines = checkBybit(
      await this.bybit.getJson('/v5/market/kline', '/v5/market/kline', { category: 'linear', symbol: market, interval: 'D', start: startMs, end: endMs, limit: Math.min(1000, days + 1) }, bybitKlineSchema),
      '/v5/market/kline',
    );
    const openAt = new Map((klines.result.list ?? []).map((k) => [k[0]!, k[1]!]));
    const rows: { ms: number; value: number }[] = [];
    for (const row of contracts) {
      const price = openAt.get(row.timestamp);
      if (price !== undefined) rows.push({ ms: row.timestamp, value: row.openInterest * price });
    }
    return { seriesPoints: dailyPoints(rows, seriesName(SERIES.openInterestUsd, market), BYBIT_KLINE, request), contracts: contracts.length };
  }
}

/** Marks a page that brought data the provider has, though nothing storable (no "nothing there" marker). */
const HAD_DATA = Symbol('had data');

/** The start of an "asked, nothing there" marker: extends a marker that ends the day before `from`. */
function markerStart(marker: EmptyMarker | null, from: DayNumber): DayNumber {
  return marker && marker.to + 1 === from ? marker.from : from;
}

/**
 * Passes pages through, holding each back until the next arrives, so that when the request
 * brought no records at all the last page carries `marker` (written in the same transaction).
 */
async function* withEmptyMarker(pages: AsyncIterable<FetchedRecords & { [HAD_DATA]?: boolean }>, marker: Record<string, string> | undefined): AsyncIterable<FetchedRecords> {
  let held: FetchedRecords | undefined;
  let records = 0;
  for await (const { [HAD_DATA]: hadData, ...page } of pages) {
    if (held) yield held;
    records += recordCount(page) + (hadData ? 1 : 0);
    held = page;
  }
  if (held) yield records === 0 && marker ? { ...held, settings: { ...held.settings, ...marker } } : held;
}

/** One point per day, stamped at the day's start, within the request's days. */
function dailyPoints(rows: { ms: number; value: number }[], series: string, source: string, request: PlannedRequest): SeriesPointRecord[] {
  const byDay = new Map<number, SeriesPointRecord>();
  for (const row of rows) {
    const day = dayOfMs(row.ms);
    if (day < request.from! || day > request.to!) continue;
    byDay.set(day, { series, at: msOfDay(day), source, value: row.value });
  }
  return [...byDay.values()].sort((a, b) => a.at - b.at);
}
