/**
 * Coin Metrics community exchange flows (FlowInExNtv / FlowOutExNtv, native units) where the tier
 * serves them (btc, eth; other assets are "not definable" or forbidden, and
 * `ignore_forbidden_errors` drops them). Flows are REVISED (exchange wallets are re-clustered), so
 * each sync day stores the values it saw as a vintage (`exchange_inflow_native:BTC@<day>`): the
 * first from `since`, later ones the last FLOW_REVISION_DAYS days, where revisions land. Signals
 * read them point in time (docs/signals.md). A source of its own (`coinmetrics-flows`, rows from
 * `coinmetrics`) so the price history's one-request-a-day plan is unchanged. Licence CC BY-NC 4.0.
 */
import { z } from 'zod';
import { addDays, isoDateOf, msOfDay, parseDay } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { seriesName } from '../../../domain/series-names.ts';
import { SIGNAL_SERIES, vintageSeriesName } from '../../../domain/signal-series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting } from '../stored-coverage.ts';
import { COINMETRICS, ENDPOINT, numberText, PAGE_SIZE, parseNumber } from './coinmetrics-source.ts';

export const COINMETRICS_FLOWS = 'coinmetrics-flows';
export const FLOW_ASSETS = ['btc', 'eth'] as const;
export const FLOW_REVISION_DAYS = 30;
const FLOW_METRICS = ['FlowInExNtv', 'FlowOutExNtv'] as const;
const FLOWS_STARTED = 'sync.coinmetrics.flows.first';
const flowPageSchema = z.object({
  data: z.array(z.object({ asset: z.string(), time: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, 'expected an ISO timestamp'), FlowInExNtv: numberText, FlowOutExNtv: numberText })),
  next_page_url: z.string().nullable().optional(),
});

export class CoinMetricsFlowsSource implements MarketDataSource {
  readonly name = COINMETRICS_FLOWS;
  readonly provides: readonly Provision[] = [
    { kind: 'series', series: `${SIGNAL_SERIES.exchangeInflowNative}:<ASSET>@<fetch day> (vintages)` },
    { kind: 'series', series: `${SIGNAL_SERIES.exchangeOutflowNative}:<ASSET>@<fetch day> (vintages)` },
  ];

  constructor(
    private readonly client: HttpClient,
    private readonly assets: readonly string[] = FLOW_ASSETS,
  ) {}

  /** Today's vintage, unless stored (or found not served) today. */
  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since } = context;
    const none = { requests: [], notes: [] };
    if (this.assets.length === 0) return none;
    const lastComplete = addDays(today, -1);
    const todays = vintageSeriesName(seriesName(SIGNAL_SERIES.exchangeInflowNative, this.assets[0]!.toUpperCase()), today);
    if ((await stored.lastSeriesDay(todays, [COINMETRICS])) !== null) return none;
    if ((await stored.emptyMarker(this.name, 'flows'))?.checkedOn === today) return none;
    const started = (await stored.bookkeeping(FLOWS_STARTED)) !== undefined;
    const from = started ? addDays(today, -FLOW_REVISION_DAYS) : since;
    if (from > lastComplete) return none;
    return {
      requests: [
        {
          source: this.name,
          key: `${this.name}:exchange-flows`,
          kind: 'snapshot',
          description: `exchange flows of ${this.assets.join(',')} for ${isoDateOf(from)}..${isoDateOf(lastComplete)} (today's vintage)`,
          from,
          to: lastComplete,
          calls: Math.max(1, Math.ceil((this.assets.length * (lastComplete - from + 1)) / PAGE_SIZE)),
          params: { assets: this.assets },
        },
      ],
      notes: started ? [] : ['exchange flows are revised: each sync stores the values it saw (a vintage), read point in time'],
    };
  }

  fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    return this.fetchFlows(request, context);
  }

  /** The flows as seen today, one vintage batch (a vintage is only usable whole). */
  private async *fetchFlows(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    let query: Record<string, string | number> = {
      assets: (request.params.assets as readonly string[]).join(','),
      metrics: FLOW_METRICS.join(','),
      frequency: '1d',
      start_time: isoDateOf(request.from!),
      end_time: isoDateOf(request.to!),
      page_size: PAGE_SIZE,
      paging_from: 'start',
      ignore_forbidden_errors: 'true',
      ignore_unsupported_errors: 'true',
    };
    const seriesPoints: SeriesPointRecord[] = [];
    const followed = new Set<string>();
    try {
      for (let page = 1; ; page++) {
        const body = await this.client.getJson(ENDPOINT, ENDPOINT, query, flowPageSchema);
        body.data.forEach((row, index) => {
          const day = parseDay(row.time.slice(0, 10), `${COINMETRICS} data[${index}].time`);
          if (day < request.from! || day > request.to!) return;
          const symbol = row.asset.toUpperCase();
          for (const [metric, base] of [['FlowInExNtv', SIGNAL_SERIES.exchangeInflowNative], ['FlowOutExNtv', SIGNAL_SERIES.exchangeOutflowNative]] as const) {
            const value = parseNumber(row[metric], `data[${index}].${metric}`, page);
            if (value !== null) seriesPoints.push({ series: vintageSeriesName(seriesName(base, symbol), context.today), at: msOfDay(day), source: COINMETRICS, value });
          }
        });
        if (!body.next_page_url) break;
        const next = new URL(body.next_page_url);
        next.searchParams.sort();
        if (followed.has(next.search)) throw new ProviderError(COINMETRICS, ENDPOINT, `page ${page}: next_page_url points at a page already read; stopped rather than paging forever`);
        followed.add(next.search);
        query = Object.fromEntries(next.searchParams);
      }
    } catch (error) {
      throw requestError(COINMETRICS_FLOWS, request, error);
    }
    // Not served (community tier, other assets): recorded for the day, asked again tomorrow.
    if (seriesPoints.length === 0) yield { settings: emptyMarkerSetting(COINMETRICS_FLOWS, 'flows', { from: request.from!, to: request.to!, checkedOn: context.today }) };
    else yield { seriesPoints, settings: { [FLOWS_STARTED]: isoDateOf(context.today) } };
  }}
