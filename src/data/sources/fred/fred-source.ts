/**
 * FRED's keyless CSV (fredgraph.csv): M2 money stock (M2SL, billions of USD, monthly). The header
 * changed from DATE to observation_date, so columns are read by position; `.` marks a missing
 * value. Monthly data arrives with a lag: a plan checks at most once a day (setting
 * `sync.fred.<id>.checked`, or an "asked, nothing there" marker after an answer with no values)
 * and only when the last stored month could have a successor.
 */
import { addDays, isoDateOf, msOfDay, parseDay } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstMissingDay } from '../stored-coverage.ts';

export const FRED = 'fred';
const ENDPOINT = '/graph/fredgraph.csv';

export interface FredSeries {
  id: string;
  series: string;
}

export const DEFAULT_FRED_SERIES: readonly FredSeries[] = [{ id: 'M2SL', series: SERIES.m2UsdBillions }];

export class FredSource implements MarketDataSource {
  readonly name = FRED;
  readonly provides: readonly Provision[];

  constructor(
    private readonly client: HttpClient,
    private readonly seriesList: readonly FredSeries[] = DEFAULT_FRED_SERIES,
  ) {
    this.provides = seriesList.map((s) => ({ kind: 'series', series: s.series }));
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const requests: PlannedRequest[] = [];
    for (const { id, series } of this.seriesList) {
      if ((await context.stored.bookkeeping(checkedKey(id))) === String(context.today)) continue;
      if ((await context.stored.emptyMarker(this.name, id))?.checkedOn === context.today) continue;
      const last = await context.stored.lastSeriesDay(series, [this.name], context.since);
      // A monthly value is dated the 1st of its month: nothing newer can exist within a month.
      if (last !== null && last > addDays(context.today, -31)) continue;
      const from = firstMissingDay(last, context.since);
      requests.push({ source: this.name, key: `${this.name}:${id}`, kind: 'history', description: `${id} from ${isoDateOf(from)}`, from, to: addDays(context.today, -1), calls: 1, params: { id, series } });
    }
    return { requests, notes: [] };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const id = String(request.params.id);
    const series = String(request.params.series);
    try {
      const text = await this.client.getText(ENDPOINT, ENDPOINT, { id });
      const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
      const header = lines[0]?.split(',') ?? [];
      if (header.length < 2 || !/date/i.test(header[0] ?? '')) throw new ProviderError(this.name, ENDPOINT, `expected a CSV with a date column first, got header ${JSON.stringify(lines[0]?.slice(0, 80) ?? '')}`);
      const seriesPoints: SeriesPointRecord[] = [];
      lines.slice(1).forEach((line, index) => {
        const [dateText = '', valueText = ''] = line.split(',');
        if (valueText.trim() === '.' || valueText.trim() === '') return;
        const day = parseDay(dateText, `${this.name} ${id} line ${index + 2}`);
        const value = Number(valueText);
        if (!Number.isFinite(value)) throw new ProviderError(this.name, ENDPOINT, `line ${index + 2}: value is not a number: ${JSON.stringify(valueText)}`);
        if (day < request.from! || day > request.to!) return;
        seriesPoints.push({ series, at: msOfDay(day), source: this.name, value });
      });
      // An answer with no values at all may be an outage: it is recorded as empty for today only
      // (tomorrow asks again; --recheck-empty asks again today), not as a successful check.
      const hadValues = lines.length > 1;
      const settings = hadValues ? { [checkedKey(id)]: String(context.today) } : emptyMarkerSetting(this.name, id, { from: request.from!, to: request.to!, checkedOn: context.today });
      yield { seriesPoints, settings };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}

function checkedKey(id: string): string {
  return `sync.fred.${id}.checked`;
}
