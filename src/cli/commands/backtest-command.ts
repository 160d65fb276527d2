/**
 * `altseason backtest STRATEGY`: a point-in-time backtest of a built-in strategy or of a user's
 * module (a .ts/.js file exporting the strategy function), with parameter sweeps, walk-forward and
 * the statistics that say whether the result is luck (src/app/backtest.ts). --out writes the HTML
 * report.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDay } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { DELISTING_RULES, type DelistingRule } from '../../analytics/backtest/costs.ts';
import { parseParameter, parseSweepAxis } from '../../analytics/backtest/parameter-grid.ts';
import type { ParameterValue, StrategyDefinition } from '../../analytics/backtest/strategy.ts';
import { strategyFromModule } from '../../analytics/backtest/user-strategy.ts';
import { parseWalkForward } from '../../analytics/backtest/walk-forward.ts';
import { backtest, type BacktestQuery } from '../../app/backtest.ts';
import type { BacktestResult } from '../../app/contracts/backtest.ts';
import { readContext } from '../../app/read-context.ts';
import { parseThreads } from '../../app/sweep-threads.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderBacktestHtml } from '../../report/backtest-html.ts';
import { backtestCsvRecords, renderBacktestTable } from '../../report/backtest-table.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { withStore } from '../context.ts';
import { importModuleFile } from '../import-module-file.ts';
import { checkOutputPath, parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parseWholeNumber } from '../parse-flags.ts';

export interface BacktestFlags {
  param: string[];
  sweep: string[];
  from?: string;
  to?: string;
  feesBps: string;
  slippageBps: string;
  funding?: boolean;
  maxGross: string;
  delisting: string;
  walkForward?: string;
  seed: string;
  threads?: string;
  format: string;
  out?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Does the STRATEGY argument name a module file rather than a built-in id? */
export function isModulePath(text: string): boolean {
  return /\.[cm]?[jt]s$/.test(text) || text.includes('/') || text.includes('\\');
}

/** Loads a user's strategy module (TypeScript through tsx, which the source checkout has). */
export async function loadStrategyModule(path: string): Promise<StrategyDefinition> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new InvalidInputError(`strategy module ${path}: no such file (${absolute}); built-in strategies: asi-regime, dominance-breakdown, rut-breakout, sector-momentum, hold`);
  let exports: Record<string, unknown>;
  try {
    exports = await importModuleFile(absolute);
  } catch (error) {
    throw new InvalidInputError(`strategy module ${path}: could not load it: ${(error as Error).message.split('\n')[0]}`);
  }
  return strategyFromModule(exports, path);
}

function maxGrossOf(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(value > 0 && value <= 10)) throw new InvalidInputError(`--max-gross: expected a gross weight above 0 and at most 10 (1 = no leverage), got ${JSON.stringify(text)}`);
  return value;
}

export async function queryFromFlags(strategy: string, flags: BacktestFlags): Promise<BacktestQuery> {
  const parameters: Record<string, ParameterValue> = {};
  for (const text of flags.param) {
    const [name, value] = parseParameter(text);
    if (name in parameters) throw new InvalidInputError(`--param ${name}: given twice`);
    parameters[name] = value;
  }
  const bps = (flag: string, text: string) => {
    const value = Number(text);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || value > 10_000) throw new InvalidInputError(`${flag}: expected basis points from 0 to 10000, got ${JSON.stringify(text)}`);
    return value;
  };
  if (!DELISTING_RULES.includes(flags.delisting as DelistingRule)) throw new InvalidInputError(`--delisting: expected ${DELISTING_RULES.join(' or ')}, got ${JSON.stringify(flags.delisting)}`);
  const query: BacktestQuery = {
    strategy,
    parameters,
    sweep: flags.sweep.map((s) => parseSweepAxis(s)),
    feesBps: bps('--fees-bps', flags.feesBps),
    slippageBps: bps('--slippage-bps', flags.slippageBps),
    funding: flags.funding === true,
    maxGross: maxGrossOf(flags.maxGross),
    delisting: flags.delisting as DelistingRule,
    seed: parseWholeNumber(flags.seed, '--seed', 0),
    threads: parseThreads(flags.threads ?? 'auto'),
    fieldNames: CLI_DATE_FIELDS,
  };
  if (flags.from !== undefined) query.from = parseDay(flags.from, '--from');
  if (flags.to !== undefined) query.to = parseDay(flags.to, '--to');
  if (flags.walkForward !== undefined) query.walkForward = parseWalkForward(flags.walkForward);
  if (isModulePath(strategy)) {
    query.definition = await loadStrategyModule(strategy);
    query.definitionSource = `module ${strategy}`;
  }
  return query;
}

export async function runBacktestCommand(store: Store, query: BacktestQuery, format: OutputFormat, out?: string, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<BacktestResult> {
  const result = await backtest(readContext(store), query);
  if (out) {
    writeFileSync(out, renderBacktestHtml(result));
    stderr.write(`${result.simulated ? 'SIMULATED DATA: ' : ''}wrote the HTML report to ${out}\n`);
  }
  writeResult(result, format, { table: renderBacktestTable, csv: (r) => renderRecordsCsv(backtestCsvRecords(r)) }, stdout, stderr);
  return result;
}

export function register(program: Command): void {
  program
    .command('backtest')
    .description('backtest a strategy point in time (built-in: asi-regime, dominance-breakdown, rut-breakout, sector-momentum, hold; or a .ts/.js module), with sweeps, walk-forward, PSR/DSR/PBO')
    .argument('<strategy>', 'a built-in strategy id, or the path of a module exporting a strategy function (docs/backtests.md)')
    .option('--param <name=value>', 'a strategy parameter, e.g. --param threshold=80 (repeatable)', collect, [])
    .option('--sweep <name=spec>', 'sweep a parameter: threshold=50..90:5 or window=30,90 (repeatable; the grid is their product)', collect, [])
    .option('--from <date>', 'first trading day (YYYY-MM-DD); default: the first day with the rule’s warm-up')
    .option('--to <date>', 'last day (YYYY-MM-DD); default: the last stored day')
    .option('--fees-bps <n>', 'fees in basis points of turnover', '10')
    .option('--slippage-bps <n>', 'slippage in basis points of turnover', '0')
    .option('--funding', 'charge BTC perpetual funding on leveraged exposure (stored funding rates)', false)
    .option('--max-gross <n>', 'largest gross weight a strategy may hold (1 = no leverage; above 1 for user modules that lever)', '1')
    .option('--delisting <rule>', 'a held coin that stops trading: last-price (sold at its last price) or zero (marked to zero)', 'last-price')
    .option('--walk-forward <train:test>', 'rolling walk-forward, e.g. 365:90 (days): the stitched out-of-sample curve becomes the headline')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--threads <n|auto>', 'threads for an asi-regime sweep and its PBO: auto uses several only when more than one core is free and the grid has 20,000+ configurations; the result is the same on any number', 'auto')
    .option('--format <format>', 'table | json | csv (csv: one row per configuration when sweeping, else per day)', 'table')
    .option('--out <file>', 'also write the HTML report (equity, drawdown, heatmap, walk-forward, PSR/DSR/PBO) to this file')
    .action(async (strategy: string, flags: BacktestFlags, command: Command) => {
      const format = parseFormat(flags.format);
      if (flags.out) checkOutputPath(flags.out);
      const query = await queryFromFlags(strategy, flags);
      await withStore(command, (store) => runBacktestCommand(store, query, format, flags.out), { readOnly: true });
    });
}
