/**
 * `altseason index`: the Altcoin Season Index at a date (default: the latest day with data) or over
 * a range, its constituents (--explain) and its season episodes (--episodes). Parses the flags,
 * calls the use cases (src/app/season-index.ts, src/app/explain-index.ts) and presents the result.
 */
import type { Command } from 'commander';
import { RANK_AT_VALUES, type RankAt, type SeasonIndexOptions } from '../../analytics/season/season-index-options.ts';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { explainIndex } from '../../app/explain-index.ts';
import { readContext } from '../../app/read-context.ts';
import { DEFAULT_EPISODE_MIN_DAYS } from '../../analytics/season/season-episodes.ts';
import { seasonIndex } from '../../app/season-index.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { CONSTITUENT_FIELDS, renderExplainIndexTable } from '../../report/explain-index-table.ts';
import { renderCsv, renderRecordsCsv } from '../../report/render-csv.ts';
import { EPISODE_COLUMNS, pointColumns, renderEpisodesTable, renderSeasonIndexTable } from '../../report/season-index-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parseThreshold, parseWholeNumber } from '../parse-flags.ts';

export interface IndexCommandOptions {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  explain?: DayNumber;
  episodes: boolean;
  minEpisodeDays?: number;
  format: OutputFormat;
  season: Partial<SeasonIndexOptions>;
  /** Terminal width for the chart; colours only when writing to a TTY. */
  width?: number;
  color?: boolean;
}

/** Computes and writes what the options ask for. */
export async function runIndex(store: Store, options: IndexCommandOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<void> {
  const context = readContext(store);
  const color = options.color ?? false;
  if (options.explain !== undefined) {
    const result = await explainIndex(context, { date: options.explain, settings: options.season, fieldName: '--explain', excludeFieldName: '--exclude' });
    writeResult(result, options.format, { table: (r) => renderExplainIndexTable(r, color), csv: (r) => renderRecordsCsv(r.constituents, CONSTITUENT_FIELDS) }, out, err);
    return;
  }
  const minEpisodeDays = options.minEpisodeDays ?? DEFAULT_EPISODE_MIN_DAYS;
  const query = { settings: options.season, minEpisodeDays, fieldNames: CLI_DATE_FIELDS, ...pick(options) };
  const result = await seasonIndex(context, query);
  if (options.episodes) {
    writeResult(result, options.format, { table: (r) => renderEpisodesTable(r, minEpisodeDays), csv: (r) => renderCsv(r.episodes, EPISODE_COLUMNS) }, out, err);
    return;
  }
  writeResult(
    result,
    options.format,
    { table: (r) => renderSeasonIndexTable(r, { color, minEpisodeDays, ...(options.width !== undefined ? { width: options.width } : {}) }), csv: (r) => renderCsv(r.points, pointColumns()) },
    out,
    err,
  );
}

function pick(options: IndexCommandOptions): { at?: DayNumber; from?: DayNumber; to?: DayNumber } {
  const dates: { at?: DayNumber; from?: DayNumber; to?: DayNumber } = {};
  if (options.at !== undefined) dates.at = options.at;
  if (options.from !== undefined) dates.from = options.from;
  if (options.to !== undefined) dates.to = options.to;
  return dates;
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
  const stalenessGiven = text('staleness') !== undefined;
  const stalenessDays = parseWholeNumber(text('staleness') ?? '7', '--staleness', 0);
  if (stalenessDays >= window) {
    // Name the flag the user actually set: `--window 5` alone must not blame --staleness.
    throw new InvalidInputError(
      stalenessGiven
        ? `--staleness ${stalenessDays} must be shorter than --window ${window} (days)`
        : `--window ${window} is too short for prices up to ${stalenessDays} days old (the default --staleness): use --window ${stalenessDays + 1} or more, or a smaller --staleness`,
    );
  }
  const altThreshold = parseThreshold(text('altThreshold') ?? '75', '--alt-threshold');
  const btcThreshold = parseThreshold(text('btcThreshold') ?? '25', '--btc-threshold');
  if (btcThreshold >= altThreshold) throw new InvalidInputError(`--btc-threshold ${btcThreshold} must be below --alt-threshold ${altThreshold}`);
  const rankAt = text('rankAt') ?? 'end';
  if (!RANK_AT_VALUES.includes(rankAt as RankAt)) throw new InvalidInputError(`--rank-at: expected start or end, got ${JSON.stringify(rankAt)}`);
  const season: Partial<SeasonIndexOptions> = {
    top: parseWholeNumber(text('top') ?? '50', '--top'),
    window,
    stalenessDays,
    altThreshold,
    btcThreshold,
    minUniverse: parseWholeNumber(text('minUniverse') ?? '10', '--min-universe'),
    excludeSymbols: exclude,
    rankAt: rankAt as RankAt,
  };
  const options: IndexCommandOptions = { episodes: raw.episodes === true, format: parseFormat(text('format') ?? 'table'), season };
  if (text('minDays') !== undefined) options.minEpisodeDays = parseWholeNumber(text('minDays')!, '--min-days');
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
    .option('--staleness <days>', 'oldest as-of price or market cap allowed, in days (default 7)')
    .option('--min-universe <n>', 'fewer priced constituents than this leaves the index undefined', '10')
    .option('--rank-at <end|start>', "pick the top N by market cap at the window's end (blockchaincenter's rule) or its start (no bias towards coins that rose)", 'end')
    .option('--explain <date>', 'list the constituents at this date: rank, cap, prices with dates and sources, returns, beats, skipped coins')
    .option('--episodes', 'list altcoin/bitcoin season episodes (start, end, length, peak) in the range', false)
    .option('--min-days <n>', `shortest episode listed, in days (hides one-day flickers; default ${DEFAULT_EPISODE_MIN_DAYS})`)
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const options = parseIndexFlags(raw);
      options.color = process.stdout.isTTY === true;
      options.width = process.stdout.columns ?? 100;
      await withStore(command, (store) => runIndex(store, options), { readOnly: true });
    });
}
