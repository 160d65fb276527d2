/**
 * `altseason thesis`: does Russell 2000 strength lead altcoin outperformance? A thin adapter:
 * parses the flags, checks --out before any work, runs the use case (app/run-thesis.ts) and
 * renders the report as Markdown, HTML or JSON to --out or stdout. Progress goes to stderr. The
 * same store and --seed give the same report.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT } from '../../analytics/market/find-breakouts.ts';
import { DEFAULT_THESIS_SEED, type ThesisOptions } from '../../analytics/thesis/compute-thesis-from-inputs.ts';
import { parseDay } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { runThesis } from '../../app/run-thesis.ts';
import { renderThesis, THESIS_FORMATS, type ThesisFormat } from '../../report/thesis/render-thesis.ts';
import { withStore } from '../context.ts';
import { checkOutputPath } from '../output.ts';

export interface ThesisFlags {
  from?: string;
  to?: string;
  window: string;
  breakoutDrawdown: string;
  seed: string;
  replicates: string;
  format: string;
  out?: string;
}

function parseNumber(flag: string, text: string, integer: boolean, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new InvalidInputError(`${flag}: expected ${integer ? 'a whole number' : 'a number'} ≥ ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Turns the command-line flags into thesis options (throws InvalidInputError quoting the flag). */
export function thesisOptionsFromFlags(flags: ThesisFlags): { options: ThesisOptions; format: ThesisFormat } {
  if (!(THESIS_FORMATS as readonly string[]).includes(flags.format)) throw new InvalidInputError(`--format: expected one of ${THESIS_FORMATS.join(', ')}, got ${JSON.stringify(flags.format)}`);
  const options: ThesisOptions = {
    window: parseNumber('--window', flags.window, true, 2),
    breakoutDrawdownPct: parseNumber('--breakout-drawdown', flags.breakoutDrawdown, false, 0),
    seed: parseNumber('--seed', flags.seed, true, 0),
    replicates: parseNumber('--replicates', flags.replicates, true, 1),
  };
  if (flags.from !== undefined) options.from = parseDay(flags.from, '--from');
  if (flags.to !== undefined) options.to = parseDay(flags.to, '--to');
  if (options.from !== undefined && options.to !== undefined && options.to < options.from) throw new InvalidInputError(`--to (${flags.to}) is before --from (${flags.from})`);
  return { options, format: flags.format as ThesisFormat };
}

export function register(program: Command): void {
  program
    .command('thesis')
    .description('test whether Russell 2000 strength leads altcoin outperformance: lead-lag, Granger, event study, hit rates, precedents, power, verdict')
    .option('--from <date>', 'first day tested (YYYY-MM-DD); default: where crypto and ^RUT data overlap')
    .option('--to <date>', 'last day tested (YYYY-MM-DD); later data is ignored')
    .option('--window <days>', 'Altcoin Season Index window in days', '90')
    .option('--breakout-drawdown <pct>', 'a breakout is the first ^RUT record after a drawdown of at least this many %', String(DEFAULT_BREAKOUT_DRAWDOWN_PCT))
    .option('--seed <n>', 'seed of the placebo draws: the same seed gives the same report', String(DEFAULT_THESIS_SEED))
    .option('--replicates <n>', 'placebo sets per event study and hit rate', '2000')
    .option('--format <format>', `${THESIS_FORMATS.join(' | ')}`, 'markdown')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .action(async (flags: ThesisFlags, command: Command) => {
      const { options, format } = thesisOptionsFromFlags(flags);
      if (flags.out) checkOutputPath(flags.out);
      const started = Date.now();
      options.onProgress = (message) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`);
      const report = await withStore(command, (store) => runThesis(store, options), { readOnly: true });
      const text = renderThesis(report, format);
      if (flags.out) {
        writeFileSync(flags.out, text);
        process.stderr.write(`${report.simulated ? 'SIMULATED DATA: ' : ''}wrote the ${format} report to ${flags.out}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
