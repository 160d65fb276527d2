/**
 * `altseason rut`: Russell 2000 record closes, breakouts after drawdowns, distance from the record,
 * days since it, and RUT/SPX relative strength (src/app/russell-2000.ts).
 */
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT } from '../../analytics/market/find-breakouts.ts';
import { readContext } from '../../app/read-context.ts';
import { russell2000, RUT_SYMBOL, SPX_SYMBOL } from '../../app/russell-2000.ts';
import type { Russell2000Result } from '../../app/contracts/russell-2000.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { DAY_FIELDS, renderRussell2000Table } from '../../report/russell-2000-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parsePercent } from '../parse-flags.ts';

export interface RutOptions {
  from?: DayNumber;
  to?: DayNumber;
  breakoutDrawdownPct: number;
  records: boolean;
  format: OutputFormat;
  symbol: string;
  benchmark: string;
}

/** Computes and writes the report; the testable core of the command. */
export async function runRut(store: Store, options: RutOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<Russell2000Result> {
  const query = {
    breakoutDrawdownPct: options.breakoutDrawdownPct,
    records: options.records,
    // --records with csv: only the record days.
    recordDaysOnly: options.records && options.format === 'csv',
    symbol: options.symbol,
    benchmark: options.benchmark,
    fieldNames: CLI_DATE_FIELDS,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  };
  const result = await russell2000(readContext(store), query);
  writeResult(result, options.format, { table: (r) => renderRussell2000Table(r, options.from !== undefined), csv: (r) => renderRecordsCsv(r.days, DAY_FIELDS) }, out, err);
  return result;
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
      await withStore(command, (store) => runRut(store, options), { readOnly: true });
    });
}
