/**
 * `altseason dominance`: BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3 and OTHERS over
 * time, each labelled with its universe and source; where two definitions exist (the stored top 125
 * vs a provider's all-coin total) both are shown, with their gap. Plus BTC.D crossings of 55 % and
 * 50 %, BTC.D's 50-day trend, and TOTAL2's growth against BTC's market cap over 30 and 90 days.
 */
import type { Command } from 'commander';
import { addDays, isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import { METRIC_LABELS, type MarketMetric, type MarketStructureSeries } from '../../analytics/market/market-structure-series.ts';
import {
  DEFAULT_BTC_DOMINANCE_THRESHOLDS,
  summarizeMarketStructure,
  type LatestFigure,
  type MarketStructureSummary,
} from '../../analytics/market/summarize-market-structure.ts';
import { DEFAULT_AGGREGATE_TOP_N } from '../../analytics/market/compute-market-aggregates.ts';
import { loadMarketStructure } from '../../data/panel/load-market-structure.ts';
import type { Store } from '../../data/store/store.ts';
import type { Column } from '../../report/columns.ts';
import { renderCsv } from '../../report/render-csv.ts';
import { renderJson, rowsToObjects } from '../../report/render-json.ts';
import { renderTable } from '../../report/render-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, type OutputFormat } from '../output.ts';

export interface DominanceOptions {
  from?: DayNumber;
  to?: DayNumber;
  format: OutputFormat;
  topN: number | null;
  thresholds: number[];
  /** Restrict the stored universe to these observation sources. */
  sources?: string[];
}

/** One value of one definition on one day (--format csv, and `history` in JSON). */
export interface MarketStructureRow {
  day: DayNumber;
  metric: MarketMetric;
  universe: string;
  source: string;
  value: number;
}

/** Trends, growth and crossings need history before --from: 90-day growth plus a 50-day trend and its 20-day slope. */
const LOOKBACK_DAYS = 90 + 50 + 20 + 7;

const iso = (day: number | null) => (day === null ? null : isoDateOf(day as DayNumber));
const round = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
export function formatUsd(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e12) return `$${(value / 1e12).toFixed(2)}T`;
  if (abs >= 1e9) return `$${(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `$${(value / 1e6).toFixed(1)}M`;
  return `$${value.toFixed(0)}`;
}
const formatValue = (metric: MarketMetric, value: number | null) =>
  value === null ? '—' : metric.endsWith('_pct') ? `${value.toFixed(2)} %` : metric === 'asset_count' ? String(value) : formatUsd(value);

export const ROW_COLUMNS: Column<MarketStructureRow>[] = [
  { key: 'date', value: (r) => iso(r.day) },
  { key: 'metric', value: (r) => r.metric },
  { key: 'universe', value: (r) => r.universe },
  { key: 'source', value: (r) => r.source },
  { key: 'value', value: (r) => r.value },
];

/**
 * --format csv: the same columns, with values rounded to the precision of the inputs (percentages
 * to 6 decimals, dollars to the cent) instead of float noise such as 94.27573669924452. JSON keeps
 * full precision (the dashboard API rounds from it).
 */
export const CSV_ROW_COLUMNS: Column<MarketStructureRow>[] = ROW_COLUMNS.map((c) =>
  c.key === 'value' ? { ...c, value: (r: MarketStructureRow) => round(r.value, r.metric.endsWith('_pct') ? 6 : r.metric === 'asset_count' ? 0 : 2) } : c,
);

const LATEST_COLUMNS: Column<LatestFigure>[] = [
  { key: 'metric', header: 'figure', value: (f) => f.metric, display: (f) => METRIC_LABELS[f.metric] },
  { key: 'value', align: 'right', value: (f) => f.value, display: (f) => formatValue(f.metric, f.value) },
  { key: 'date', header: 'as of', value: (f) => iso(f.day) },
  { key: 'universe', value: (f) => f.universe },
  { key: 'source', value: (f) => f.source },
];

export function marketStructureRows(series: readonly MarketStructureSeries[], range: Pick<DominanceOptions, 'from' | 'to'>): MarketStructureRow[] {
  const rows: MarketStructureRow[] = [];
  for (const s of series) {
    for (let i = 0; i < s.series.days.length; i++) {
      const day = s.series.days[i]!;
      const value = s.series.values[i]!;
      if (!Number.isFinite(value)) continue;
      if ((range.from !== undefined && day < range.from) || (range.to !== undefined && day > range.to)) continue;
      rows.push({ day: day as DayNumber, metric: s.metric, universe: s.universe, source: s.source, value });
    }
  }
  return rows.sort((a, b) => a.day - b.day || a.metric.localeCompare(b.metric) || a.universe.localeCompare(b.universe));
}

export function dominanceJson(summary: MarketStructureSummary, series: readonly MarketStructureSeries[], options: Pick<DominanceOptions, 'from' | 'to'>, capsBySource: Record<string, number>) {
  const inRange = (day: number) => (options.from === undefined || day >= options.from) && (options.to === undefined || day <= options.to);
  return {
    as_of: iso(summary.asOf),
    definitions: series.map((s) => ({ metric: s.metric, label: METRIC_LABELS[s.metric], universe: s.universe, source: s.source })),
    stored_universe_asset_days_by_source: capsBySource,
    latest: rowsToObjects(summary.latest, LATEST_COLUMNS),
    btc_dominance_gaps: summary.btcDominanceGaps.map((g) => ({
      a: { universe: g.a.universe, source: g.a.source, value: g.a.value, date: iso(g.a.day) },
      b: { universe: g.b.universe, source: g.b.source, value: g.b.value, date: iso(g.b.day) },
      difference_pts: round(g.differencePts, 4),
    })),
    btc_dominance_trends: summary.btcDominanceTrends.map((t) => ({
      universe: t.universe,
      source: t.source,
      window_days: t.window,
      value: t.value,
      moving_average: t.movingAverage,
      above_average: t.aboveAverage,
      average_change_pct: round(t.averageChangePct, 4),
      slope_lookback_days: t.slopeLookback,
      direction: t.direction,
    })),
    total2_vs_btc: summary.total2VsBtc.map((g) => ({
      universe: g.universe,
      source: g.source,
      window_days: g.windowDays,
      from: iso(g.startDay),
      to: iso(g.endDay),
      total2_growth_pct: round(g.growthPct, 4),
      btc_growth_pct: round(g.benchmarkGrowthPct, 4),
      difference_pts: round(g.differencePts, 4),
      total2_faster: g.faster,
    })),
    crossings: summary.crossings
      .filter((c) => inRange(c.day))
      .map((c) => ({ date: iso(c.day), threshold: c.threshold, direction: c.direction, value: c.value, previous_date: iso(c.previousDay), previous_value: c.previousValue, universe: c.universe, source: c.source })),
    history: rowsToObjects(marketStructureRows(series, options), ROW_COLUMNS),
  };
}

/** Month-end rows of the main figures, one column per definition of BTC.D. */
function monthlyHistory(series: readonly MarketStructureSeries[], options: Pick<DominanceOptions, 'from' | 'to'>): string {
  const stored = series.filter((s) => s.universe.includes('stored'));
  const btcDefinitions = series.filter((s) => s.metric === 'btc_dominance_pct' && !s.universe.includes('stored'));
  const byMetric = new Map(stored.map((s) => [s.metric, s.series]));
  const count = byMetric.get('asset_count');
  const allDays = new Set<number>();
  for (const s of series) for (let i = 0; i < s.series.days.length; i++) if (Number.isFinite(s.series.values[i]!)) allDays.add(s.series.days[i]!);
  const days = [...allDays].filter((d) => (options.from === undefined || d >= options.from) && (options.to === undefined || d <= options.to)).sort((a, b) => a - b);
  const monthEnds = days.filter((d, i) => i === days.length - 1 || isoDateOf(d as DayNumber).slice(0, 7) !== isoDateOf(days[i + 1]! as DayNumber).slice(0, 7));
  const at = (s: { days: Int32Array; values: Float64Array } | undefined, day: number) => {
    if (!s) return null;
    for (let i = s.days.length - 1; i >= 0; i--) {
      if (s.days[i]! > day) continue;
      if (day - s.days[i]! > 7) return null;
      if (Number.isFinite(s.values[i]!)) return s.values[i]!;
    }
    return null;
  };
  type Row = { day: number };
  const columns: Column<Row>[] = [
    { key: 'date', header: 'month end', value: (r) => iso(r.day) },
    { key: 'assets', header: 'n', align: 'right', value: (r) => at(count, r.day) },
    ...(['btc_dominance_pct', 'eth_dominance_pct', 'stablecoin_dominance_pct'] as const).map(
      (metric): Column<Row> => ({ key: metric, header: METRIC_LABELS[metric], align: 'right', value: (r) => round(at(byMetric.get(metric), r.day), 2), display: (r) => formatValue(metric, at(byMetric.get(metric), r.day)) }),
    ),
    ...(['total_usd', 'total2_usd', 'total3_usd', 'others_usd'] as const).map(
      (metric): Column<Row> => ({ key: metric, header: METRIC_LABELS[metric].split(' ')[0]!, align: 'right', value: (r) => at(byMetric.get(metric), r.day), display: (r) => formatUsd(at(byMetric.get(metric), r.day)) }),
    ),
    ...btcDefinitions.map(
      (s): Column<Row> => ({ key: `btc_d ${s.universe}`, header: `BTC.D ${s.universe}`, align: 'right', value: (r) => at(s.series, r.day), display: (r) => formatValue('btc_dominance_pct', at(s.series, r.day)) }),
    ),
  ];
  return renderTable(
    monthEnds.map((day) => ({ day })),
    columns,
  );
}

/**
 * How much a dominance average moved, in percentage points: BTC.D's 50-day average going from
 * 64.94 % to 64.52 % is "−0.42 pt", not the ambiguous "−0.64 %" (its relative change).
 */
export function averageChangeText(movingAverage: number, averageChangePct: number | null, lookback: number): string {
  if (averageChangePct === null || !Number.isFinite(averageChangePct)) return '';
  const points = movingAverage - movingAverage / (1 + averageChangePct / 100);
  return ` (${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(2)} pt in ${lookback} days)`;
}

export function renderDominanceTable(summary: MarketStructureSummary, series: readonly MarketStructureSeries[], options: Pick<DominanceOptions, 'from' | 'to' | 'thresholds'>, capsBySource: Record<string, number>): string {
  const lines: string[] = [];
  const sources = Object.entries(capsBySource).sort(([, a], [, b]) => b - a).map(([s, n]) => `${s} ${n}`).join(', ');
  lines.push(`Market structure as of ${iso(summary.asOf)}`);
  lines.push(`  stored universe: the largest caps of each day (caps at most 7 days old); asset-days by source: ${sources || 'none'}`);
  lines.push('');
  const latest = summary.latest.filter((f) => f.value !== null && f.metric !== 'btc_market_cap_usd' && f.metric !== 'eth_market_cap_usd');
  lines.push(renderTable(latest, LATEST_COLUMNS).trimEnd());
  if (summary.btcDominanceGaps.length > 0) {
    lines.push('');
    lines.push('BTC.D by definition (they differ because the universes differ):');
    for (const g of summary.btcDominanceGaps) lines.push(`  ${g.a.universe} ${g.a.value!.toFixed(2)} % vs ${g.b.universe} ${g.b.value!.toFixed(2)} %: ${g.differencePts >= 0 ? '+' : ''}${g.differencePts.toFixed(2)} pt`);
  }
  lines.push('');
  lines.push('BTC.D trend (50-day average, slope over 20 days):');
  for (const t of summary.btcDominanceTrends) {
    lines.push(
      t.movingAverage === null
        ? `  ${t.universe}: no 50-day trend as of ${iso(summary.asOf)} (needs 50 daily values, the last within 7 days)`
        : `  ${t.universe}: ${t.value!.toFixed(2)} % ${t.aboveAverage ? 'above' : 'below'} its 50-day average ${t.movingAverage.toFixed(2)} %, which is ${t.direction ?? 'unknown'}${averageChangeText(t.movingAverage, t.averageChangePct, t.slopeLookback)}`,
    );
  }
  if (summary.total2VsBtc.length > 0) {
    lines.push('');
    lines.push('TOTAL2 (ex BTC) vs BTC market cap:');
    for (const g of summary.total2VsBtc) {
      const text =
        g.faster === null
          ? 'not enough data'
          : `TOTAL2 ${g.growthPct! >= 0 ? '+' : ''}${g.growthPct!.toFixed(1)} % vs BTC ${g.benchmarkGrowthPct! >= 0 ? '+' : ''}${g.benchmarkGrowthPct!.toFixed(1)} %: alts ${g.faster ? 'outgrowing' : 'lagging'} BTC`;
      lines.push(`  ${String(g.windowDays).padStart(2)} days, ${g.universe}: ${text}`);
    }
  }
  const inRange = (day: number) => (options.from === undefined || day >= options.from) && (options.to === undefined || day <= options.to);
  const crossings = summary.crossings.filter((c) => inRange(c.day));
  lines.push('');
  lines.push(`BTC.D crossings of ${options.thresholds.join(' % and ')} % (${crossings.length}):`);
  const CROSSINGS_SHOWN = 20;
  if (crossings.length > CROSSINGS_SHOWN) lines.push(`  (the last ${CROSSINGS_SHOWN}; --format json or a narrower --from lists all)`);
  if (crossings.length === 0) lines.push('  none in this range');
  for (const c of crossings.slice(-CROSSINGS_SHOWN)) lines.push(`  ${iso(c.day)}  ${c.direction === 'below' ? 'fell below' : 'rose above'} ${c.threshold} %  (${c.previousValue.toFixed(2)} → ${c.value.toFixed(2)})  ${c.universe}`);
  lines.push('');
  lines.push('History (month ends; stored universe, plus BTC.D by each other definition):');
  lines.push(monthlyHistory(series, options).trimEnd());
  return lines.join('\n') + '\n';
}

/**
 * Checks what only the store can tell: --sources must name observation sources it holds (a typo
 * would otherwise build an empty universe and fall back silently), and --from/--to must overlap
 * the stored crypto data (otherwise "no market caps in the store" would be wrong).
 */
export async function checkDominanceOptions(store: Store, options: Pick<DominanceOptions, 'from' | 'to' | 'sources'>): Promise<void> {
  if (options.sources !== undefined) {
    const stored = (await store.observationStats()).map((s) => s.source).sort();
    const unknown = options.sources.filter((s) => !stored.includes(s));
    if (options.sources.length === 0) throw new InvalidInputError('--sources: expected a comma-separated list of observation sources, got nothing');
    if (unknown.length > 0) {
      throw new InvalidInputError(`--sources: no observations from ${unknown.map((s) => JSON.stringify(s)).join(', ')} in the store; sources with observations: ${stored.join(', ') || 'none'} (altseason sources)`);
    }
  }
  const { firstDay, lastDay } = await store.summary();
  if (firstDay === null || lastDay === null) return; // the loader says what to import
  const span = `the stored crypto data cover ${iso(firstDay)} … ${iso(lastDay)}`;
  if (options.from !== undefined && options.from > lastDay) throw new NoDataError(`--from ${iso(options.from)} is after the last day with data: ${span}`);
  if (options.to !== undefined && options.to < firstDay) throw new NoDataError(`--to ${iso(options.to)} is before the first day with data: ${span}`);
}

export async function runDominance(store: Store, options: DominanceOptions, out: NodeJS.WritableStream = process.stdout): Promise<MarketStructureSummary> {
  const loadOptions: Parameters<typeof loadMarketStructure>[1] = { topN: options.topN };
  if (options.from !== undefined) loadOptions.from = addDays(options.from, -LOOKBACK_DAYS);
  if (options.to !== undefined) loadOptions.to = options.to;
  if (options.sources) loadOptions.sources = options.sources;
  const { series, capsBySource } = await loadMarketStructure(store, loadOptions);
  const summaryOptions: Parameters<typeof summarizeMarketStructure>[1] = { btcDominanceThresholds: options.thresholds };
  if (options.to !== undefined) summaryOptions.asOf = options.to;
  const summary = summarizeMarketStructure(series, summaryOptions);
  if (options.format === 'json') out.write(renderJson(dominanceJson(summary, series, options, capsBySource)));
  else if (options.format === 'csv') out.write(renderCsv(marketStructureRows(series, options), CSV_ROW_COLUMNS));
  else out.write(renderDominanceTable(summary, series, options, capsBySource));
  return summary;
}

export function register(program: Command): void {
  program
    .command('dominance')
    .description('BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3, OTHERS over time, each with its universe and source')
    .option('--from <date>', 'first day listed (YYYY-MM-DD)')
    .option('--to <date>', 'compute as of this day (YYYY-MM-DD)')
    .option('--top <n>', `universe of the stored aggregates: the N largest caps each day, or "all"`, String(DEFAULT_AGGREGATE_TOP_N))
    .option('--thresholds <list>', 'BTC.D levels whose crossings are listed, in %', DEFAULT_BTC_DOMINANCE_THRESHOLDS.join(','))
    .option('--sources <list>', 'build the stored universe from these observation sources only (comma-separated)')
    .option('--format <format>', 'table | json | csv (csv: one row per day, figure and definition)', 'table')
    .action(async (raw: Record<string, string | undefined>, command: Command) => {
      const top = String(raw.top);
      const topN = top === 'all' ? null : Number(top);
      if (topN !== null && (!Number.isInteger(topN) || topN < 1)) throw new InvalidInputError(`--top: expected a whole number ≥ 1 or "all", got ${JSON.stringify(top)}`);
      const thresholds = String(raw.thresholds).split(',').map((t) => Number(t.trim()));
      if (thresholds.some((t) => !Number.isFinite(t) || t <= 0 || t >= 100)) throw new InvalidInputError(`--thresholds: expected percentages between 0 and 100, got ${JSON.stringify(raw.thresholds)}`);
      const options: DominanceOptions = { format: parseFormat(String(raw.format)), topN, thresholds };
      if (raw.from !== undefined) options.from = parseDay(raw.from, '--from');
      if (raw.to !== undefined) options.to = parseDay(raw.to, '--to');
      if (raw.sources !== undefined) options.sources = raw.sources.split(',').map((s) => s.trim()).filter(Boolean);
      if (options.from !== undefined && options.to !== undefined && options.to < options.from) throw new InvalidInputError(`--to ${raw.to} is before --from ${raw.from}`);
      await withStore(
        command,
        async (store) => {
          await checkDominanceOptions(store, options);
          return runDominance(store, options);
        },
        { mustExist: true },
      );
    });
}
