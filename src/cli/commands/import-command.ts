/**
 * `altseason import PATH…`: loads CSV / CSV.gz files (formats in docs/data.md), all or nothing per
 * file. Ctrl-C stops it cleanly: the file being written is finished (one transaction), the file
 * being read is dropped, and the command says what was stored and exits with 130; running the
 * same command again resumes, because files already imported are skipped.
 */
import { type Command, CommanderError } from 'commander';
import { type ImportFileResult, type ImportOptions, type ImportProgress } from '../../data/import/import-files.ts';
import { openStore } from '../../data/store/open-store.ts';
import type { Store } from '../../data/store/store.ts';
import { ImportInterruptedError, InvalidInputError } from '../../domain/errors.ts';
import type { Column } from '../../report/columns.ts';
import type { ImportResult } from '../../app/contracts/import.ts';
import { importPaths } from '../../app/import-files.ts';
import { withStore } from '../context.ts';
import { renderJson } from '../../report/render-json.ts';
import { parseFormat, writeRows } from '../output.ts';

const COLUMNS: Column<ImportFileResult>[] = [
  { key: 'file', value: (r) => r.file },
  { key: 'format', value: (r) => r.format },
  { key: 'rows', align: 'right', value: (r) => r.rows },
  { key: 'changed', align: 'right', value: (r) => r.changed },
  { key: 'skipped', value: (r) => (r.skipped ? (r.reason ?? 'yes') : null), display: (r) => (r.skipped ? (r.reason ?? 'yes') : '') },
  { key: 'seconds', align: 'right', value: (r) => Math.round(r.seconds * 100) / 100, display: (r) => r.seconds.toFixed(2) },
];

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * importPaths with Ctrl-C handled: the first SIGINT stops the run after the current step (a write
 * in progress is finished: better-sqlite3 runs it synchronously, so the handler runs after it);
 * a second one quits at once, which is safe too, since no transaction is open while JavaScript
 * handles a signal.
 */
export async function runImportUntilInterrupted(store: Store, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.stderr.write('\nsecond Ctrl-C: quitting now (no write was in progress; the stored files stay)\n');
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    process.stderr.write('\nCtrl-C: stopping after the current step (a file being written is finished, a file being read is dropped); Ctrl-C again to quit at once\n');
    controller.abort(new ImportInterruptedError());
  };
  process.on('SIGINT', onSigint);
  try {
    return await importPaths(store, paths, { ...options, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** What an interrupted run stored, what it did not, and how to resume. */
export function interruptionReport(run: ImportResult, resumeCommand: string): string {
  const stored = run.results.filter((r) => !r.skipped);
  const skipped = run.results.filter((r) => r.skipped);
  const name = (file: string) => file.split(/[\\/]/).pop() ?? file;
  const lines = [
    `interrupted: ${stored.length} file${stored.length === 1 ? '' : 's'} stored${stored.length > 0 ? ` (${stored.map((r) => name(r.file)).join(', ')})` : ''}` +
      `${skipped.length > 0 ? `, ${skipped.length} skipped as already imported` : ''}.`,
  ];
  if (run.interrupted) {
    const notStarted = run.interrupted.notStarted.length;
    lines.push(`nothing of ${run.interrupted.file} was stored${notStarted > 0 ? `, and ${notStarted} more file${notStarted === 1 ? ' was' : 's were'} not started` : ''}.`);
  }
  lines.push(`to resume, run the same command again (files already imported are skipped): ${resumeCommand}`);
  return lines.join('\n');
}

/**
 * The import as the command runs it, for a store path: used by the child process of the Ctrl-C
 * test (test/import-child.ts). Returns the exit code.
 */
export async function importCommandRun(dbPath: string, paths: string[], options: ImportOptions = {}): Promise<number> {
  const store = openStore(dbPath);
  let run: ImportResult;
  try {
    run = await runImportUntilInterrupted(store, paths, options);
  } finally {
    await store.close();
  }
  if (run.interrupted) {
    process.stderr.write(`${interruptionReport(run, resumeCommandLine())}\n`);
    return INTERRUPTED_EXIT_CODE;
  }
  const failure = importFailureError(run);
  if (failure) process.stderr.write(`error: ${failure.message}\n`);
  return failure ? 1 : 0;
}

/** This process's command line, quoted for a POSIX shell where needed. */
function resumeCommandLine(): string {
  const quote = (arg: string) => (/^[\w@%+=:,./^-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
  const script = process.argv[1]?.split(/[\\/]/).pop() ?? '';
  const program = script === 'altseason.js' || script === 'altseason' ? 'altseason' : process.argv.slice(0, 2).map(quote).join(' ');
  return [program, ...process.argv.slice(2).map(quote)].join(' ');
}

/** The error that ends an import with failed files (exit code 1), after the summary is printed. */
export function importFailureError(run: ImportResult): InvalidInputError | null {
  if (run.failures.length === 0) return null;
  const total = run.failures.length + run.results.length;
  const heading = `${run.failures.length} of ${total} file${total === 1 ? '' : 's'} not imported (nothing from ${run.failures.length === 1 ? 'it' : 'them'} was stored)`;
  return new InvalidInputError(`${heading}:\n${run.failures.map((f) => `  ${f.message.replace(/\n/g, '\n    ')}`).join('\n')}`);
}

export function register(program: Command): void {
  program
    .command('import')
    .description('import CSV or CSV.gz files (or directories of them) into the store; see docs/data.md for the formats')
    .argument('<paths...>', 'files or directories')
    .option('--symbol <symbol>', 'symbol for equity OHLCV files (default: from the file name, e.g. rut_daily.csv → ^RUT)')
    .option('--force', 'import even files whose content was imported before', false)
    .option('--format <format>', 'summary as table or json', 'table')
    .action(async (paths: string[], options: { symbol?: string; force: boolean; format: string }, command: Command) => {
      const format = parseFormat(options.format, ['table', 'json']);
      const bar = process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
      const run = await withStore(command, (store) =>
        runImportUntilInterrupted(store, paths, {
          force: options.force,
          ...(options.symbol === undefined ? {} : { symbol: options.symbol }),
          ...(bar ? { onProgress: (progress: ImportProgress) => bar.update(progress) } : {}),
        }),
      ).finally(() => bar?.clear());
      if (format === 'json') process.stdout.write(renderJson(run));
      else if (run.results.length > 0) writeRows(run.results, COLUMNS, format);
      if (run.interrupted) {
        process.stderr.write(`${interruptionReport(run, resumeCommandLine())}\n`);
        // main() turns a CommanderError into its exit code without printing it again.
        throw new CommanderError(INTERRUPTED_EXIT_CODE, 'altseason.interrupted', 'the import was interrupted');
      }
      const failure = importFailureError(run);
      if (failure) throw failure;
    });
}

/** One line on stderr, redrawn at most every 100 ms: file, phase, bytes and rows. */
class ProgressBar {
  private lastDraw = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(progress: ImportProgress): void {
    const now = Date.now();
    if (progress.phase === 'reading' && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const fraction = progress.bytesTotal > 0 ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const name = progress.file.split(/[\\/]/).pop() ?? progress.file;
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${name} ${progress.phase} ${progress.rows.toLocaleString('en-US')} rows`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 100) - 1)}\u001b[K`);
  }

  clear(): void {
    this.stream.write('\r\u001b[K');
  }
}
