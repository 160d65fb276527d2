/**
 * Deribit public API (JSON-RPC over GET, no key): a daily snapshot of the BTC and ETH option
 * chains (get_instruments for the expiry times, get_book_summary_by_currency for mark IV and the
 * forward of each expiry), stored raw so the 25-delta skew is computed on read
 * (analytics/signals/option-skew.ts) and can be recomputed; and the DVOL index's daily history
 * (get_volatility_index_data, paged back with `continuation`). No free skew history exists: the
 * chain is a SNAPSHOT, kept from the first sync on (docs/signals.md).
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { seriesName } from '../../../domain/series-names.ts';
import { parseOptionName, SIGNAL_SERIES } from '../../../domain/signal-series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';

export const DERIBIT = 'deribit';
export const DERIBIT_CURRENCIES = ['BTC', 'ETH'] as const;
const BOOK = '/public/get_book_summary_by_currency';
const INSTRUMENTS = '/public/get_instruments';
const DVOL = '/public/get_volatility_index_data';
/** DVOL's first day (BTC and ETH), 2021-03-24. */
export const DVOL_FIRST_DAY = 18_710 as DayNumber;
/** DVOL rows per call (an estimate for the plan's totals). */
export const DVOL_PAGE = 1000;
/** A mark price below this (in the coin) is no quote. */
const MIN_MARK_PRICE = 1e-8;

const numeric = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
  return n;
});
const envelope = <T extends z.ZodType>(result: T) => z.object({ result });
const instrumentsSchema = envelope(z.array(z.object({ instrument_name: z.string(), strike: numeric, option_type: z.enum(['call', 'put']), expiration_timestamp: numeric })));
const bookSchema = envelope(
  z.array(
    z.object({
      instrument_name: z.string(),
      mark_iv: numeric.nullable().optional(),
      mark_price: numeric.nullable().optional(),
      underlying_price: numeric.nullable().optional(),
      creation_timestamp: numeric,
    }),
  ),
);
const dvolSchema = envelope(z.object({ data: z.array(z.array(numeric).min(5)), continuation: numeric.nullable().optional() }));

export class DeribitSource implements MarketDataSource {
  readonly name = DERIBIT;
  readonly provides: readonly Provision[];

  constructor(
    private readonly client: HttpClient,
    private readonly currencies: readonly string[] = DERIBIT_CURRENCIES,
  ) {
    this.provides = currencies.flatMap((c) => [
      { kind: 'series' as const, series: `${SIGNAL_SERIES.optionMarkIv}:${c}-<expiry>-<strike>-<C|P>` },
      { kind: 'series' as const, series: seriesName(SIGNAL_SERIES.dvol, c) },
    ]);
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since } = context;
    const lastComplete = addDays(today, -1);
    const requests: PlannedRequest[] = [];
    for (const currency of this.currencies) {
      const snapshotDay = await stored.lastSeriesDay(seriesName(SIGNAL_SERIES.optionSnapshotMs, currency), [this.name], today);
      const empty = await stored.emptyMarker(this.name, `chain:${currency}`);
      if (snapshotDay !== today && empty?.checkedOn !== today) {
        requests.push({ source: this.name, key: `${this.name}:chain:${currency}`, kind: 'snapshot', description: `${currency} option chain on ${isoDateOf(today)}`, from: today, to: today, calls: 2, params: { kind: 'chain', currency } });
      }
      const dvol = seriesName(SIGNAL_SERIES.dvol, currency);
      const last = await stored.lastSeriesDay(dvol, [this.name], since);
      const marker = last === null ? await stored.emptyMarker(this.name, `dvol:${currency}`) : null;
      const from = firstUncoveredDay(last, since > DVOL_FIRST_DAY ? since : DVOL_FIRST_DAY, marker);
      if (from > lastComplete) continue;
      requests.push({
        source: this.name,
        key: `${this.name}:dvol:${currency}`,
        kind: 'history',
        description: `${currency} DVOL for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`,
        from,
        to: lastComplete,
        calls: Math.max(1, Math.ceil((lastComplete - from + 1) / DVOL_PAGE)),
        params: { kind: 'dvol', currency },
      });
    }
    const notes = requests.some((r) => r.params.kind === 'chain') ? ['Deribit option chains are snapshots: the 25-delta skew has history only from the first sync on'] : [];
    return { requests, notes };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const currency = String(request.params.currency);
    try {
      if (request.params.kind === 'chain') yield await this.chain(currency, context);
      else yield await this.dvol(currency, request, context);
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }

  private async chain(currency: string, context: FetchContext): Promise<FetchedRecords> {
    const instruments = (await this.client.getJson(INSTRUMENTS, INSTRUMENTS, { currency, kind: 'option', expired: 'false' }, instrumentsSchema)).result;
    const book = (await this.client.getJson(BOOK, BOOK, { currency, kind: 'option' }, bookSchema)).result;
    const expiryOf = new Map(instruments.map((i) => [i.instrument_name, i.expiration_timestamp]));
    // Stamped at 00:00 UTC of the sync day (the day's snapshot); the true time is kept beside it.
    const at = msOfDay(context.today);
    const seriesPoints: SeriesPointRecord[] = [];
    const forwards = new Map<string, number[]>();
    const expiries = new Map<string, number>();
    let snapshotMs = -Infinity;
    for (const row of book) {
      const parts = parseOptionName(row.instrument_name);
      const expiry = expiryOf.get(row.instrument_name);
      if (!parts || parts.currency !== currency || expiry === undefined) continue;
      const { mark_iv: iv, mark_price: mark, underlying_price: forward } = row;
      if (iv == null || !(iv > 0) || mark == null || !(mark > MIN_MARK_PRICE) || forward == null || !(forward > 0)) continue;
      seriesPoints.push({ series: seriesName(SIGNAL_SERIES.optionMarkIv, row.instrument_name), at, source: this.name, value: iv });
      const key = `${currency}-${parts.expiryCode}`;
      forwards.set(key, [...(forwards.get(key) ?? []), forward]);
      expiries.set(key, expiry);
      snapshotMs = Math.max(snapshotMs, row.creation_timestamp);
    }
    for (const [key, values] of forwards) {
      const sorted = [...values].sort((a, b) => a - b);
      seriesPoints.push({ series: seriesName(SIGNAL_SERIES.optionForward, key), at, source: this.name, value: sorted[Math.floor(sorted.length / 2)]! });
      seriesPoints.push({ series: seriesName(SIGNAL_SERIES.optionExpiryMs, key), at, source: this.name, value: expiries.get(key)! });
    }
    if (seriesPoints.length === 0) return { settings: emptyMarkerSetting(this.name, `chain:${currency}`, { from: context.today, to: context.today, checkedOn: context.today }) };
    seriesPoints.push({ series: seriesName(SIGNAL_SERIES.optionSnapshotMs, currency), at, source: this.name, value: snapshotMs });
    return { seriesPoints };
  }

  /** DVOL daily closes, paged backwards from the end with `continuation`, stored as one batch. */
  private async dvol(currency: string, request: PlannedRequest, context: FetchContext): Promise<FetchedRecords> {
    const start = msOfDay(request.from!);
    let end = msOfDay(addDays(request.to!, 1)) - 1;
    const byDay = new Map<number, SeriesPointRecord>();
    const series = seriesName(SIGNAL_SERIES.dvol, currency);
    for (let page = 0; ; page++) {
      if (page > 10_000) throw new ProviderError(this.name, DVOL, 'continuation does not end');
      const { result } = await this.client.getJson(DVOL, DVOL, { currency, start_timestamp: start, end_timestamp: end, resolution: '1D' }, dvolSchema);
      for (const [ts, , , , close] of result.data) {
        const day = dayOfMs(ts!);
        if (day >= request.from! && day <= request.to!) byDay.set(day, { series, at: msOfDay(day), source: this.name, value: close! });
      }
      const next = result.continuation;
      if (next === null || next === undefined || result.data.length === 0 || next >= end || next < start) break;
      end = next;
    }
    const seriesPoints = [...byDay.values()].sort((a, b) => a.at - b.at);
    if (seriesPoints.length === 0) return { settings: emptyMarkerSetting(this.name, `dvol:${currency}`, { from: request.from!, to: request.to!, checkedOn: context.today }) };
    return { seriesPoints };
  }
}
