/**
 * `altseason portfolio import FILE | show | plan save FILE | plan list | plan remove NAME |
 * plan check NAME | plan simulate NAME`; `altseason plan …` is the same plan commands at the top level: the user's own portfolio and profit-taking plans, kept in the local store and
 * never sent anywhere (src/app/portfolio-*.ts).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { ProfitPlan } from '../../analytics/portfolio/profit-plan.ts';
import { importPortfolio } from '../../app/portfolio-import.ts';
import { listPlans, planCheck, removePlan, savePlan } from '../../app/portfolio-plan.ts';
import { planSimulate } from '../../app/portfolio-plan-simulate.ts';
import { planSweep } from '../../app/portfolio-plan-sweep.ts';
import { portfolioShow } from '../../app/portfolio-show.ts';
import { readContext } from '../../app/read-context.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import type { PortfolioFile } from '../../data/portfolio/parse-portfolio-file.ts';
import type { Column } from '../../report/columns.ts';
import { PLAN_FIRING_FIELDS, PORTFOLIO_HOLDING_FIELDS, renderPlanCheckTable, renderPortfolioImportTable, renderPortfolioTable } from '../../report/portfolio-table.ts';
import { planSimulateMetricRows, renderPlanSimulateTable } from '../../report/plan-simulate-table.ts';
import { PLAN_SWEEP_FIELDS, renderPlanSweepTable } from '../../report/plan-sweep-table.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, writeRows, type OutputFormat } from '../output.ts';
import { readSectorsFile } from './sectors-command.ts';

function readInputFile(path: string, what: string): PortfolioFile {
  try {
    return { name: path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new InvalidInputError(`${what} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

const at = (raw: Record<string, unknown>): DayNumber | undefined => (typeof raw.at === 'string' ? parseDay(raw.at, '--at') : undefined);

export async function runPortfolioImport(store: Store, path: string, format: OutputFormat, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const result = await importPortfolio(store, readInputFile(path, 'portfolio import'));
  writeResult(result, format, { table: renderPortfolioImportTable, csv: (r) => renderRecordsCsv([{ file: r.file, format: r.format, holdings: r.holdings, trades: r.trades, replacedHoldings: r.replacedHoldings }]) }, out);
}

export async function runPortfolioShow(store: Store, options: { at?: DayNumber; format: OutputFormat; sectors?: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const result = await portfolioShow(readContext(store), {
    fieldNames: CLI_DATE_FIELDS,
    sectorsFile: readSectorsFile(options.sectors),
    ...(options.at !== undefined ? { at: options.at } : {}),
  });
  writeResult(result, options.format, { table: renderPortfolioTable, csv: (r) => renderRecordsCsv(r.holdings, PORTFOLIO_HOLDING_FIELDS) }, out);
}

const PLAN_COLUMNS: Column<ProfitPlan>[] = [
  { key: 'name', value: (p) => p.name },
  { key: 'rules', align: 'right', value: (p) => p.rules.length },
  {
    key: 'summary',
    value: (p) => p.rules.map((r) => `${r.id}: ${r.scope} sell ${Number((r.sell * 100).toFixed(4))}% on ${r.trigger.type}`).join('; '),
  },
];

function bps(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(value)) throw new InvalidInputError(`${flag}: expected basis points (a number ≥ 0), got ${JSON.stringify(text)}`);
  return value;
}

function scales(text: string | undefined, flag: string): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',').map((part) => part.trim());
  for (const v of values) if (!/^\d+(\.\d+)?$/.test(v) || !(Number(v) > 0)) throw new InvalidInputError(`${flag}: expected numbers > 0 separated by commas (e.g. 0.5,1,2), got ${JSON.stringify(v)} in ${JSON.stringify(text)}`);
  return values.map(Number);
}

/** The `plan` subcommands (save, list, remove, simulate, check) under a parent: `portfolio plan` and the top-level `plan`. */
export function registerPlan(parent: Command, name = 'plan'): Command {
  const plan = parent.command(name).description('profit-taking plans: price-target ladders, time exits, trailing stops, ASI and BTC.D exits (save, list, remove, check, simulate, sweep)');
  addPlanSubcommands(plan);
  return plan;
}

export function register(program: Command): void {
  const portfolio = program.command('portfolio').description('your own portfolio (kept in the local store, never sent anywhere): import, show, profit-taking plans');
  portfolio
    .command('import <file>')
    .description('replace the stored portfolio with a file: CSV asset,quantity[,cost_usd,acquired], the same as JSON, or a trade list date,asset,side,quantity,price_usd,fee_usd; all or nothing')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (file: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      await withStore(command, (store) => runPortfolioImport(store, file, format), { mustExist: true });
    });
  portfolio
    .command('show')
    .description('holdings valued at stored prices (with their as-of dates), weights, unrealised P&L, sector and tier')
    .option('--at <date>', 'value as of this day (YYYY-MM-DD; default the last day with data)')
    .option('--sectors <file>', 'your sector labels (CSV symbol,sector or id,sector), overriding the stored categories')
    .option('--format <format>', 'table | json | csv (csv: one row per holding)', 'table')
    .action(async (raw: Record<string, string>, command: Command) => {
      const options = { format: parseFormat(String(raw.format)), ...(raw.sectors ? { sectors: raw.sectors } : {}), ...(at(raw) !== undefined ? { at: at(raw)! } : {}) };
      await withStore(command, (store) => runPortfolioShow(store, options), { readOnly: true });
    });
  registerPlan(portfolio);
}

/** `altseason plan …`: the same commands as `altseason portfolio plan …`. */
export function registerPlanCommand(program: Command): void {
  registerPlan(program);
}

function addPlanSubcommands(plan: Command): void {
  plan
    .command('save <file>')
    .description('validate a plan file (YAML or JSON, see docs/risk.md) and keep it in the store under its name')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (file: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      await withStore(command, async (store) => writeRows([await savePlan(store, readInputFile(file, 'plan save'))], PLAN_COLUMNS, format), { mustExist: true });
    });
  plan
    .command('list')
    .description('the stored plans')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      await withStore(command, async (store) => writeRows(await listPlans(store), PLAN_COLUMNS, format), { readOnly: true });
    });
  plan
    .command('remove <name>')
    .description('remove a stored plan')
    .action(async (name: string, _raw: unknown, command: Command) => {
      await withStore(command, (store) => removePlan(store, name), { mustExist: true });
    });
  plan
    .command('simulate <name>')
    .description('replay a plan over history through the backtest engine: every stored holding bought at the close of --from, the plan run to --to with fees, against holding the book and BTC')
    .requiredOption('--from <date>', 'entry day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD; default the last day with data)')
    .option('--fees-bps <n>', 'fees in basis points of turnover', '10')
    .option('--slippage-bps <n>', 'slippage in basis points of turnover', '0')
    .option('--format <format>', 'table | json | csv (csv: one row per metric)', 'table')
    .action(async (name: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      const from = parseDay(raw.from!, '--from');
      const to = typeof raw.to === 'string' ? parseDay(raw.to, '--to') : undefined;
      const query = { name, from, feesBps: bps(raw.feesBps, '--fees-bps'), slippageBps: bps(raw.slippageBps, '--slippage-bps'), fieldNames: { ...CLI_DATE_FIELDS, at: '--to' }, ...(to !== undefined ? { to } : {}) };
      await withStore(
        command,
        async (store) => {
          const result = await planSimulate(readContext(store), query);
          writeResult(result, format, { table: renderPlanSimulateTable, csv: (r) => renderRecordsCsv(planSimulateMetricRows(r)) });
        },
        { readOnly: true },
      );
    });
  plan
    .command('sweep <name>')
    .description('replay variants of a plan\'s ladder (price targets × g, shares sold × s) through the backtest engine like simulate, each a trial in the deflated Sharpe ratio and PBO')
    .requiredOption('--from <date>', 'entry day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD; default the last day with data)')
    .option('--gain-scales <list>', 'factors on every price target, e.g. 0.5,0.75,1,1.5,2 (the default)')
    .option('--sell-scales <list>', 'factors on every share sold (a scope never sells more than all), e.g. 0.5,1,2 (the default)')
    .option('--fees-bps <n>', 'fees in basis points of turnover', '10')
    .option('--slippage-bps <n>', 'slippage in basis points of turnover', '0')
    .option('--format <format>', 'table | json | csv (csv: one row per variant)', 'table')
    .action(async (name: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      const from = parseDay(raw.from!, '--from');
      const to = typeof raw.to === 'string' ? parseDay(raw.to, '--to') : undefined;
      const gainScales = scales(raw.gainScales, '--gain-scales');
      const sellScales = scales(raw.sellScales, '--sell-scales');
      const query = {
        name, from, feesBps: bps(raw.feesBps, '--fees-bps'), slippageBps: bps(raw.slippageBps, '--slippage-bps'), fieldNames: { ...CLI_DATE_FIELDS, at: '--to' },
        ...(to !== undefined ? { to } : {}), ...(gainScales ? { gainScales } : {}), ...(sellScales ? { sellScales } : {}),
      };
      await withStore(
        command,
        async (store) => {
          const result = await planSweep(readContext(store), query);
          writeResult(result, format, { table: renderPlanSweepTable, csv: (r) => renderRecordsCsv(r.variants, PLAN_SWEEP_FIELDS) });
        },
        { readOnly: true },
      );
    });
  plan
    .command('check <name>')
    .description('which rules of a plan fire for the stored holdings on a day (default the last day with data), the orders they imply, and the plan replayed against holding')
    .option('--at <date>', 'check as of this day (YYYY-MM-DD): only data up to it are read')
    .option('--format <format>', 'table | json | csv (csv: one row per firing)', 'table')
    .action(async (name: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      const day = at(raw);
      await withStore(
        command,
        async (store) => {
          const result = await planCheck(readContext(store), { name, fieldNames: CLI_DATE_FIELDS, ...(day !== undefined ? { at: day } : {}) });
          writeResult(result, format, { table: renderPlanCheckTable, csv: (r) => renderRecordsCsv(r.firings, PLAN_FIRING_FIELDS) });
        },
        { readOnly: true },
      );
    });
}
