/**
 * DefiLlama stablecoin supply: one request returns the whole daily history (all pegs, in USD), so
 * a plan asks at most once a day and stores only the days after the last stored one. An empty
 * answer is recorded for the day (asked again tomorrow, in full: the call costs the same).
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay } from '../../../domain/dates.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstMissingDay } from '../stored-coverage.ts';

export const DEFILLAMA = 'defillama';
const ENDPOINT = '/stablecoincharts/all';
const SUBJECT = 'stablecoincharts';

const chartSchema = z.array(
  z.object({
    date: z.union([z.string().regex(/^\d+$/, 'expected unix seconds'), z.number()]).transform(Number),
    totalCirculatingUSD: z.record(z.string(), z.number()),
  }),
);

export class DefiLlamaSource implements MarketDataSource {
  readonly name = DEFILLAMA;
  readonly provides: readonly Provision[] = [{ kind: 'series', series: SERIES.stablecoinSupplyUsd }];

  constructor(private readonly client: HttpClient) {}

  async plan(context: PlanContext): Promise<SourcePlan> {
    const lastComplete = addDays(context.today, -1);
    const last = await context.stored.lastSeriesDay(SERIES.stablecoinSupplyUsd, [this.name], context.since);
    const from = firstMissingDay(last, context.since);
    if (from > lastComplete) return { requests: [], notes: [] };
    if (last === null && (await context.stored.emptyMarker(this.name, SUBJECT))?.checkedOn === context.today) return { requests: [], notes: [] };
    return {
      requests: [{ source: this.name, key: `${this.name}:stablecoincharts`, kind: 'history', description: `stablecoin supply for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`, from, to: lastComplete, calls: 1, params: {} }],
      notes: [],
    };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    try {
      const rows = await this.client.getJson(ENDPOINT, ENDPOINT, {}, chartSchema);
      const seriesPoints: SeriesPointRecord[] = [];
      for (const row of rows) {
        const day = dayOfMs(row.date * 1000);
        if (day < request.from! || day > request.to!) continue;
        const value = Object.values(row.totalCirculatingUSD).reduce((sum, v) => sum + v, 0);
        seriesPoints.push({ series: SERIES.stablecoinSupplyUsd, at: msOfDay(day), source: this.name, value });
      }
      yield { seriesPoints, ...(rows.length === 0 ? { settings: emptyMarkerSetting(this.name, SUBJECT, { from: request.from!, to: request.to!, checkedOn: context.today }) } : {}) };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}
