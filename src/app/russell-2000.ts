/**
 * The Russell 2000 on its own exchange calendar: record closes, breakouts after drawdowns, the
 * distance from the record and RUT/SPX relative strength. Records are computed on the full stored
 * history up to `to` (a record is "above every earlier close"); `from` only limits what is listed.
 * Shared by `altseason rut`, `GET /api/rut` and the library.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { indexAtOrBefore } from '../domain/series.ts';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT } from '../analytics/market/find-breakouts.ts';
import type { MovingAverageTrend } from '../analytics/market/moving-average-trend.ts';
import { ratioSeries } from '../analytics/market/ratio-series.ts';
import { summarizeEquityRecords } from '../analytics/market/summarize-equity-records.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import type { Russell2000Result, RutDay, Trend } from './contracts/russell-2000.ts';
import { RUSSELL_2000_SCHEMA } from './contracts/schema-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

export const RUT_SYMBOL = '^RUT';
export const SPX_SYMBOL = '^GSPC';

export interface Russell2000Query {
  from?: DayNumber;
  to?: DayNumber;
  breakoutDrawdownPct?: number;
  /** Also list every record close. */
  records?: boolean;
  /** Only the record days in `days`. */
  recordDaysOnly?: boolean;
  symbol?: string;
  benchmark?: string;
  /** Without `from`, list only the last this many calendar days (records still use the whole history). */
  listLastDays?: number;
  fieldNames?: DateFieldNames;
}

const iso = (day: number) => isoDateOf(day as DayNumber);

function trendOf(trend: MovingAverageTrend): Trend {
  return {
    windowSessions: trend.window,
    movingAverage: trend.movingAverage,
    pctFromAverage: roundOrNull(trend.pctFromAverage, 4),
    aboveAverage: trend.aboveAverage,
    averageChangePct: roundOrNull(trend.averageChangePct, 4),
    slopeLookbackSessions: trend.slopeLookback,
    direction: trend.direction,
  };
}

export async function russell2000(context: ReadContext, query: Russell2000Query = {}): Promise<Russell2000Result> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const symbol = query.symbol ?? RUT_SYMBOL;
  const benchmarkSymbol = query.benchmark ?? SPX_SYMBOL;
  const breakoutDrawdownPct = query.breakoutDrawdownPct ?? DEFAULT_BREAKOUT_DRAWDOWN_PCT;
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const all = await loadEquitySeriesIfStored(context.store, symbol);
    if (!all || all.series.days.length === 0) {
      throw new NoDataError(`no ${symbol} closes in the store: import rut_daily.csv (altseason import ../shared/data) or run \`altseason sync --source yahoo\``);
    }
    const first = all.series.days[0]!;
    const last = all.series.days[all.series.days.length - 1]!;
    const span = `the stored ${symbol} closes cover ${iso(first)} … ${iso(last)}`;
    if (query.to !== undefined && query.to < first) throw new NoDataError(`${names.to} ${iso(query.to)} is before the first ${symbol} close: ${span}`);
    if (query.from !== undefined && query.from > last) throw new NoDataError(`${names.from} ${iso(query.from)} is after the last ${symbol} close: ${span}`);
    const upTo = query.to !== undefined ? { to: query.to } : {};
    const main = query.to !== undefined ? (await loadEquitySeriesIfStored(context.store, symbol, upTo))! : all;
    const benchmark = await loadEquitySeriesIfStored(context.store, benchmarkSymbol, upTo);
    const summary = summarizeEquityRecords(main.series, { breakoutDrawdownPct, benchmark: benchmark?.series ?? null });
    const listFrom = query.from ?? (query.listLastDays !== undefined ? summary.latestDay - query.listLastDays : undefined);
    const inRange = (day: number) => (listFrom === undefined || day >= listFrom) && (query.to === undefined || day <= query.to);
    const ratio = benchmark ? ratioSeries(main.series, benchmark.series) : null;
    const breakoutDays = new Set(summary.breakouts.map((b) => b.day as number));
    const { state } = summary;
    const days: RutDay[] = [];
    for (let i = 0; i < state.days.length; i++) {
      const day = state.days[i]!;
      if (!inRange(day) || !Number.isFinite(state.closes[i]!)) continue;
      if (query.recordDaysOnly && !state.isRecord[i]) continue;
      let benchmarkRatio: number | null = null;
      if (ratio) {
        const j = indexAtOrBefore(ratio.days, day);
        benchmarkRatio = j >= 0 && ratio.days[j] === day ? roundOrNull(ratio.values[j]!, 6) : null;
      }
      days.push({
        date: iso(day),
        close: state.closes[i]!,
        record: state.record[i]!,
        recordDate: iso(state.recordDay[i]!),
        isRecord: state.isRecord[i] === 1,
        isBreakout: breakoutDays.has(day),
        distanceFromRecordPct: roundOrNull(state.distanceFromRecordPct[i]!, 6),
        maxDrawdownSinceRecordPct: roundOrNull(state.maxDrawdownSinceRecordPct[i]!, 6),
        daysSinceRecord: state.daysSinceRecord[i]!,
        sessionsSinceRecord: state.sessionsSinceRecord[i]!,
        benchmarkRatio,
      });
    }
    const rs = summary.relativeStrength;
    const sources: Record<string, Record<string, number>> = { [main.symbol]: main.daysBySource };
    if (benchmark) sources[benchmark.symbol] = benchmark.daysBySource;
    const simulated = await context.simulated();
    return {
      schema: RUSSELL_2000_SCHEMA,
      simulated,
      data: dataNotice(summary.latestDay, context.today(), simulated),
      symbol: summary.symbol,
      benchmark: benchmarkSymbol,
      asOf: iso(summary.latestDay),
      historyFrom: iso(summary.firstDay),
      latestClose: summary.latestClose,
      isRecordToday: summary.isRecordToday,
      recordClose: summary.record,
      recordDate: iso(summary.recordDay),
      distanceFromRecordPct: roundOrNull(summary.distanceFromRecordPct, 4),
      drawdownPct: roundOrNull(summary.drawdownPct, 4),
      maxDrawdownSinceRecordPct: roundOrNull(summary.maxDrawdownSinceRecordPct, 4),
      daysSinceRecord: summary.daysSinceRecord,
      sessionsSinceRecord: summary.sessionsSinceRecord,
      breakoutDrawdownPct: summary.breakoutDrawdownPct,
      recordCount: summary.records.length,
      breakouts: summary.breakouts
        .filter((b) => inRange(b.day))
        .map((b) => ({
          date: iso(b.day),
          close: b.close,
          priorRecordDate: iso(b.priorRecordDay),
          priorRecord: b.priorRecord,
          troughDate: iso(b.troughDay),
          trough: b.trough,
          drawdownPct: roundOrNull(b.drawdownPct, 4)!,
          daysSincePriorRecord: b.daysSincePriorRecord,
          daysFromTrough: b.daysFromTrough,
        })),
      records: query.records
        ? summary.records
            .filter((r) => inRange(r.day))
            .map((r) => ({ date: iso(r.day), close: r.close, previousRecordDate: r.previousRecordDay === null ? null : iso(r.previousRecordDay), previousRecord: r.previousRecord, gainOverPreviousPct: roundOrNull(r.gainOverPreviousPct, 4) }))
        : null,
      relativeStrength: rs
        ? {
            name: rs.name,
            asOf: iso(rs.day),
            ratio: rs.ratio,
            sma50: trendOf(rs.trend50),
            sma200: trendOf(rs.trend200),
            sma50AboveSma200: rs.average50AboveAverage200,
            changePct: { sessions20: roundOrNull(rs.changePct.sessions20, 4), sessions60: roundOrNull(rs.changePct.sessions60, 4), sessions250: roundOrNull(rs.changePct.sessions250, 4) },
          }
        : null,
      sources,
      days,
    };
  });
}
