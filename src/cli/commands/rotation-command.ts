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
import { rotationTest } from '../../app/rotation-test.ts';
import type { RotationTestResult } from '../../app/contracts/rotation.ts';
import { renderRotationTestHtml, renderRotationTestMarkdown } from '../../report/rotation-test-report.ts';
import { renderJson } from '../../report/render-json.ts';
import type { SectorsFile } from '../../app/sectors.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderRotationTable, ROTATION_DAY_FIELDS } from '../../report/rotation-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parseWholeNumber } from '../parse-flags.ts';
import { parseTiers, readSectorsFile } from './sectors-command.ts';

export interface RotationOptions {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  window: number;
  weighting: RotationWeighting;
  sectorsFile: SectorsFile | null;
  format: OutputFormat;
  tiers?: { largeTo: number; midTo: number; smallTo: number };
  /** The phase rule's thresholds (rotation-phase.ts); absent ones keep their defaults. */
  phase?: RotationPhaseFlags;
}

export interface RotationPhaseFlags {
  leadMargin?: number;
  riskOffBtcReturn?: number;
  confirmDays?: number;
}

export async function runRotation(store: Store, options: RotationOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<RotationResult> {
  const result = await rotation(readContext(store), {
    window: options.window,
    weighting: options.weighting,
    sectorsFile: options.sectorsFile,
    fieldNames: CLI_DATE_FIELDS,
    ...(options.tiers ? { settings: options.tiers } : {}),
    ...(options.phase ? { phase: options.phase } : {}),
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  });
  writeResult(result, options.format, { table: renderRotationTable, csv: (r) => renderRecordsCsv(r.days, ROTATION_DAY_FIELDS) }, out, err);
  return result;
}

export type RotationTestFormat = 'markdown' | 'html' | 'json';

export interface RotationTestOptions {
  format: RotationTestFormat;
  weighting: RotationWeighting;
  window: number;
  /** Days per step: 7 (weekly, the default) or 1. */
  stepDays: number;
  seed: number;
  sectorsFile: SectorsFile | null;
  tiers?: { largeTo: number; midTo: number; smallTo: number };
  phase?: RotationPhaseFlags;
}

export async function runRotationTest(store: Store, options: RotationTestOptions, out: NodeJS.WritableStream = process.stdout): Promise<RotationTestResult> {
  const result = await rotationTest(readContext(store), { test: { weighting: options.weighting, stepDays: options.stepDays, seed: options.seed }, phaseWindow: options.window, ...(options.phase ? { phase: options.phase } : {}), sectorsFile: options.sectorsFile, ...(options.tiers ? { settings: options.tiers } : {}) });
  out.write(options.format === 'json' ? renderJson(result) : options.format === 'html' ? renderRotationTestHtml(result) : renderRotationTestMarkdown(result));
  return result;
}

export function parseWeighting(text: string): RotationWeighting {
  if (text !== 'cap' && text !== 'equal') throw new InvalidInputError(`--weighting: expected cap or equal, got ${JSON.stringify(text)}`);
  return text;
}

/** A fraction such as "0.02" or "-0.15" (no exponents, hex or percent signs), within [min, max) or (min, max). */
export function parseFraction(text: string, flag: string, range: { min: number; max: number; minIncluded: boolean; hint: string }): number {
  const value = Number(text);
  const inRange = (range.minIncluded ? value >= range.min : value > range.min) && value < range.max;
  if (!/^\s*-?\d*\.?\d+\s*$/.test(text) || !Number.isFinite(value) || !inRange) {
    throw new InvalidInputError(`${flag}: expected ${range.hint}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** The phase rule's flags, each checked with its flag's name. */
export function parsePhaseFlags(raw: Record<string, string | boolean | undefined>): RotationPhaseFlags {
  return {
    leadMargin: parseFraction(String(raw.leadMargin), '--lead-margin', { min: 0, max: 1, minIncluded: true, hint: 'a fraction from 0 up to 1 (0.02 = 2 percentage points over BTC)' }),
    riskOffBtcReturn: parseFraction(String(raw.riskOff), '--risk-off', { min: -1, max: 0, minIncluded: false, hint: 'a fraction between -1 and 0 (-0.15 = BTC down 15 % over the window)' }),
    confirmDays: parseWholeNumber(String(raw.confirmDays), '--confirm-days'),
  };
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
    .option('--tiers <large,mid,small>', 'last alt rank of the large, mid and small caps (ETH is its own tier)', '10,50,100')
    .option('--lead-margin <fraction>', 'phase rule: a tier leads only when its relative strength vs BTC over the window is at least this', '0.02')
    .option('--risk-off <fraction>', 'phase rule: BTC return over the window at or below which, with no tier rising, the phase is broad risk-off', '-0.15')
    .option('--confirm-days <n>', 'phase rule: days a new reading must hold before the phase changes', '5')
    .option('--format <format>', 'table | json | csv (csv: one row per day); with --test: markdown | html | json')
    .option('--test', 'test the rotation order (ETH → large → mid → small caps) over the stored history and the 2017–18 and 2020–21 cycles', false)
    .option('--step <days>', 'with --test: 7 (weekly returns, Monday to Monday; the default) or 1 (daily)', '7')
    .option('--seed <n>', 'with --test: seed of the event study’s placebo dates', '1')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      if (raw.test === true) {
        if (raw.at !== undefined || raw.from !== undefined || raw.to !== undefined) throw new InvalidInputError('--test: runs over the whole stored history (and the 2017–18 and 2020–21 cycles); drop --at/--from/--to');
        const format = String(raw.format ?? 'markdown');
        if (format !== 'markdown' && format !== 'html' && format !== 'json') throw new InvalidInputError(`--format: with --test expected markdown, html or json, got ${JSON.stringify(format)}`);
        const step = parseWholeNumber(String(raw.step), '--step');
        if (step !== 1 && step !== 7) throw new InvalidInputError(`--step: expected 7 (weekly) or 1 (daily), got ${step}`);
        const testOptions: RotationTestOptions = {
          format,
          weighting: parseWeighting(String(raw.weighting)),
          window: parseWholeNumber(String(raw.window), '--window'),
          stepDays: step,
          seed: parseWholeNumber(String(raw.seed), '--seed', 0),
          sectorsFile: readSectorsFile(typeof raw.sectors === 'string' ? raw.sectors : undefined),
          tiers: parseTiers(String(raw.tiers)),
          phase: parsePhaseFlags(raw),
        };
        await withStore(command, (store) => runRotationTest(store, testOptions), { readOnly: true });
        return;
      }
      if (raw.at !== undefined && (raw.from !== undefined || raw.to !== undefined)) throw new InvalidInputError('--at: give either --at or --from/--to, not both');
      if (raw.to !== undefined && raw.from === undefined) throw new InvalidInputError('--to: needs --from (or use --at for one date)');
      const options: RotationOptions = {
        window: parseWholeNumber(String(raw.window), '--window'),
        weighting: parseWeighting(String(raw.weighting)),
        sectorsFile: readSectorsFile(typeof raw.sectors === 'string' ? raw.sectors : undefined),
        format: parseFormat(String(raw.format ?? 'table')),
        tiers: parseTiers(String(raw.tiers)),
        phase: parsePhaseFlags(raw),
      };
      if (typeof raw.at === 'string') options.at = parseDay(raw.at, '--at');
      if (typeof raw.from === 'string') options.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') options.to = parseDay(raw.to, '--to');
      await withStore(command, (store) => runRotation(store, options), { readOnly: true });
    });
}
