/**
 * `altseason index`: the Altcoin Season Index at a date (default: the latest day with data) or over
 * a range, its constituents (--explain) and its season episodes (--episodes). The panel is loaded
 * only up to the last date asked, so no output can depend on later data.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { altcoinSeasonIndexSeries, type SeasonIndexPoint } from '../../analytics/season/altcoin-season-index-series.ts';
import { explainSeasonIndex, type AsOfValue, type ExplainedConstituent, type SeasonIndexExplanation, type SkippedCoin } from '../../analytics/season/explain-season-index.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from '../../analytics/season/season-index-options.ts';
import { seasonEpisodes, type SeasonEpisode } from '../../analytics/season/season-episodes.ts';
import { addDays, isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import { loadPanel } from '../../data/panel/load-panel.ts';
import type { Store } from '../../data/store/store.ts';
import type { Column } from '../../report/columns.ts';
import { renderCsv } from '../../report/render-csv.ts';
import { renderIndexChart } from '../../report/render-index-chart.ts';
import { renderJson, rowsToObjects } from '../../report/render-json.ts';
import { renderTable } from '../../report/render-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, type OutputFormat } from '../output.ts';

export interface IndexCommandOptions {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  explain?: DayNumber;
  episodes: boolean;
  format: OutputFormat;
  season: SeasonIndexOptions;
  /** Terminal width for the chart; colours only when writing to a TTY. */
  width?: number;
  color?: boolean;
}

const iso = (day: number) => isoDateOf(day as DayNumber);
const round = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
const pct = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${(value * 100).toFixed(1)} %`);
export const usd = (value: number) =>
  value >= 1e12
    ? `$${(value / 1e12).toFixed(2)} T`
    : value >= 1e9
      ? `$${(value / 1e9).toFixed(2)} B`
      : value >= 1e6
        ? `$${(value / 1e6).toFixed(1)} M`
        : `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const price = (value: number) => (value >= 1000 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(4));

/** The index with at most one decimal and no trailing ".0" (30 of 77 = 38.96 → "39", 2 of 35 → "5.7"). */
export function formatIndex(index: number | null): string {
  return index === null || !Number.isFinite(index) ? '—' : String(Number(index.toFixed(1)));
}

function seasonCell(season: string | null, color: boolean): string {
  if (season === null) return '—';
  if (!color) return season;
  return season === 'altcoin' ? pc.green(season) : season === 'bitcoin' ? pc.red(season) : season;
}

export function pointColumns(color = false): Column<SeasonIndexPoint>[] {
  return [
    { key: 'date', value: (p) => iso(p.day) },
    { key: 'index', align: 'right', value: (p) => round(p.index, 4), display: (p) => formatIndex(p.index) },
    { key: 'season', value: (p) => p.season, display: (p) => seasonCell(p.season, color) },
    { key: 'universe_size', header: 'universe', align: 'right', value: (p) => p.universeSize },
    { key: 'beat_count', header: 'beat BTC', align: 'right', value: (p) => (p.index === null ? null : p.beatCount) },
    { key: 'btc_return', header: 'BTC return', align: 'right', value: (p) => round(p.btcReturn, 6), display: (p) => pct(p.btcReturn) },
    { key: 'median_excess_return', header: 'median excess', align: 'right', value: (p) => round(p.medianExcessReturn, 6), display: (p) => pct(p.medianExcessReturn) },
    {
      key: 'cap_weighted_excess_return',
      header: 'cap-weighted excess',
      align: 'right',
      value: (p) => round(p.capWeightedExcessReturn, 6),
      display: (p) => pct(p.capWeightedExcessReturn),
    },
  ];
}

export const EPISODE_COLUMNS: Column<SeasonEpisode>[] = [
  { key: 'season', value: (e) => e.season },
  { key: 'start', value: (e) => iso(e.start) },
  { key: 'end', value: (e) => iso(e.end) },
  { key: 'length_days', header: 'days', align: 'right', value: (e) => e.lengthDays },
  { key: 'peak_index', header: 'peak', align: 'right', value: (e) => round(e.peakIndex, 4), display: (e) => e.peakIndex.toFixed(0) },
  { key: 'peak_date', header: 'peak date', value: (e) => iso(e.peakDay) },
  { key: 'ongoing', value: (e) => e.ongoing, display: (e) => (e.ongoing ? 'at range end' : '') },
];

const asOfText = (v: AsOfValue | null) => (v === null ? '—' : `${price(v.value)} (${v.date}${v.source ? `, ${v.source}` : ''})`);

/** Every field apart, for CSV and JSON. */
export const CONSTITUENT_COLUMNS: Column<ExplainedConstituent>[] = [
  { key: 'rank', value: (c) => c.rank },
  { key: 'symbol', value: (c) => c.symbol },
  { key: 'asset_id', value: (c) => c.assetId },
  { key: 'name', value: (c) => c.name },
  { key: 'market_cap', value: (c) => c.marketCap.value },
  { key: 'market_cap_date', value: (c) => c.marketCap.date },
  { key: 'market_cap_source', value: (c) => c.marketCap.source },
  { key: 'start_market_cap', value: (c) => c.startMarketCap?.value ?? null },
  { key: 'start_price', value: (c) => c.startPrice.value },
  { key: 'start_date', value: (c) => c.startPrice.date },
  { key: 'start_source', value: (c) => c.startPrice.source },
  { key: 'end_price', value: (c) => c.endPrice.value },
  { key: 'end_date', value: (c) => c.endPrice.date },
  { key: 'end_source', value: (c) => c.endPrice.source },
  { key: 'window_return', value: (c) => round(c.windowReturn, 6) },
  { key: 'btc_return_same_days', value: (c) => round(c.btcReturnSameDays, 6) },
  { key: 'excess_return', value: (c) => round(c.excessReturn, 6) },
  { key: 'beat_btc', value: (c) => c.beatBtc },
];

/** The terminal table: each price with its date and a numbered source, explained under the table. */
function constituentTableColumns(sourceNumber: (source: string | null) => string): Column<ExplainedConstituent>[] {
  const cell = (v: AsOfValue) => `${price(v.value)} @ ${v.date} ${sourceNumber(v.source)}`;
  return [
    { key: 'rank', align: 'right', value: (c) => c.rank },
    { key: 'symbol', value: (c) => c.symbol },
    { key: 'market_cap', header: 'market cap', align: 'right', value: (c) => c.marketCap.value, display: (c) => usd(c.marketCap.value) },
    { key: 'start', header: 'start price', align: 'right', value: (c) => c.startPrice.value, display: (c) => cell(c.startPrice) },
    { key: 'end', header: 'end price', align: 'right', value: (c) => c.endPrice.value, display: (c) => cell(c.endPrice) },
    { key: 'window_return', header: 'return', align: 'right', value: (c) => c.windowReturn, display: (c) => pct(c.windowReturn) },
    { key: 'btc_return_same_days', header: 'BTC same days', align: 'right', value: (c) => c.btcReturnSameDays, display: (c) => pct(c.btcReturnSameDays) },
    { key: 'excess_return', header: 'vs BTC', align: 'right', value: (c) => c.excessReturn, display: (c) => pct(c.excessReturn) },
    { key: 'beat_btc', header: 'beat', value: (c) => c.beatBtc, display: (c) => (c.beatBtc ? 'yes' : 'no') },
  ];
}

export const SKIPPED_COLUMNS: Column<SkippedCoin>[] = [
  { key: 'rank', align: 'right', value: (s) => s.rank },
  { key: 'symbol', value: (s) => s.symbol },
  { key: 'asset_id', header: 'id', value: (s) => s.assetId },
  { key: 'market_cap', header: 'market cap', align: 'right', value: (s) => s.marketCap.value, display: (s) => usd(s.marketCap.value) },
  { key: 'reason', value: (s) => s.reason },
];


function describeSettings(o: SeasonIndexOptions): string {
  const extra = o.excludeSymbols.length ? `, also excluding ${o.excludeSymbols.join(', ')}` : '';
  return `${o.window}-day window, top ${o.top} altcoins as of each date, prices and caps at most ${o.stalenessDays} days old, altcoin season ≥ ${o.altThreshold}, bitcoin season ≤ ${o.btcThreshold}${extra}`;
}

export function renderExplanation(explanation: SeasonIndexExplanation, color = false): string {
  const { point, btc, options } = explanation;
  const sources: string[] = [];
  const sourceNumber = (source: string | null) => {
    if (source === null) return '';
    if (!sources.includes(source)) sources.push(source);
    return `[${sources.indexOf(source) + 1}]`;
  };
  const constituents = explanation.constituents.length ? renderTable(explanation.constituents, constituentTableColumns(sourceNumber)).trimEnd() : '  none';
  const lines = [
    `Altcoin Season Index on ${explanation.date}: ${point.index === null ? '— (undefined)' : point.index.toFixed(1)} (${seasonCell(point.season, color)}), ${point.beatCount} of ${point.universeSize} beat BTC over ${explanation.windowStart} → ${explanation.date}`,
    `  ${describeSettings(options)}`,
    `  BTC: ${asOfText(btc.startPrice)} → ${asOfText(btc.endPrice)} = ${pct(btc.windowReturn)}`,
    `  median excess return ${pct(point.medianExcessReturn)}; cap-weighted basket minus BTC ${pct(point.capWeightedExcessReturn)}`,
    '',
    `Constituents (${explanation.constituents.length})`,
    constituents,
    `  sources: ${sources.map((source, i) => `[${i + 1}] ${source}`).join(', ') || '—'}`,
    '',
    `Skipped on the way down the ranking (${explanation.skipped.length})`,
    explanation.skipped.length ? renderTable(explanation.skipped, SKIPPED_COLUMNS).trimEnd() : '  none',
  ];
  if (point.index === null && point.universeSize < Math.min(options.minUniverse, options.top)) {
    lines.push('', `The index is undefined: fewer than ${Math.min(options.minUniverse, options.top)} coins had prices at both ends of the window.`);
  }
  return lines.join('\n') + '\n';
}

/** The testable core: loads the panel up to the last date asked, computes, writes. */
export async function runIndex(store: Store, options: IndexCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const season = options.season;
  const color = options.color ?? false;
  const { first, last } = await dataSpan(store);
  let from: DayNumber;
  let to: DayNumber;
  if (options.explain !== undefined) from = to = options.explain;
  else if (options.from !== undefined) {
    from = options.from;
    to = options.to ?? last;
  } else from = to = options.at ?? last;
  if (to < from) throw new InvalidInputError(`--to ${iso(to)} is before --from ${iso(from)}`);
  // A date outside the stored data has no index: say which flag and what the data cover, rather
  // than printing a row of dashes or claiming the store is empty.
  const flag = options.explain !== undefined ? '--explain' : options.from !== undefined ? '--from' : options.at !== undefined ? '--at' : null;
  const span = `the stored crypto data cover ${iso(first)} … ${iso(last)}`;
  if (from > last) throw new NoDataError(`${flag ?? '--from'} ${iso(from)} is after the last day with data: ${span}`);
  if (to < first) throw new NoDataError(`${options.to !== undefined ? '--to' : (flag ?? '--at')} ${iso(to)} is before the first day with data: ${span}`);
  if (to > last) to = last; // a range running past the data ends with it…
  if (options.from !== undefined && from < first) from = first; // …and one starting before it starts with it

  // An explanation names why each coin was skipped ("first seen after the window start"), which
  // needs the coin's whole history; the index itself only needs the window and the staleness.
  const panel = await loadPanel(store, options.explain !== undefined ? { to } : { from: addDays(from, -season.window - season.stalenessDays), to });
  if (panel.firstDay === null) throw new NoDataError(`no crypto observations stored between ${iso(addDays(from, -season.window - season.stalenessDays))} and ${iso(to)}: ${span}`);

  if (options.explain !== undefined) {
    const explanation = explainSeasonIndex(panel, options.explain, season);
    if (options.format === 'json') out.write(renderJson(explanation));
    else if (options.format === 'csv') out.write(renderCsv(explanation.constituents, CONSTITUENT_COLUMNS));
    else out.write(renderExplanation(explanation, color));
    return;
  }

  const [series] = altcoinSeasonIndexSeries(panel, from, to, season);
  const points = series!.points;
  if (options.episodes) {
    const episodes = seasonEpisodes(points);
    if (options.format === 'json') out.write(renderJson({ settings: season, from: iso(from), to: iso(to), episodes: rowsToObjects(episodes, EPISODE_COLUMNS) }));
    else if (options.format === 'csv') out.write(renderCsv(episodes, EPISODE_COLUMNS));
    else {
      out.write(`Season episodes ${iso(from)} → ${iso(to)} (${describeSettings(season)})\n`);
      out.write(episodes.length ? renderTable(episodes, EPISODE_COLUMNS) : '  none in this range\n');
    }
    return;
  }
  const columns = pointColumns(color);
  if (options.format === 'json') {
    out.write(renderJson({ settings: season, points: rowsToObjects(points, columns) }));
    return;
  }
  if (options.format === 'csv') {
    out.write(renderCsv(points, columns));
    return;
  }
  out.write(`Altcoin Season Index (${describeSettings(season)})\n`);
  out.write(renderTable(points, columns));
  const undefinedDays = points.filter((p) => p.index === null).length;
  if (undefinedDays > 0) {
    out.write(
      `— = undefined on ${undefinedDays === points.length ? (points.length === 1 ? 'this day' : 'every day listed') : `${undefinedDays} of ${points.length} days`}: ` +
        `BTC had no price at an end of the ${season.window}-day window, or fewer than ${Math.min(season.minUniverse, season.top)} altcoins had prices at both ends (docs/methodology.md; --explain DATE shows why)\n`,
    );
  }
  if (points.length > 1) {
    out.write('\n');
    out.write(
      renderIndexChart(
        points.map((p) => ({ date: iso(p.day), index: p.index })),
        { width: Math.max(30, Math.min(options.width ?? 100, 140)), altThreshold: season.altThreshold, btcThreshold: season.btcThreshold, color },
      ),
    );
    const episodes = seasonEpisodes(points);
    const count = (s: string) => episodes.filter((e) => e.season === s).length;
    out.write(`${count('altcoin')} altcoin-season and ${count('bitcoin')} bitcoin-season episodes in this range (--episodes lists them)\n`);
  }
}

async function dataSpan(store: Store): Promise<{ first: DayNumber; last: DayNumber }> {
  const summary = await store.summary();
  if (summary.firstDay === null || summary.lastDay === null) {
    throw new NoDataError('no crypto observations stored: run `altseason import ../shared/data` (or a CSV of yours, docs/data.md) or `altseason sync` first');
  }
  return { first: summary.firstDay, last: summary.lastDay };
}

export function parseWholeNumber(text: string, flag: string, min = 1): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidInputError(`${flag}: expected a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function parseThreshold(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new InvalidInputError(`${flag}: expected a number from 0 to 100, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Turns commander's raw flags into options, with errors that quote the offending value. */
export function parseIndexFlags(raw: Record<string, string | boolean | undefined>): IndexCommandOptions {
  const text = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  const exclude = (text('exclude') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const bad = exclude.find((s) => !/^[A-Za-z0-9.\-_$]+$/.test(s));
  if (bad !== undefined) throw new InvalidInputError(`--exclude: expected comma-separated tickers, got ${JSON.stringify(bad)}`);
  const window = parseWholeNumber(text('window') ?? '90', '--window');
  const stalenessDays = parseWholeNumber(text('staleness') ?? '7', '--staleness', 0);
  if (stalenessDays >= window) throw new InvalidInputError(`--staleness ${stalenessDays} must be shorter than --window ${window} (days)`);
  const altThreshold = parseThreshold(text('altThreshold') ?? '75', '--alt-threshold');
  const btcThreshold = parseThreshold(text('btcThreshold') ?? '25', '--btc-threshold');
  if (btcThreshold >= altThreshold) throw new InvalidInputError(`--btc-threshold ${btcThreshold} must be below --alt-threshold ${altThreshold}`);
  const season = resolveSeasonIndexOptions({
    top: parseWholeNumber(text('top') ?? '50', '--top'),
    window,
    stalenessDays,
    altThreshold,
    btcThreshold,
    minUniverse: parseWholeNumber(text('minUniverse') ?? '10', '--min-universe'),
    excludeSymbols: exclude,
  });
  const options: IndexCommandOptions = { episodes: raw.episodes === true, format: parseFormat(text('format') ?? 'table'), season };
  const at = text('at');
  const fromText = text('from');
  const toText = text('to');
  const explain = text('explain');
  if (at !== undefined) options.at = parseDay(at, '--at');
  if (fromText !== undefined) options.from = parseDay(fromText, '--from');
  if (toText !== undefined) options.to = parseDay(toText, '--to');
  if (explain !== undefined) options.explain = parseDay(explain, '--explain');
  if (options.at !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new InvalidInputError(`--at ${at} cannot be combined with --from/--to: use one date or a range`);
  }
  if (options.to !== undefined && options.from === undefined) throw new InvalidInputError(`--to ${toText} needs --from`);
  if (options.explain !== undefined && (options.at !== undefined || options.from !== undefined || options.episodes)) {
    throw new InvalidInputError(`--explain ${explain} explains one date: drop --at/--from/--to/--episodes`);
  }
  if (options.from !== undefined && options.to !== undefined && options.to < options.from) {
    throw new InvalidInputError(`--to ${toText} is before --from ${fromText}`);
  }
  return options;
}

export function register(program: Command): void {
  program
    .command('index')
    .description('Altcoin Season Index: share of the top N altcoins (point in time) that beat BTC over the window; constituents and episodes')
    .option('--at <date>', 'the index at this date (default: the latest day with data)')
    .option('--from <date>', 'first date of a range (YYYY-MM-DD)')
    .option('--to <date>', 'last date of a range (default: the latest day with data)')
    .option('--top <n>', 'altcoins in the universe (CoinMarketCap uses 100)', '50')
    .option('--window <days>', 'return window: 30 (month), 90 (season), 365 (year)', '90')
    .option('--alt-threshold <n>', 'index at or above this = altcoin season', '75')
    .option('--btc-threshold <n>', 'index at or below this = bitcoin season', '25')
    .option('--exclude <symbols>', 'extra tickers to leave out, comma-separated (stablecoins, wrapped and staked tokens are already out)')
    .option('--staleness <days>', 'oldest as-of price or market cap allowed, in days', '7')
    .option('--min-universe <n>', 'fewer priced constituents than this leaves the index undefined', '10')
    .option('--explain <date>', 'list the constituents at this date: rank, cap, prices with dates and sources, returns, beats, skipped coins')
    .option('--episodes', 'list altcoin/bitcoin season episodes (start, end, length, peak) in the range', false)
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const options = parseIndexFlags(raw);
      options.color = process.stdout.isTTY === true;
      options.width = process.stdout.columns ?? 100;
      await withStore(command, (store) => runIndex(store, options), { mustExist: true });
    });
}
