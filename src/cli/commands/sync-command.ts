/**
 * `altseason sync`: fetch what is missing from the live providers (docs/providers.md) and store
 * it. Incremental (plans from what is stored), resumable (every page is one transaction), rate
 * limited per provider; --dry-run prints the plan and sends nothing (it opens the store read-only,
 * and plans a first sync when there is no store, creating none). One failing provider never stops
 * the others; the exit code is 1 if any failed. Retries print as they happen. Ctrl-C stops between
 * writes (the write under way commits whole), clears the bar, says what was stored and how to
 * resume, and exits 130.
 */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { addDays, isoDateOf, parseDay, today as todayOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, SyncFailedError, SyncInterruptedError } from '../../domain/errors.ts';
import { SOURCE_NAMES, type SourceName } from '../../data/sources/create-sources.ts';
import type { PlannedRequest, PlanTotal, SyncedSource } from '../../app/contracts/sync.ts';
import { planStoreSync, syncStore } from '../../app/sync.ts';
import { isPostgresUrl, openStore } from '../../data/store/open-store.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import type { Column } from '../../report/columns.ts';
import { renderJson } from '../../report/render-json.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../../sim/write-simulated-market.ts';
import { storePathOf, withStore } from '../context.ts';
import { parseFormat, writeRows, type OutputFormat } from '../output.ts';
import { createSyncProgress, type SyncProgress } from './sync-progress.ts';

export const DEFAULT_SYNC_DAYS = 365;
export const DEFAULT_TOP = 100;

export interface SyncCommandOptions {
  sources: SourceName[];
  since: DayNumber;
  top: number;
  dryRun: boolean;
  today: DayNumber;
  format: OutputFormat;
  /** Ask again for what earlier syncs found empty ("asked, nothing there" markers). */
  recheckEmpty?: boolean;
}

export const INTERRUPTED_EXIT_CODE = 130;

export function parseSyncOptions(raw: { source?: string[]; since?: string; top?: string; dryRun?: boolean; today?: string; format?: string; recheckEmpty?: boolean }, now = Date.now()): SyncCommandOptions {
  const today = raw.today ? parseDay(raw.today, '--today') : todayOf(now);
  const sources = (raw.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const source of sources) {
    if (!(SOURCE_NAMES as readonly string[]).includes(source)) throw new InvalidInputError(`--source: expected one of ${SOURCE_NAMES.join(', ')}, got ${JSON.stringify(source)}`);
  }
  const since = raw.since ? parseDay(raw.since, '--since') : addDays(today, -DEFAULT_SYNC_DAYS);
  if (since >= today) throw new InvalidInputError(`--since: must be before today (${isoDateOf(today)}), got ${isoDateOf(since)}`);
  const top = raw.top === undefined ? DEFAULT_TOP : Number(raw.top);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new InvalidInputError(`--top: expected a whole number from 1 to 1000, got ${JSON.stringify(raw.top)}`);
  return { sources: sources.length ? (sources as SourceName[]) : [...SOURCE_NAMES], since, top, dryRun: raw.dryRun === true, today, format: parseFormat(raw.format ?? 'table'), recheckEmpty: raw.recheckEmpty === true };
}

const PLAN_COLUMNS: Column<PlannedRequest>[] = [
  { key: 'source', value: (r) => r.source },
  { key: 'kind', value: (r) => r.kind },
  { key: 'request', value: (r) => r.request },
  { key: 'calls', align: 'right', value: (r) => r.calls },
];

const TOTAL_COLUMNS: Column<PlanTotal>[] = [
  { key: 'source', value: (r) => r.source },
  { key: 'requests', align: 'right', value: (r) => r.requests },
  { key: 'calls', align: 'right', value: (r) => r.calls },
  { key: 'rateLimit', header: 'rate limit', value: (r) => r.rateLimit },
  { key: 'minutes', align: 'right', value: (r) => r.minutes, display: (r) => r.minutes.toFixed(1) },
];

const SUMMARY_COLUMNS: Column<SyncedSource>[] = [
  { key: 'source', value: (s) => s.source },
  { key: 'requests', align: 'right', value: (s) => s.requests },
  { key: 'succeeded', align: 'right', value: (s) => s.succeeded },
  { key: 'failed', align: 'right', value: (s) => s.failed },
  { key: 'skipped', align: 'right', value: (s) => s.skipped },
  { key: 'rows', align: 'right', value: (s) => s.rows },
  { key: 'changed', align: 'right', value: (s) => s.changed },
];

export interface SyncIo {
  out?: NodeJS.WritableStream;
  err?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** The command to run again to resume, for the Ctrl-C message (default: this process's arguments). */
  resumeCommand?: string;
}

export async function syncCommand(store: Store, options: SyncCommandOptions, io: SyncIo = {}): Promise<void> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const query = { sources: options.sources, since: options.since, today: options.today, top: options.top, recheckEmpty: options.recheckEmpty === true, env: io.env ?? process.env };
  if (options.dryRun) {
    const plan = await planStoreSync(store, query);
    // One document per output: JSON holds both tables; CSV is the request list (one header).
    if (options.format === 'json') out.write(renderJson(plan));
    else if (options.format === 'csv') writeRows(plan.requests, PLAN_COLUMNS, 'csv', out);
    else {
      writeRows(plan.requests, PLAN_COLUMNS, 'table', out);
      out.write('\n');
      writeRows(plan.totals, TOTAL_COLUMNS, 'table', out);
    }
    for (const note of plan.notes) err.write(`note: ${note}\n`);
    for (const error of plan.errors) err.write(`error: ${error}\n`);
    return;
  }
  const progress = createSyncProgress(err);
  const interrupt = new AbortController();
  const stopOnInterrupt = interruptHandler(interrupt, progress);
  process.on('SIGINT', stopOnInterrupt);
  let summary;
  try {
    // Retries are told as they happen: a hung or failing provider is visible, not a silent wait.
    summary = await syncStore(store, query, { onEvent: progress, onRetry: (retry) => progress({ type: 'retry', retry }), signal: interrupt.signal });
  } finally {
    process.off('SIGINT', stopOnInterrupt);
    progress.finish();
  }
  if (options.format === 'json') out.write(renderJson(summary));
  else writeRows(summary.sources, SUMMARY_COLUMNS, options.format, out);
  if (summary.interrupted) {
    const rows = summary.sources.reduce((sum, s) => sum + s.rows, 0);
    const requests = summary.sources.reduce((sum, s) => sum + s.succeeded, 0);
    const resume = io.resumeCommand ?? commandLine(process.argv.slice(2));
    throw new SyncInterruptedError(
      `sync interrupted: stored ${rows} rows (${requests} request(s) finished, ${summary.notRun} planned request(s) not finished); ` +
        `every page written is complete, as each is one transaction.\n` +
        `to resume, run the same command again (it asks only for what is still missing): ${resume}`,
    );
  }
  for (const source of summary.sources) for (const note of source.notes) err.write(`note: ${source.source}: ${note}\n`);
  const failures = summary.sources.filter((s) => s.errors.length > 0);
  if (failures.length > 0) {
    const lines = failures.flatMap((s) => s.errors.slice(0, 5).map((e) => `  ${e}`).concat(s.errors.length > 5 ? [`  … and ${s.errors.length - 5} more from ${s.source}`] : []));
    throw new SyncFailedError(`sync finished with failures in ${failures.map((s) => s.source).join(', ')} (the rest is stored; run sync again to retry):\n${lines.join('\n')}`);
  }
}

export function register(program: Command): void {
  program
    .command('sync')
    .description('fetch what is missing from the live providers (CoinGecko, Coin Metrics, Yahoo, Binance/Bybit, DefiLlama, FRED) and store it')
    .option('--source <name...>', `providers to sync (default: all of ${SOURCE_NAMES.join(', ')})`)
    .option('--since <date>', `earliest day wanted (default: ${DEFAULT_SYNC_DAYS} days ago)`)
    .option('--top <n>', `size of the crypto universe (default: ${DEFAULT_TOP})`)
    .option('--dry-run', 'show the plan (requests, calls, time under the rate limits) and send nothing', false)
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--recheck-empty', 'ask again for assets and series an earlier sync found empty', false)
    .addOption(new Option('--today <date>', 'pretend today is this UTC day (tests, reproducible runs)').hideHelp())
    .action(async (raw, command: Command) => {
      const options = parseSyncOptions(raw);
      const { path } = storePathOf(command);
      if (options.dryRun && (path === ':memory:' || (!isPostgresUrl(path) && !existsSync(path)))) {
        // A dry run writes nothing, so a missing store stays missing: plan from nothing stored.
        if (path !== ':memory:') process.stderr.write(`note: no store at ${path} yet: this is the plan of a first sync from nothing stored (the dry run created no store)\n`);
        const empty = SqliteStore.open(':memory:');
        try {
          await syncCommand(empty, options);
        } finally {
          await empty.close();
        }
        return;
      }
      if (options.dryRun) {
        // Read-only, and no migration of an older store either (other read-only commands migrate
        // once): a dry run never writes. An older store's error says which command migrates it.
        const store = openStore(path, { readOnly: true });
        try {
          if (await isSimulatedStore(store)) process.stderr.write(`${SIMULATED_NOTICE}\n`);
          await syncCommand(store, options);
        } finally {
          await store.close();
        }
        return;
      }
      try {
        await withStore(command, (store) => syncCommand(store, options));
      } catch (error) {
        if (!(error instanceof SyncInterruptedError)) throw error;
        // The store is closed; the summary went to stdout. 130 = 128 + SIGINT, as shells expect.
        process.stderr.write(`${error.message}\n`);
        process.exit(INTERRUPTED_EXIT_CODE);
      }
    });
}

/**
 * The first Ctrl-C stops the run between writes (the one under way commits whole); a second
 * quits at once, which loses nothing either: only committed pages are ever stored.
 */
function interruptHandler(controller: AbortController, progress: SyncProgress): () => void {
  return () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    controller.abort();
    progress.notice('warn', 'interrupted: stopping after the write under way (Ctrl-C again to quit at once)');
  };
}

/** The argument list as a shell command a user can paste. */
function commandLine(args: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./^-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ['altseason', ...args.map(quote)].join(' ');
}
