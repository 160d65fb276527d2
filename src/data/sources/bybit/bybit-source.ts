/**
 * Bybit v5 public market data (no key), the deepest free derivatives backfill, for BTC, ETH and
 * large alts: funding history paged back to the symbol's launch (`endTime` walks back to the
 * oldest settlement − 1), daily open interest in coins (`open_interest_coins:<SYM>`, cursor paging)
 * and the daily account long/short ratio buyRatio / sellRatio (from 2020-07-20, cursor paging).
 * Each request's pages are gathered and stored as one batch (newest pages come first, and a run
 * stopped after them would leave a gap the plans never fill). Bybit answers HTTP 403 with an HTML
 * page to US and mainland-China IPs: that fails the request, like any other error.
 */
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import { OPEN_INTEREST_COINS } from '../../../domain/signal-series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';
import { BYBIT, bybitFundingSchema, bybitOpenInterestSchema, bybitRatioSchema, checkBybit } from './bybit-schemas.ts';

export const DEFAULT_BYBIT_MARKETS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'] as const;
export const BYBIT_FUNDING_PAGE = 200;
export const BYBIT_OI_PAGE = 200;
export const BYBIT_RATIO_PAGE = 500;
/** The account ratio's first day, 2020-07-20. */
export const ACCOUNT_RATIO_FIRST_DAY = 18_463 as DayNumber;
/** Open interest in coins (Bybit counts linear contracts in the base coin); suffix: market. */
const FUNDING_INTERVAL_MS = 8 * 3_600_000;
const MAX_PAGES = 10_000;

type Metric = 'funding' | 'open_interest' | 'long_short';
const FUNDING = '/v5/market/funding/history';
const OPEN_INTEREST = '/v5/market/open-interest';
const RATIO = '/v5/market/account-ratio';

export class BybitSource implements MarketDataSource {
  readonly name = BYBIT;
  readonly provides: readonly Provision[];

  constructor(
    private readonly client: HttpClient,
    private readonly markets: readonly string[] = DEFAULT_BYBIT_MARKETS,
  ) {
    this.provides = markets.flatMap((m) => [
      { kind: 'series' as const, series: seriesName(SERIES.fundingRate8h, m) },
      { kind: 'series' as const, series: seriesName(OPEN_INTEREST_COINS, m) },
      { kind: 'series' as const, series: seriesName(SERIES.longShortRatio, m) },
    ]);
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since } = context;
    const lastComplete = addDays(today, -1);
    const endMs = msOfDay(today) - 1;
    const requests: PlannedRequest[] = [];
    for (const market of this.markets) {
      const lastFunding = await stored.lastSeriesAt(seriesName(SERIES.fundingRate8h, market), [this.name], since);
      const fundingMarker = lastFunding === null ? await stored.emptyMarker(this.name, `funding:${market}`) : null;
      const fundingFrom = firstUncoveredDay(null, since, fundingMarker);
      const startMs = lastFunding === null ? msOfDay(fundingFrom) : lastFunding + 1;
      if (lastFunding === null ? startMs <= endMs : lastFunding + FUNDING_INTERVAL_MS <= endMs) {
        const days = Math.ceil((endMs - startMs) / 86_400_000);
        requests.push(this.request(market, 'funding', dayOfMs(startMs), lastComplete, Math.max(1, Math.ceil((days * 3) / BYBIT_FUNDING_PAGE)), { startMs, endMs, ...(lastFunding === null ? { emptyFrom: fundingFrom } : {}) }));
      }
      for (const metric of ['open_interest', 'long_short'] as const) {
        const series = seriesName(metric === 'open_interest' ? OPEN_INTEREST_COINS : SERIES.longShortRatio, market);
        const last = await stored.lastSeriesDay(series, [this.name], since);
        const earliest = metric === 'long_short' && since < ACCOUNT_RATIO_FIRST_DAY ? ACCOUNT_RATIO_FIRST_DAY : since;
        const marker = last === null ? await stored.emptyMarker(this.name, `${metric}:${market}`) : null;
        const from = last === null ? firstUncoveredDay(null, earliest, marker) : addDays(last, 1);
        if (from > lastComplete) continue;
        const page = metric === 'open_interest' ? BYBIT_OI_PAGE : BYBIT_RATIO_PAGE;
        requests.push(this.request(market, metric, from, lastComplete, Math.max(1, Math.ceil((lastComplete - from + 1) / page)), last === null ? { emptyFrom: from } : {}));
      }
    }
    return { requests, notes: [] };
  }

  private request(market: string, metric: Metric, from: DayNumber, to: DayNumber, calls: number, params: Record<string, number>): PlannedRequest {
    const what = metric === 'funding' ? 'funding rates' : metric === 'open_interest' ? 'open interest' : 'account long/short ratio';
    return { source: this.name, key: `${this.name}:${metric}:${market}`, kind: 'history', description: `${market} ${what} for ${isoDateOf(from)}..${isoDateOf(to)}`, from, to, calls, params: { market, metric, ...params } };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const metric = request.params.metric as Metric;
    const market = String(request.params.market);
    let seriesPoints: SeriesPointRecord[];
    try {
      seriesPoints = metric === 'funding' ? await this.funding(market, request) : await this.daily(market, metric, request);
    } catch (error) {
      throw requestError(this.name, request, error);
    }
    const emptyFrom = request.params.emptyFrom;
    if (seriesPoints.length === 0 && typeof emptyFrom === 'number') yield { settings: emptyMarkerSetting(this.name, `${metric}:${market}`, { from: emptyFrom as DayNumber, to: request.to!, checkedOn: context.today }) };
    else yield { seriesPoints };
  }

  /** Funding settlements, paging endTime back to the oldest settlement − 1 until before startMs. */
  private async funding(market: string, request: PlannedRequest): Promise<SeriesPointRecord[]> {
    const series = seriesName(SERIES.fundingRate8h, market);
    const startMs = Number(request.params.startMs);
    let endMs = Number(request.params.endMs);
    const byTime = new Map<number, SeriesPointRecord>();
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = checkBybit(await this.client.getJson(FUNDING, FUNDING, { category: 'linear', symbol: market, startTime: startMs, endTime: endMs, limit: BYBIT_FUNDING_PAGE }, bybitFundingSchema), FUNDING);
      const list = body.result.list ?? [];
      for (const p of list) if (p.fundingRateTimestamp >= startMs && p.fundingRateTimestamp <= endMs) byTime.set(p.fundingRateTimestamp, { series, at: p.fundingRateTimestamp as SeriesPointRecord['at'], source: this.name, value: p.fundingRate });
      if (list.length < BYBIT_FUNDING_PAGE) return [...byTime.values()].sort((a, b) => a.at - b.at);
      const oldest = Math.min(...list.map((p) => p.fundingRateTimestamp));
      if (oldest - 1 < startMs || oldest - 1 >= endMs) return [...byTime.values()].sort((a, b) => a.at - b.at);
      endMs = oldest - 1;
    }
    throw new ProviderError(this.name, FUNDING, 'paging does not end');
  }

  /** Daily open interest (coins) or account ratio, following nextPageCursor; one point per day. */
  private async daily(market: string, metric: 'open_interest' | 'long_short', request: PlannedRequest): Promise<SeriesPointRecord[]> {
    const startMs = msOfDay(request.from!);
    const endMs = msOfDay(addDays(request.to!, 1)) - 1;
    const series = seriesName(metric === 'open_interest' ? OPEN_INTEREST_COINS : SERIES.longShortRatio, market);
    const byDay = new Map<number, SeriesPointRecord>();
    const cursors = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const common = { category: 'linear', symbol: market, startTime: startMs, endTime: endMs, ...(cursor ? { cursor } : {}) };
      const rows: { ms: number; value: number }[] = [];
      let next: string | null | undefined;
      if (metric === 'open_interest') {
        const body = checkBybit(await this.client.getJson(OPEN_INTEREST, OPEN_INTEREST, { ...common, intervalTime: '1d', limit: BYBIT_OI_PAGE }, bybitOpenInterestSchema), OPEN_INTEREST);
        for (const r of body.result.list ?? []) rows.push({ ms: r.timestamp, value: r.openInterest });
        next = body.result.nextPageCursor;
      } else {
        const body = checkBybit(await this.client.getJson(RATIO, RATIO, { ...common, period: '1d', limit: BYBIT_RATIO_PAGE }, bybitRatioSchema), RATIO);
        for (const r of body.result.list ?? []) if (r.sellRatio > 0) rows.push({ ms: r.timestamp, value: r.buyRatio / r.sellRatio });
        next = body.result.nextPageCursor;
      }
      for (const row of rows) {
        const day = dayOfMs(row.ms);
        if (day >= request.from! && day <= request.to!) byDay.set(day, { series, at: msOfDay(day), source: this.name, value: row.value });
      }
      if (!next || rows.length === 0 || cursors.has(next)) return [...byDay.values()].sort((a, b) => a.at - b.at);
      cursors.add(next);
      cursor = next;
    }
    throw new ProviderError(this.name, metric === 'open_interest' ? OPEN_INTEREST : RATIO, 'paging does not end');
  }
}
