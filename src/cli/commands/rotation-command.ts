/**
 * `altseason rotation`: size-tier and sector indices vs BTC, breadth, the rotation phase and its
 * episodes (src/app/rotation.ts); `--test` runs the rotation-order test (src/app/rotation-test.ts).
 */
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { RotationWeighting } from '../../analytics/rotation/rotation-options.ts';
import type { RotationResult } from '../../app/contracts/rotation.ts';
import { readContext } from '../../app/read-context.ts';
import { rotation } from '../../app/rotation.ts';
import type { SectorsFile } from '../../app/sectors.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderRotationTable, ROTATION_DAY_FIELDS } from '../../report/rotation-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parseWholeNumber } from '../parse-flags.ts';
import { readSectorsFile } from './sectors-command.ts';

export interface RotationOptions {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  window: number;
  weighting: RotationWeighting;
  sectorsFile: SectorsFile | null;
  format: OutputFormat;
}

export async function runRotation(store: Store, options: RotationOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<RotationResult> {
  const result = await rotation(readContext(store), {
    window: options.window,
    weighting: options.weighting,
    sectorsFile: options.sectorsFile,
    fieldNames: CLI_DATE_FIELDS,
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  });
  writeResult(result, options.format, { table: renderRotationTable, csv: (r) => renderRecordsCsv(r.days, ROTATION_DAY_FIELDS) }, out, err);
  return result;
}

export function parseWeighting(text: string): RotationWeighting {
  if (text !== 'cap' && text !== 'equal') throw new InvalidInputError(`--weighting: expected cap or equal, got ${JSON.stringify(text)}`);
  return text;
}

export function register(program: Command): void {
  program
    .command('rotation')
    .description('sector rotation: point-in-time size-tier and sector indices vs BTC, breadth, the rotation phase with its evidence and episodes; --test tests the rotation order')
    .option('--at <date>', 'the phase and indices on this date (default: the latest day with data)')
    .option('--from <date>', 'first date of a range (YYYY-MM-DD)')
    .option('--to <date>', 'last date of a range (default: the latest day with data)')
    .option('--window <days>', 'relative-strength window of the phase rule, in days', '30')
    .option('--weighting <cap|equal>', 'index weighting', 'cap')
    .option('--sectors <file>', 'CSV "symbol,sector" or "id,sector" whose labels override the stored categories')
    .option('--format <format>', 'table | json | csv (csv: one row per day)', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      if (raw.at !== undefined && (raw.from !== undefined || raw.to !== undefined)) throw new InvalidInputError('--at: give either --at or --from/--to, not both');
      if (raw.to !== undefined && raw.from === undefined) throw new InvalidInputError('--to: needs --from (or use --at for one date)');
      const options: RotationOptions = {
        window: parseWholeNumber(String(raw.window), '--window'),
        weighting: parseWeighting(String(raw.weighting)),
        sectorsFile: readSectorsFile(typeof raw.sectors === 'string' ? raw.sectors : undefined),
        format: parseFormat(String(raw.format)),
      };
      if (typeof raw.at === 'string') options.at = parseDay(raw.at, '--at');
      if (typeof raw.from === 'string') options.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') options.to = parseDay(raw.to, '--to');
      await withStore(command, (store) => runRotation(store, options), { readOnly: true });
    });
}
