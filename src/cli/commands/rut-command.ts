/**
 * `altseason rut`: Russell 2000 record closes, breakouts after drawdowns, distance from the record,
 * days since it, and RUT/SPX relative strength. Everything is computed on the full stored history
 * up to --to (a record is "above every earlier close"); --from only limits what is listed.
 */
import type { Command } from 'commander';
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import type { Breakout } from '../../analytics/market/find-breakouts.ts';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT } from '../../analytics/market/find-breakouts.ts';
import type { RecordClose } from '../../analytics/market/find-record-closes.ts';
import type { MovingAverageTrend } from '../../analytics/market/moving-average-trend.ts';
import { summarizeEquityRecords, type EquityRecordSummary } from '../../analytics/market/summarize-equity-records.ts';
import { loadEquitySeries, loadEquitySeriesIfStored } from '../../data/panel/load-equity-series.ts';
import type { Store } from '../../data/store/store.ts';
import type { Column } from '../../report/columns.ts';
import { renderCsv } from '../../report/render-csv.ts';
import { renderJson, rowsToObjects } from '../../report/render-json.ts';
import { renderSparkline } from '../../report/render-sparkline.ts';
import { renderTable } from '../../report/render-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, type OutputFormat } from '../output.ts';

export const RUT_SYMBOL = '^RUT';
export const SPX_SYMBOL = '^GSPC';

export interface RutOptions {
  from?: DayNumber;
  to?: DayNumber;
  breakoutDrawdownPct: number;
  records: boolean;
  format: OutputFormat;
  symbol: string;
  benchmark: string;
}

/** One exchange day, for --format csv. */
export interface RutDailyRow {
  day: DayNumber;
  close: number;
  record: number;
  recordDay: DayNumber;
  isRecord: boolean;
  isBreakout: boolean;
  distanceFromRecordPct: number | null;
  maxDrawdownSinceRecordPct: number | null;
  daysSinceRecord: number;
  sessionsSinceRecord: number;
}

const iso = (day: number | null) => (day === null || day < 0 ? null : isoDateOf(day as DayNumber));
const round = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
const points = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (value: number | null, digits = 1) => (value === null || !Number.isFinite(value) ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(digits)} %`);
const inRange = (day: number, options: Pick<RutOptions, 'from' | 'to'>) => (options.from === undefined || day >= options.from) && (options.to === undefined || day <= options.to);

export const BREAKOUT_COLUMNS: Column<Breakout>[] = [
  { key: 'date', value: (b) => iso(b.day) },
  { key: 'close', align: 'right', value: (b) => b.close, display: (b) => points(b.close) },
  { key: 'prior_record_date', header: 'prior record', value: (b) => iso(b.priorRecordDay) },
  { key: 'prior_record', header: 'at', align: 'right', value: (b) => b.priorRecord, display: (b) => points(b.priorRecord) },
  { key: 'trough_date', header: 'trough', value: (b) => iso(b.troughDay) },
  { key: 'trough', header: 'at', align: 'right', value: (b) => b.trough, display: (b) => points(b.trough) },
  { key: 'drawdown_pct', header: 'drawdown', align: 'right', value: (b) => round(b.drawdownPct, 4), display: (b) => `${b.drawdownPct.toFixed(1)} %` },
  { key: 'days_since_prior_record', header: 'days since record', align: 'right', value: (b) => b.daysSincePriorRecord },
  { key: 'days_from_trough', header: 'days from trough', align: 'right', value: (b) => b.daysFromTrough },
];

export const RECORD_COLUMNS: Column<RecordClose>[] = [
  { key: 'date', value: (r) => iso(r.day) },
  { key: 'close', align: 'right', value: (r) => r.close, display: (r) => points(r.close) },
  { key: 'previous_record_date', header: 'previous record', value: (r) => iso(r.previousRecordDay) },
  { key: 'previous_record', header: 'at', align: 'right', value: (r) => r.previousRecord, display: (r) => (r.previousRecord === null ? '—' : points(r.previousRecord)) },
  { key: 'gain_over_previous_pct', header: 'gain', align: 'right', value: (r) => round(r.gainOverPreviousPct, 4), display: (r) => pct(r.gainOverPreviousPct, 2) },
];

export const DAILY_COLUMNS: Column<RutDailyRow>[] = [
  { key: 'date', value: (r) => iso(r.day) },
  { key: 'close', value: (r) => r.close },
  { key: 'record', value: (r) => r.record },
  { key: 'record_date', value: (r) => iso(r.recordDay) },
  { key: 'is_record', value: (r) => r.isRecord },
  { key: 'is_breakout', value: (r) => r.isBreakout },
  { key: 'distance_from_record_pct', value: (r) => round(r.distanceFromRecordPct, 6) },
  { key: 'max_drawdown_since_record_pct', value: (r) => round(r.maxDrawdownSinceRecordPct, 6) },
  { key: 'days_since_record', value: (r) => r.daysSinceRecord },
  { key: 'sessions_since_record', value: (r) => r.sessionsSinceRecord },
];

export function dailyRows(summary: EquityRecordSummary, options: Pick<RutOptions, 'from' | 'to' | 'records'>): RutDailyRow[] {
  const { state } = summary;
  const breakoutDays = new Set(summary.breakouts.map((b) => b.day as number));
  const rows: RutDailyRow[] = [];
  for (let i = 0; i < state.days.length; i++) {
    const day = state.days[i]!;
    if (!inRange(day, options) || !Number.isFinite(state.closes[i]!)) continue;
    if (options.records && !state.isRecord[i]) continue;
    rows.push({
      day: day as DayNumber,
      close: state.closes[i]!,
      record: state.record[i]!,
      recordDay: state.recordDay[i]! as DayNumber,
      isRecord: state.isRecord[i] === 1,
      isBreakout: breakoutDays.has(day),
      distanceFromRecordPct: Number.isFinite(state.distanceFromRecordPct[i]!) ? state.distanceFromRecordPct[i]! : null,
      maxDrawdownSinceRecordPct: Number.isFinite(state.maxDrawdownSinceRecordPct[i]!) ? state.maxDrawdownSinceRecordPct[i]! : null,
      daysSinceRecord: state.daysSinceRecord[i]!,
      sessionsSinceRecord: state.sessionsSinceRecord[i]!,
    });
  }
  return rows;
}

function trendJson(trend: MovingAverageTrend) {
  return {
    window_sessions: trend.window,
    moving_average: trend.movingAverage,
    pct_from_average: round(trend.pctFromAverage, 4),
    above_average: trend.aboveAverage,
    average_change_pct: round(trend.averageChangePct, 4),
    slope_lookback_sessions: trend.slopeLookback,
    direction: trend.direction,
  };
}

/** The JSON document of `altseason rut --format json` (also what `status` and the dashboard can reuse). */
export function rutJson(summary: EquityRecordSummary, options: Pick<RutOptions, 'from' | 'to' | 'records'>, sources: Record<string, Record<string, number>>) {
  const rs = summary.relativeStrength;
  return {
    symbol: summary.symbol,
    as_of: iso(summary.latestDay),
    history_from: iso(summary.firstDay),
    latest_close: summary.latestClose,
    is_record_today: summary.isRecordToday,
    record_close: summary.record,
    record_date: iso(summary.recordDay),
    distance_from_record_pct: round(summary.distanceFromRecordPct, 4),
    drawdown_pct: round(summary.drawdownPct, 4),
    max_drawdown_since_record_pct: round(summary.maxDrawdownSinceRecordPct, 4),
    days_since_record: summary.daysSinceRecord,
    sessions_since_record: summary.sessionsSinceRecord,
    breakout_drawdown_pct: summary.breakoutDrawdownPct,
    record_count: summary.records.length,
    breakouts: rowsToObjects(
      summary.breakouts.filter((b) => inRange(b.day, options)),
      BREAKOUT_COLUMNS,
    ),
    ...(options.records ? { records: rowsToObjects(summary.records.filter((r) => inRange(r.day, options)), RECORD_COLUMNS) } : {}),
    relative_strength: rs
      ? {
          name: rs.name,
          as_of: iso(rs.day),
          ratio: rs.ratio,
          sma50: trendJson(rs.trend50),
          sma200: trendJson(rs.trend200),
          sma50_above_sma200: rs.average50AboveAverage200,
          change_pct: { sessions_20: round(rs.changePct.sessions20, 4), sessions_60: round(rs.changePct.sessions60, 4), sessions_250: round(rs.changePct.sessions250, 4) },
        }
      : null,
    sources,
  };
}

function trendLine(trend: MovingAverageTrend): string {
  if (trend.movingAverage === null) return `${trend.window}-session average: not enough history`;
  const side = trend.aboveAverage ? 'above' : 'below';
  return `${pct(trend.pctFromAverage, 1)} ${side} its ${trend.window}-session average, which is ${trend.direction ?? 'unknown'} (${pct(trend.averageChangePct, 2)} over ${trend.slopeLookback} sessions)`;
}

export function renderRutTable(
  summary: EquityRecordSummary,
  options: Pick<RutOptions, 'from' | 'to' | 'records'> & { benchmark?: string },
  sources: Record<string, Record<string, number>>,
): string {
  const benchmarkSymbol = options.benchmark ?? SPX_SYMBOL;
  const lines: string[] = [];
  const sym = summary.symbol;
  lines.push(`${sym} as of ${iso(summary.latestDay)} (history from ${iso(summary.firstDay)}; ${Object.entries(sources).map(([s, by]) => `${s}: ${Object.keys(by).join(', ')}`).join('; ')})`);
  lines.push(`  latest close      ${points(summary.latestClose)}${summary.isRecordToday ? '  ← a record close' : ''}`);
  lines.push(`  record close      ${points(summary.record)} on ${iso(summary.recordDay)}`);
  lines.push(`  from the record   ${pct(summary.distanceFromRecordPct, 2)}  (deepest since the record: ${pct(-summary.maxDrawdownSinceRecordPct, 1)})`);
  lines.push(`  since the record  ${summary.daysSinceRecord} days (${summary.sessionsSinceRecord} sessions)`);
  lines.push(`  records           ${summary.records.length} record closes in the history`);
  const rs = summary.relativeStrength;
  if (rs) {
    lines.push(`  ${rs.name.padEnd(16)}  ${rs.ratio.toFixed(4)} on ${iso(rs.day)}; ${pct(rs.changePct.sessions20, 1)} over 20 sessions, ${pct(rs.changePct.sessions250, 1)} over 250`);
    lines.push(`    ${trendLine(rs.trend50)}`);
    lines.push(`    ${trendLine(rs.trend200)}`);
    if (rs.average50AboveAverage200 !== null) lines.push(`    50-session average ${rs.average50AboveAverage200 ? 'above' : 'below'} the 200-session average: small caps ${rs.average50AboveAverage200 ? 'leading' : 'lagging'} large caps`);
  } else {
    lines.push(`  relative strength: no ${benchmarkSymbol} bars stored${benchmarkSymbol === SPX_SYMBOL ? ' (import spx_daily.csv for RUT/SPX)' : ' (--benchmark)'}`);
  }
  const { state } = summary;
  const lastYear = state.days.length - 1;
  const chartFrom = Math.max(0, lastYear - 251);
  lines.push(`  last 252 sessions ${renderSparkline(state.closes.subarray(chartFrom), 63)}`);
  lines.push('');
  const breakouts = summary.breakouts.filter((b) => inRange(b.day, options));
  lines.push(`Breakouts: the first record close after a drawdown of at least ${summary.breakoutDrawdownPct} % from the prior record (${breakouts.length})`);
  lines.push(breakouts.length > 0 ? renderTable(breakouts, BREAKOUT_COLUMNS).trimEnd() : '  none in this range');
  if (options.records) {
    const records = summary.records.filter((r) => inRange(r.day, options));
    lines.push('');
    lines.push(`Record closes (${records.length})`);
    lines.push(records.length > 0 ? renderTable(records, RECORD_COLUMNS).trimEnd() : '  none in this range');
  }
  return lines.join('\n') + '\n';
}

/** Loads, computes and writes the report; the testable core of the command. */
export async function runRut(store: Store, options: RutOptions, out: NodeJS.WritableStream = process.stdout): Promise<EquityRecordSummary> {
  const upTo = options.to !== undefined ? { to: options.to } : {};
  const main = await loadEquitySeries(store, options.symbol, upTo);
  const benchmark = await loadEquitySeriesIfStored(store, options.benchmark, upTo);
  const summary = summarizeEquityRecords(main.series, { breakoutDrawdownPct: options.breakoutDrawdownPct, benchmark: benchmark?.series ?? null });
  if (options.from !== undefined && options.from > summary.latestDay) {
    throw new NoDataError(`--from ${iso(options.from)} is after the last ${main.symbol} close (${iso(summary.latestDay)}): nothing to list`);
  }
  const sources: Record<string, Record<string, number>> = { [main.symbol]: main.daysBySource };
  if (benchmark) sources[benchmark.symbol] = benchmark.daysBySource;
  if (options.format === 'json') out.write(renderJson(rutJson(summary, options, sources)));
  else if (options.format === 'csv') out.write(renderCsv(dailyRows(summary, options), DAILY_COLUMNS));
  else out.write(renderRutTable(summary, options, sources));
  return summary;
}

export function parsePercent(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 100) throw new InvalidInputError(`${flag}: expected a percentage between 0 and 100, got ${JSON.stringify(text)}`);
  return value;
}

export function register(program: Command): void {
  program
    .command('rut')
    .description('Russell 2000: record closes, breakouts after drawdowns, distance from the record, RUT/SPX relative strength')
    .option('--from <date>', 'list breakouts/records/days from this date (YYYY-MM-DD); records are still computed on the full history')
    .option('--to <date>', 'compute as of this date (YYYY-MM-DD): later closes are ignored')
    .option('--breakout-drawdown <pct>', 'drawdown from the prior record that a breakout must follow, in %', String(DEFAULT_BREAKOUT_DRAWDOWN_PCT))
    .option('--records', 'also list every record close (csv: only record days)', false)
    .option('--symbol <symbol>', 'equity symbol in the store', RUT_SYMBOL)
    .option('--benchmark <symbol>', 'benchmark for relative strength', SPX_SYMBOL)
    .option('--format <format>', 'table | json | csv (csv: one row per exchange day)', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const options: RutOptions = {
        breakoutDrawdownPct: parsePercent(String(raw.breakoutDrawdown), '--breakout-drawdown'),
        records: raw.records === true,
        format: parseFormat(String(raw.format)),
        symbol: String(raw.symbol),
        benchmark: String(raw.benchmark),
      };
      if (typeof raw.from === 'string') options.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') options.to = parseDay(raw.to, '--to');
      if (options.from !== undefined && options.to !== undefined && options.to < options.from) {
        throw new InvalidInputError(`--to ${raw.to} is before --from ${raw.from}`);
      }
      await withStore(command, (store) => runRut(store, options), { mustExist: true });
    });
}
