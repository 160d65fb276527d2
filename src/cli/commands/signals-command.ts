/**
 * `altseason signals`: every confirmation signal as of a day (value, age, 1-year percentile,
 * reading, source); `altseason signal NAME`: one signal's history with a terminal chart
 * (src/app/signals.ts, docs/signals.md).
 */
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { readContext } from '../../app/read-context.ts';
import { DEFAULT_SIGNAL_MAX_AGE_DAYS, signalHistory, signals } from '../../app/signals.ts';
import type { SignalHistoryResult, SignalsResult } from '../../app/contracts/signals.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderSignalHistory, renderSignalsTable, SIGNAL_HISTORY_FIELDS, SIGNAL_ROW_FIELDS } from '../../report/signals-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';

export interface SignalsOptions {
  at?: DayNumber;
  maxAgeDays?: number;
  all?: boolean;
  format: OutputFormat;
}

export async function runSignals(store: Store, options: SignalsOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<SignalsResult> {
  const result = await signals(readContext(store), {
    fieldNames: CLI_DATE_FIELDS,
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.maxAgeDays !== undefined ? { maxAgeDays: options.maxAgeDays } : {}),
  });
  writeResult(
    result,
    options.format,
    { table: (r) => renderSignalsTable(r, { all: options.all ?? false }), csv: (r) => renderRecordsCsv(r.signals.map((s) => Object.fromEntries(SIGNAL_ROW_FIELDS.map((k) => [k, s[k] as string | number | boolean | null]))), SIGNAL_ROW_FIELDS) },
    out,
    err,
  );
  return result;
}

export interface SignalHistoryOptions {
  name: string;
  from?: DayNumber;
  to?: DayNumber;
  format: OutputFormat;
}

export async function runSignalHistory(store: Store, options: SignalHistoryOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<SignalHistoryResult> {
  const result = await signalHistory(readContext(store), {
    name: options.name,
    fieldNames: CLI_DATE_FIELDS,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  });
  writeResult(result, options.format, { table: renderSignalHistory, csv: (r) => renderRecordsCsv(r.points, SIGNAL_HISTORY_FIELDS) }, out, err);
  return result;
}

function parseMaxAge(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidInputError(`--max-age: expected a whole number of days, got ${JSON.stringify(text)}`);
  return Number(text);
}

export function register(program: Command): void {
  program
    .command('signals')
    .description('confirmation signals as of a day: volume, volatility, on-chain, exchange flows, derivatives (funding, OI, long/short, 25Δ skew), Fear & Greed — value, 1y percentile, reading, source')
    .option('--at <date>', 'as of this day (YYYY-MM-DD; default: the last day with signal data)')
    .option('--max-age <days>', 'use values at most this many days older than --at', String(DEFAULT_SIGNAL_MAX_AGE_DAYS))
    .option('--all', 'also list the signals without data (and why)', false)
    .option('--format <format>', 'table | json | csv (csv: one row per signal)', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const options: SignalsOptions = { format: parseFormat(String(raw.format)), maxAgeDays: parseMaxAge(String(raw.maxAge)), all: raw.all === true };
      if (typeof raw.at === 'string') options.at = parseDay(raw.at, '--at');
      await withStore(command, (store) => runSignals(store, options), { readOnly: true });
    });
}

/** `altseason signal NAME` (its own entry in commands/index.ts, loaded from this file). */
export function registerSignal(program: Command): void {
  program
    .command('signal')
    .description('one confirmation signal over time, with a terminal chart (altseason signals lists the names)')
    .argument('<name>', 'signal name, e.g. funding_annualised_btc')
    .option('--from <date>', 'first day (YYYY-MM-DD; default: a year before the last value)')
    .option('--to <date>', 'last day (YYYY-MM-DD; default: today)')
    .option('--format <format>', 'table | json | csv (csv: one row per day)', 'table')
    .action(async (name: string, raw: Record<string, string | undefined>, command: Command) => {
      const options: SignalHistoryOptions = { name, format: parseFormat(String(raw.format)) };
      if (typeof raw.from === 'string') options.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') options.to = parseDay(raw.to, '--to');
      if (options.from !== undefined && options.to !== undefined && options.to < options.from) throw new InvalidInputError(`--to ${raw.to} is before --from ${raw.from}`);
      await withStore(command, (store) => runSignalHistory(store, options), { readOnly: true });
    });
}
