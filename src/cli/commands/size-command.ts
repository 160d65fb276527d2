/**
 * `altseason size ASSET --risk 1% --stop PRICE|--atr-stop K [--equity N]`: a long position's
 * quantity from risk per trade and its stop, capped by the per-position limit, the binding
 * constraint named; optional volatility-targeted and fractional-Kelly sizes (src/app/size.ts).
 */
import type { Command } from 'commander';
import { parseDay } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { size, type SizeQuery } from '../../app/size.ts';
import { readContext } from '../../app/read-context.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderSizeTable, SIZE_CANDIDATE_FIELDS } from '../../report/size-table.ts';
import { withStore } from '../context.ts';
import { parsePercent, parseWholeNumber } from '../parse-flags.ts';
import { parseFormat, writeResult } from '../output.ts';

const percentFlag = (text: string, flag: string, max = 100) => parsePercent(text.replace(/%$/, ''), flag, 0, max) / 100;

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(text) || !(value > 0)) throw new InvalidInputError(`${flag}: expected a number above 0, got ${JSON.stringify(text)}`);
  return value;
}

export function register(program: Command): void {
  program
    .command('size <asset>')
    .description('position size from risk per trade and a stop (price or k × ATR), capped by the per-position limit, the binding cap named; optional volatility target and fractional Kelly')
    .requiredOption('--risk <pct>', 'risk per trade, % of equity (e.g. 1%)')
    .option('--stop <price>', 'stop price in USD (below the entry)')
    .option('--atr-stop <k>', 'stop k × ATR below the entry')
    .option('--atr-period <n>', 'ATR period (Wilder smoothing)', '14')
    .option('--equity <usd>', 'equity in USD (default: the stored portfolio\'s value)')
    .option('--cap <pct>', 'per-position cap, % of equity (2–5 % recommended)', '5%')
    .option('--sector-cap <pct>', 'sector cap for the room left when a portfolio is stored, % of equity', '30%')
    .option('--vol-target <pct>', 'also size to this annual volatility (EWMA, λ = 0.94), e.g. 50%')
    .option('--kelly <kappa>', 'also size by fractional Kelly, κ in (0, 1] (e.g. 0.25), from trailing daily returns; prints its assumptions')
    .option('--at <date>', 'as of this day (YYYY-MM-DD; default the last day with data)')
    .option('--format <format>', 'table | json | csv (csv: one row per candidate size)', 'table')
    .action(async (asset: string, raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      if ((raw.stop === undefined) === (raw.atrStop === undefined)) throw new InvalidInputError('size: give --stop PRICE or --atr-stop K (one of them)');
      const query: SizeQuery = {
        asset,
        riskFraction: percentFlag(String(raw.risk), '--risk', 100),
        positionCap: percentFlag(String(raw.cap), '--cap', 100.0001),
        sectorCap: percentFlag(String(raw.sectorCap), '--sector-cap', 100.0001),
        atrPeriod: parseWholeNumber(String(raw.atrPeriod), '--atr-period'),
        fieldNames: { ...CLI_DATE_FIELDS, asset: 'ASSET', stop: '--stop/--atr-stop', equity: '--equity' },
      };
      if (raw.stop !== undefined) query.stopPrice = positiveNumber(raw.stop, '--stop');
      if (raw.atrStop !== undefined) query.atrMultiple = positiveNumber(raw.atrStop, '--atr-stop');
      if (raw.equity !== undefined) query.equity = positiveNumber(raw.equity, '--equity');
      if (raw.volTarget !== undefined) query.volatilityTarget = percentFlag(raw.volTarget, '--vol-target', 1000);
      if (raw.kelly !== undefined) {
        const kappa = positiveNumber(raw.kelly, '--kelly');
        if (kappa > 1) throw new InvalidInputError(`--kelly: κ must be at most 1 (¼ to ½ is usual), got ${raw.kelly}`);
        query.kellyMultiplier = kappa;
      }
      if (raw.at !== undefined) query.at = parseDay(raw.at, '--at');
      await withStore(
        command,
        async (store) => {
          const result = await size(readContext(store), query);
          writeResult(result, format, { table: renderSizeTable, csv: (r) => renderRecordsCsv(r.candidates, SIZE_CANDIDATE_FIELDS) });
        },
        { readOnly: true },
      );
    });
}
