/**
 * alternative.me's Crypto Fear & Greed Index (no key): `GET /fng/?limit=N&format=json`, newest
 * first, daily from 2018-02-01, every number a string. One request brings every missing day
 * (`limit` = days since the last stored one; 0 = the whole history). Stored as `fear_greed` from
 * `alternative.me`, the same source name the import of fear_greed_daily.csv uses, so imported and
 * synced days are one series. Missing days upstream (2018-04-14 → 16, 2024-10-26) stay missing.
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';

/** The source name (as `altseason sync --source` takes it). */
export const ALTERNATIVE_ME = 'alternative-me';
/** The provenance stored on the rows: the same as the CSV import's. */
export const ALTERNATIVE_ME_ROWS = 'alternative.me';
/** The index's first day, 2018-02-01. */
export const FEAR_GREED_FIRST_DAY = 17_563 as DayNumber;
const ENDPOINT = '/fng/';
const SUBJECT = 'fng';

const text = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
  return n;
});
const fngSchema = z.object({
  data: z.array(z.object({ value: text, value_classification: z.string().optional(), timestamp: text })),
  metadata: z.object({ error: z.string().nullable().optional() }).optional(),
});

export class AlternativeMeSource implements MarketDataSource {
  readonly name = ALTERNATIVE_ME;
  readonly provides: readonly Provision[] = [{ kind: 'series', series: SERIES.fearGreed }];

  constructor(private readonly client: HttpClient) {}

  async plan(context: PlanContext): Promise<SourcePlan> {
    const lastComplete = addDays(context.today, -1);
    const last = await context.stored.lastSeriesDay(SERIES.fearGreed, [ALTERNATIVE_ME_ROWS], context.since);
    const marker = last === null ? await context.stored.emptyMarker(this.name, SUBJECT) : null;
    const from = firstUncoveredDay(last, context.since > FEAR_GREED_FIRST_DAY ? context.since : FEAR_GREED_FIRST_DAY, marker);
    if (from > lastComplete) return { requests: [], notes: [] };
    return {
      requests: [{ source: this.name, key: `${this.name}:fng`, kind: 'history', description: `Fear & Greed for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`, from, to: lastComplete, calls: 1, params: { limit: context.today - from + 1 } }],
      notes: [],
    };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    try {
      const body = await this.client.getJson(ENDPOINT, ENDPOINT, { limit: Number(request.params.limit), format: 'json' }, fngSchema);
      if (body.metadata?.error) throw new ProviderError(this.name, ENDPOINT, `metadata.error: ${body.metadata.error}`);
      const byDay = new Map<number, SeriesPointRecord>();
      for (const row of body.data) {
        const day = dayOfMs(row.timestamp * 1000);
        if (day < request.from! || day > request.to!) continue;
        if (row.value < 0 || row.value > 100) throw new ProviderError(this.name, ENDPOINT, `value ${row.value} on ${isoDateOf(day)} is outside 0–100`);
        byDay.set(day, { series: SERIES.fearGreed, at: msOfDay(day), source: ALTERNATIVE_ME_ROWS, value: row.value });
      }
      const seriesPoints = [...byDay.values()].sort((a, b) => a.at - b.at);
      yield seriesPoints.length > 0 ? { seriesPoints } : { settings: emptyMarkerSetting(this.name, SUBJECT, { from: request.from!, to: request.to!, checkedOn: context.today }) };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}
