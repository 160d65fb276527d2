/**
 * `altseason dominance`: BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3 and OTHERS over
 * time, each labelled with its universe and source (src/app/dominance.ts).
 */
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { DEFAULT_AGGREGATE_TOP_N } from '../../analytics/market/compute-market-aggregates.ts';
import { DEFAULT_BTC_DOMINANCE_THRESHOLDS } from '../../analytics/market/summarize-market-structure.ts';
import { dominance } from '../../app/dominance.ts';
import type { DominanceResult } from '../../app/contracts/dominance.ts';
import { readContext } from '../../app/read-context.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { DOMINANCE_DAY_FIELDS, renderDominanceTable } from '../../report/dominance-table.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';

export interface DominanceOptions {
  from?: DayNumber;
  to?: DayNumber;
  format: OutputFormat;
  topN: number | null;
  thresholds: number[];
  includeWrapped?: boolean;
  /** Restrict the stored universe to these observation sources. */
  sources?: string[];
}

export async function runDominance(store: Store, options: DominanceOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<DominanceResult> {
  const result = await dominance(readContext(store), {
    topN: options.topN,
    thresholds: options.thresholds,
    includeWrapped: options.includeWrapped ?? false,
    fieldNames: CLI_DATE_FIELDS,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.sources !== undefined ? { sources: options.sources } : {}),
  });
  writeResult(result, options.format, { table: renderDominanceTable, csv: (r) => renderRecordsCsv(r.days, DOMINANCE_DAY_FIELDS) }, out, err);
  return result;
}

export function register(program: Command): void {
  program
    .command('dominance')
    .description('BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3, OTHERS over time, each with its universe and source')
    .option('--from <date>', 'first day listed (YYYY-MM-DD)')
    .option('--to <date>', 'compute as of this day (YYYY-MM-DD)')
    .option('--top <n>', `universe of the stored aggregates: the N largest caps each day, or "all"`, String(DEFAULT_AGGREGATE_TOP_N))
    .option('--include-wrapped', 'count wrapped and staked tokens (WBTC, stETH, …) in the totals; they double count BTC and ETH, so they are left out by default', false)
    .option('--thresholds <list>', 'BTC.D levels whose crossings are listed, in %', DEFAULT_BTC_DOMINANCE_THRESHOLDS.join(','))
    .option('--sources <list>', 'build the stored universe from these observation sources only (comma-separated)')
    .option('--format <format>', 'table | json | csv (csv: one row per day of the stored universe)', 'table')
    .action(async (raw: Record<string, string | boolean | undefined>, command: Command) => {
      const top = String(raw.top);
      const topN = top === 'all' ? null : Number(top);
      if (topN !== null && (!/^\d+$/.test(top) || topN < 1)) throw new InvalidInputError(`--top: expected a whole number ≥ 1 or "all", got ${JSON.stringify(top)}`);
      const thresholds = String(raw.thresholds).split(',').map((t) => Number(t.trim()));
      if (thresholds.some((t) => !Number.isFinite(t) || t <= 0 || t >= 100)) throw new InvalidInputError(`--thresholds: expected percentages between 0 and 100, got ${JSON.stringify(raw.thresholds)}`);
      const options: DominanceOptions = { format: parseFormat(String(raw.format)), topN, thresholds, includeWrapped: raw.includeWrapped === true };
      if (typeof raw.from === 'string') options.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') options.to = parseDay(raw.to, '--to');
      if (typeof raw.sources === 'string') options.sources = raw.sources.split(',').map((s) => s.trim()).filter(Boolean);
      if (options.from !== undefined && options.to !== undefined && options.to < options.from) throw new InvalidInputError(`--to ${raw.to} is before --from ${raw.from}`);
      await withStore(command, (store) => runDominance(store, options), { readOnly: true });
    });
}
