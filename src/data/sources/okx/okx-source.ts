/**
 * OKX v5 public funding-rate history (no key), the second opinion and last fallback for funding:
 * `GET /api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit=100[&after=ms]`, newest first,
 * **last 3 months only** (ROLLING: collected daily from the first sync on). Pages walk back with
 * `after` = the oldest fundingTime seen; the pages are gathered and stored as one batch, so a run
 * that stops part-way leaves no gap behind the stored settlements. Envelope `{code: "0", msg, data}`;
 * a code other than "0" is an error. Stored as `funding_rate_8h:<BTCUSDT>` from `okx`, beside the
 * import's OKX column.
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';

export const OKX = 'okx';
const ENDPOINT = '/api/v5/public/funding-rate-history';
export const OKX_PAGE = 100;
/** How far back OKX serves funding. */
export const OKX_HISTORY_DAYS = 90;
/** OKX instrument → the market name the store uses. */
export const DEFAULT_OKX_MARKETS: readonly { instId: string; market: string }[] = [
  { instId: 'BTC-USDT-SWAP', market: 'BTCUSDT' },
  { instId: 'ETH-USDT-SWAP', market: 'ETHUSDT' },
];
const FUNDING_INTERVAL_MS = 8 * 3_600_000;

const numeric = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (v === '' || !Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
  return n;
});
const historySchema = z.object({ code: z.string(), msg: z.string().optional(), data: z.array(z.object({ instId: z.string(), fundingRate: numeric, fundingTime: numeric })) });

export class OkxSource implements MarketDataSource {
  readonly name = OKX;
  readonly provides: readonly Provision[];

  constructor(
    private readonly client: HttpClient,
    private readonly markets: readonly { instId: string; market: string }[] = DEFAULT_OKX_MARKETS,
  ) {
    this.provides = markets.map((m) => ({ kind: 'series' as const, series: seriesName(SERIES.fundingRate8h, m.market) }));
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since } = context;
    const lastComplete = addDays(today, -1);
    const endMs = msOfDay(today) - 1;
    const earliest = addDays(today, -OKX_HISTORY_DAYS);
    const requests: PlannedRequest[] = [];
    for (const { instId, market } of this.markets) {
      const series = seriesName(SERIES.fundingRate8h, market);
      const last = await stored.lastSeriesAt(series, [this.name], since);
      const marker = last === null ? await stored.emptyMarker(this.name, instId) : null;
      const fromDay = firstUncoveredDay(null, since > earliest ? since : earliest, marker);
      const startMs = last === null ? msOfDay(fromDay) : last + 1;
      if (last === null ? startMs > endMs : last + FUNDING_INTERVAL_MS > endMs) continue;
      const days = Math.ceil((endMs - startMs) / 86_400_000);
      requests.push({
        source: this.name,
        key: `${this.name}:funding:${instId}`,
        kind: 'history',
        description: `${instId} funding rates for ${isoDateOf(dayOfMs(startMs))}..${isoDateOf(lastComplete)}`,
        from: dayOfMs(startMs),
        to: lastComplete,
        calls: Math.max(1, Math.ceil((days * 3) / OKX_PAGE)),
        params: { instId, market, startMs, endMs, ...(last === null ? { emptyFrom: fromDay } : {}) },
      });
    }
    const notes = since < earliest ? [`OKX serves funding for the last ${OKX_HISTORY_DAYS} days only: daily syncs keep its history`] : [];
    return { requests, notes };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const instId = String(request.params.instId);
    const series = seriesName(SERIES.fundingRate8h, String(request.params.market));
    const startMs = Number(request.params.startMs);
    const endMs = Number(request.params.endMs);
    const byTime = new Map<number, SeriesPointRecord>();
    try {
      let after: number | undefined;
      for (let page = 0; ; page++) {
        if (page > 1000) throw new ProviderError(this.name, ENDPOINT, 'paging does not end');
        const body = await this.client.getJson(ENDPOINT, ENDPOINT, { instId, limit: OKX_PAGE, ...(after !== undefined ? { after } : {}) }, historySchema);
        if (body.code !== '0') throw new ProviderError(this.name, ENDPOINT, `code ${body.code}: ${body.msg ?? ''}`.trim());
        for (const row of body.data) if (row.fundingTime >= startMs && row.fundingTime <= endMs) byTime.set(row.fundingTime, { series, at: row.fundingTime as SeriesPointRecord['at'], source: this.name, value: row.fundingRate });
        if (body.data.length < OKX_PAGE) break;
        const oldest = Math.min(...body.data.map((r) => r.fundingTime));
        if (oldest <= startMs || (after !== undefined && oldest >= after)) break;
        after = oldest;
      }
    } catch (error) {
      throw requestError(this.name, request, error);
    }
    const seriesPoints = [...byTime.values()].sort((a, b) => a.at - b.at);
    const emptyFrom = request.params.emptyFrom;
    if (seriesPoints.length === 0 && typeof emptyFrom === 'number') yield { settings: emptyMarkerSetting(this.name, instId, { from: emptyFrom as DayNumber, to: request.to!, checkedOn: context.today }) };
    else yield { seriesPoints };
  }
}
