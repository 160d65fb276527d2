/**
 * Yahoo Finance's raw v8 chart endpoint (what yahoo-finance2's chart() calls): daily bars for
 * ^RUT, ^GSPC and IWM. Bars with a null close (holidays, partial days) are skipped; days are the
 * exchange's local dates (timestamp + gmtoffset). Plans skip ranges that hold no weekday.
 *
 * IWM (an ETF that pays dividends) is stored adjusted: close = `indicators.adjclose`, and open,
 * high and low scaled by the same adjclose/close factor, so returns include dividends, as in
 * ../shared/data's IWM. The indices (^RUT, ^GSPC) are price indices with no dividends or splits:
 * their raw close is stored (Yahoo's adjclose equals it). An adjusted history is rescaled by Yahoo
 * at every ex-dividend day, so each IWM request re-reads the last stored day: if its adjusted
 * close moved, the whole stored range is fetched again and rewritten on the new basis.
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, weekdayOf, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { EquityBarRecord } from '../../../domain/records.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';

export const YAHOO = 'yahoo';
export const DEFAULT_EQUITY_SYMBOLS = ['^RUT', '^GSPC', 'IWM'] as const;
/** Symbols stored with dividend- and split-adjusted prices (funds); the rest keep raw closes. */
export const DEFAULT_ADJUSTED_SYMBOLS: readonly string[] = ['IWM'];
/** Relative change of a re-read adjusted close that means Yahoo rescaled the history. */
const REBASE_TOLERANCE = 1e-6;
const ENDPOINT = '/v8/finance/chart';
/** Before any stored bar: "the whole stored history" when looking for the first stored day. */
const EARLIEST_DAY = -1_000_000 as DayNumber;

const values = z.array(z.number().nullable()).optional();
const chartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z.object({ symbol: z.string().optional(), gmtoffset: z.number().optional() }).passthrough(),
          timestamp: z.array(z.number()).optional(),
          indicators: z.object({
            quote: z.array(z.object({ open: values, high: values, low: values, close: values, volume: values })),
            adjclose: z.array(z.object({ adjclose: values })).optional(),
          }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string().nullable().optional() }).nullable().optional(),
  }),
});

export class YahooSource implements MarketDataSource {
  readonly name = YAHOO;
  readonly provides: readonly Provision[];

  private readonly adjusted: ReadonlySet<string>;

  constructor(
    private readonly client: HttpClient,
    private readonly symbols: readonly string[] = DEFAULT_EQUITY_SYMBOLS,
    adjustedSymbols: readonly string[] = DEFAULT_ADJUSTED_SYMBOLS,
  ) {
    this.provides = symbols.map((symbol) => ({ kind: 'equity', symbol }));
    this.adjusted = new Set(adjustedSymbols);
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, since } = context;
    const lastComplete = addDays(context.today, -1);
    const requests: PlannedRequest[] = [];
    for (const symbol of this.symbols) {
      const last = await stored.lastEquityBar(symbol, this.name, since);
      const marker = last === null ? await stored.emptyMarker(this.name, symbol) : null;
      const from = firstUncoveredDay(last?.day, since, marker);
      if (!hasWeekday(from, lastComplete)) continue;
      const params: PlannedRequest['params'] =
        last === null
          ? { symbol, emptyFrom: marker && marker.to + 1 === from ? marker.from : from }
          : this.adjusted.has(symbol)
            ? // Re-read the last stored day to notice a rescaled (ex-dividend) history.
              // A rescale moves every stored day, also those before --since (a deeper earlier sync).
              { symbol, checkDay: last.day, checkClose: last.close, firstStored: (await stored.firstEquityDay(symbol, this.name, EARLIEST_DAY)) ?? last.day }
            : { symbol };
      requests.push({
        source: this.name,
        key: `${this.name}:chart:${symbol}`,
        kind: 'history',
        description: `${symbol} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}${this.adjusted.has(symbol) ? ' (adjusted)' : ''}`,
        from,
        to: lastComplete,
        calls: 1,
        params,
      });
    }
    return { requests, notes: [] };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const symbol = String(request.params.symbol);
    const to = request.to!;
    const { checkDay, checkClose, firstStored, emptyFrom } = request.params as { checkDay?: DayNumber; checkClose?: number; firstStored?: DayNumber; emptyFrom?: DayNumber };
    try {
      const bars = await this.bars(symbol, checkDay ?? request.from!, to);
      const check = checkDay === undefined ? undefined : bars.find((b) => b.day === checkDay);
      if (check && checkClose !== undefined && firstStored !== undefined && Math.abs(check.close / checkClose - 1) > REBASE_TOLERANCE) {
        // Yahoo rescaled the adjusted history (a dividend or split since the last sync): rewrite it all.
        yield { equityBars: await this.bars(symbol, Math.min(firstStored, request.from!) as DayNumber, to) };
        return;
      }
      const equityBars = bars.filter((b) => b.day >= request.from!);
      if (equityBars.length === 0 && emptyFrom !== undefined) {
        yield { equityBars, settings: emptyMarkerSetting(this.name, symbol, { from: emptyFrom, to, checkedOn: context.today }) };
        return;
      }
      yield { equityBars };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }

  /** Bars of `symbol` for `from..to` (adjusted for the adjusted symbols). */
  private async bars(symbol: string, from: DayNumber, to: DayNumber): Promise<EquityBarRecord[]> {
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
    const adjusted = this.adjusted.has(symbol);
    const adjclose = result?.indicators.adjclose?.[0]?.adjclose;
    if (adjusted && timestamps.length > 0 && !adjclose) {
      throw new ProviderError(this.name, ENDPOINT, `${symbol} is stored with adjusted closes, but the response has no indicators.adjclose; nothing from it was stored (raw closes would mix into the adjusted history)`);
    }
    const offsetMs = (result?.meta.gmtoffset ?? 0) * 1000;
    const seen = new Set<number>();
    timestamps.forEach((seconds, index) => {
      const raw = quote?.close?.[index];
      if (raw === null || raw === undefined) return;
      const close = adjusted ? adjclose?.[index] : raw;
      if (close === null || close === undefined) return;
      const day = dayOfMs(seconds * 1000 + offsetMs);
      if (day < from || day > to || seen.has(day)) return;
      seen.add(day);
      const factor = adjusted && raw !== 0 ? close / raw : 1;
      const scaled = (value: number | null | undefined) => (value === null || value === undefined ? null : value * factor);
      equityBars.push({
        symbol,
        day,
        source: this.name,
        open: scaled(quote?.open?.[index]),
        high: scaled(quote?.high?.[index]),
        low: scaled(quote?.low?.[index]),
        close,
        volume: quote?.volume?.[index] ?? null,
      });
    });
    return equityBars;
  }
}

function hasWeekday(from: DayNumber, to: DayNumber): boolean {
  for (let day = from; day <= to && day < from + 7; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) return true;
  }
  return false;
}
