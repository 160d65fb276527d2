/**
 * Yahoo Finance's raw v8 chart endpoint (what yahoo-finance2's chart() calls): daily bars for
 * ^RUT, ^GSPC and IWM. Bars with a null close (holidays, partial days) are skipped; days are the
 * exchange's local dates (timestamp + gmtoffset). Plans skip ranges that hold no weekday.
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, weekdayOf, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { EquityBarRecord } from '../../../domain/records.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { firstMissingDay, lastEquityDay } from '../stored-coverage.ts';

export const YAHOO = 'yahoo';
export const DEFAULT_EQUITY_SYMBOLS = ['^RUT', '^GSPC', 'IWM'] as const;
const ENDPOINT = '/v8/finance/chart';

const values = z.array(z.number().nullable()).optional();
const chartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z.object({ symbol: z.string().optional(), gmtoffset: z.number().optional() }).passthrough(),
          timestamp: z.array(z.number()).optional(),
          indicators: z.object({ quote: z.array(z.object({ open: values, high: values, low: values, close: values, volume: values })) }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string().nullable().optional() }).nullable().optional(),
  }),
});

export class YahooSource implements MarketDataSource {
  readonly name = YAHOO;
  readonly provides: readonly Provision[];

  constructor(
    private readonly client: HttpClient,
    private readonly symbols: readonly string[] = DEFAULT_EQUITY_SYMBOLS,
  ) {
    this.provides = symbols.map((symbol) => ({ kind: 'equity', symbol }));
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const lastComplete = addDays(context.today, -1);
    const requests: PlannedRequest[] = [];
    for (const symbol of this.symbols) {
      const from = firstMissingDay(await lastEquityDay(context.store, symbol, this.name, context.since), context.since);
      if (!hasWeekday(from, lastComplete)) continue;
      requests.push({
        source: this.name,
        key: `${this.name}:chart:${symbol}`,
        kind: 'history',
        description: `${symbol} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`,
        from,
        to: lastComplete,
        calls: 1,
        params: { symbol },
      });
    }
    return { requests, notes: [] };
  }

  async *fetch(request: PlannedRequest, _context: FetchContext): AsyncIterable<FetchedRecords> {
    const symbol = String(request.params.symbol);
    const from = request.from!;
    const to = request.to!;
    try {
      const body = await this.client.getJson(ENDPOINT, `${ENDPOINT}/${encodeURIComponent(symbol)}`, {
        period1: msOfDay(from) / 1000,
        period2: msOfDay(addDays(to, 1)) / 1000,
        interval: '1d',
        events: 'history',
      }, chartSchema);
      if (body.chart.error) throw new ProviderError(this.name, ENDPOINT, `${body.chart.error.code}: ${body.chart.error.description ?? ''}`.trim());
      const result = body.chart.result?.[0];
      const equityBars: EquityBarRecord[] = [];
      const timestamps = result?.timestamp ?? [];
      const quote = result?.indicators.quote[0];
      const offsetMs = (result?.meta.gmtoffset ?? 0) * 1000;
      const seen = new Set<number>();
      timestamps.forEach((seconds, index) => {
        const close = quote?.close?.[index];
        if (close === null || close === undefined) return;
        const day = dayOfMs(seconds * 1000 + offsetMs);
        if (day < from || day > to || seen.has(day)) return;
        seen.add(day);
        equityBars.push({
          symbol,
          day,
          source: this.name,
          open: quote?.open?.[index] ?? null,
          high: quote?.high?.[index] ?? null,
          low: quote?.low?.[index] ?? null,
          close,
          volume: quote?.volume?.[index] ?? null,
        });
      });
      yield { equityBars };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}

function hasWeekday(from: DayNumber, to: DayNumber): boolean {
  for (let day = from; day <= to && day < from + 7; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) return true;
  }
  return false;
}
