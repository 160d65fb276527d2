/**
 * `altseason readiness`: the altseason readiness score with each component's value, score, weight
 * and contribution (src/app/readiness.ts); `--evaluate` writes the evidence of how well it has
 * predicted seasons (src/app/readiness-evaluation.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { parseWeights, type WeightSet } from '../../analytics/readiness/readiness-weights.ts';
import { readiness } from '../../app/readiness.ts';
import type { ReadinessResult } from '../../app/contracts/readiness.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { ReadContext } from '../../app/read-context.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { READINESS_COMPONENT_FIELDS, READINESS_DAY_FIELDS, renderReadinessTable } from '../../report/readiness-table.ts';
import { withReadContext } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';

export interface ReadinessOptions {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  weights?: WeightSet;
  weightsFile?: string;
  fitted?: boolean;
  format: OutputFormat;
}

/** Reads and validates a weights file; errors name the file and the problem. */
export function readWeightsFile(path: string): WeightSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`--weights ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseWeights(text, `--weights ${path}`);
}

export async function runReadiness(context: ReadContext, options: ReadinessOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<ReadinessResult> {
  const result = await readiness(context, {
    fieldNames: CLI_DATE_FIELDS,
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.weights ? { weights: options.weights, weightsSource: options.weightsFile ?? 'given' } : {}),
    ...(options.fitted ? { fitted: true } : {}),
  });
  const csv = (r: ReadinessResult) => (r.days.length > 1 ? renderRecordsCsv(r.days, READINESS_DAY_FIELDS) : renderRecordsCsv(r.latest.components, READINESS_COMPONENT_FIELDS));
  writeResult(result, options.format, { table: renderReadinessTable, csv }, out, err);
  return result;
}

export interface ReadinessEvaluateOptions {
  from?: DayNumber;
  to?: DayNumber;
  weights?: WeightSet;
  weightsSource?: string;
  replicates: number;
  seed: number;
  trade: boolean;
  format: 'markdown' | 'html' | 'json';
}

/** The evidence report's text (the use case and presenter load only when asked). */
export async function runReadinessEvaluation(context: ReadContext, options: ReadinessEvaluateOptions): Promise<string> {
  const [{ readinessEvaluation }, { renderReadinessEvidence }] = await Promise.all([import('../../app/readiness-evaluation.ts'), import('../../report/readiness-evidence.ts')]);
  const { format, ...query } = options;
  return renderReadinessEvidence(await readinessEvaluation(context, query), format);
}

export function register(program: Command): void {
  program
    .command('readiness')
    .description('altseason readiness: a 0–100 score whose every component (value, score, weight, contribution) is shown; --evaluate for how well it has predicted seasons')
    .option('--at <date>', 'the score on this day (YYYY-MM-DD; default: the last day with data)')
    .option('--from <date>', 'first day of a range (default: a year before --to)')
    .option('--to <date>', 'last day of a range (default: the last day with data)')
    .option('--weights <file>', 'a JSON file of component id → weight (docs/readiness.md; default: src/analytics/readiness/default-weights.ts)')
    .option('--fitted', 'weights fitted by logistic regression on the seasons known by the day shown (never later data)', false)
    .option('--evaluate', 'the evidence report: hit rate, lead time, false alarms, Brier, ROC AUC with block-bootstrap intervals, calibration, baselines, a trade with its deflated Sharpe', false)
    .option('--out <file>', 'with --evaluate: write the report to this file')
    .option('--replicates <n>', 'with --evaluate: bootstrap replicates', '1000')
    .option('--seed <n>', 'with --evaluate: bootstrap seed', '1')
    .option('--no-trade', 'with --evaluate: skip the backtest of the trade')
    .option('--format <format>', 'table | json | csv; with --evaluate: markdown | html | json', undefined)
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const at = typeof raw.at === 'string' ? parseDay(raw.at, '--at') : undefined;
      const from = typeof raw.from === 'string' ? parseDay(raw.from, '--from') : undefined;
      const to = typeof raw.to === 'string' ? parseDay(raw.to, '--to') : undefined;
      if (at !== undefined && (from !== undefined || to !== undefined)) throw new InvalidInputError('give --at or --from/--to, not both');
      const weightsFile = typeof raw.weights === 'string' ? raw.weights : undefined;
      const weights = weightsFile ? readWeightsFile(weightsFile) : undefined;
      if (raw.evaluate === true) {
        const format = String(raw.format ?? 'markdown');
        if (!['markdown', 'html', 'json'].includes(format)) throw new InvalidInputError(`--format with --evaluate: expected markdown, html or json, got ${JSON.stringify(format)}`);
        const replicates = Number(raw.replicates);
        if (!Number.isInteger(replicates) || replicates < 100) throw new InvalidInputError(`--replicates: expected a whole number ≥ 100, got ${JSON.stringify(raw.replicates)}`);
        const seed = Number(raw.seed);
        if (!Number.isFinite(seed)) throw new InvalidInputError(`--seed: expected a number, got ${JSON.stringify(raw.seed)}`);
        await withReadContext(command, async (context) => {
          const text = await runReadinessEvaluation(context, { ...(from !== undefined ? { from } : {}), ...(to ?? at) !== undefined ? { to: (to ?? at)! } : {}, ...(weights ? { weights, weightsSource: weightsFile! } : {}), replicates, seed, trade: raw.trade !== false, format: format as 'markdown' | 'html' | 'json' });
          if (typeof raw.out === 'string') {
            writeFileSync(raw.out, text);
            process.stderr.write(`wrote ${raw.out}\n`);
          } else process.stdout.write(text);
        });
        return;
      }
      const options: ReadinessOptions = { format: parseFormat(String(raw.format ?? 'table')), fitted: raw.fitted === true };
      if (at !== undefined) options.at = at;
      if (from !== undefined) options.from = from;
      if (to !== undefined) options.to = to;
      if (weights) {
        options.weights = weights;
        options.weightsFile = weightsFile!;
      }
      await withReadContext(command, (context) => runReadiness(context, options));
    });
}
