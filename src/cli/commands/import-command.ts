/** `altseason import PATH…`: loads CSV / CSV.gz files (formats in docs/data.md), all or nothing per file. */
import type { Command } from 'commander';
import { expandPaths, importFiles, type ImportFileResult, type ImportOptions, type ImportProgress } from '../../data/import/import-files.ts';
import type { Store } from '../../data/store/store.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { Column } from '../../report/columns.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeRows } from '../output.ts';

const COLUMNS: Column<ImportFileResult>[] = [
  { key: 'file', value: (r) => r.file },
  { key: 'format', value: (r) => r.format },
  { key: 'rows', align: 'right', value: (r) => r.rows },
  { key: 'changed', align: 'right', value: (r) => r.changed },
  { key: 'skipped', value: (r) => (r.skipped ? (r.reason ?? 'yes') : null), display: (r) => (r.skipped ? (r.reason ?? 'yes') : '') },
  { key: 'seconds', align: 'right', value: (r) => Math.round(r.seconds * 100) / 100, display: (r) => r.seconds.toFixed(2) },
];

export interface ImportRun {
  results: ImportFileResult[];
  /** Files that were not imported (a bad row, an unknown header): nothing of them is stored. */
  failures: { file: string; message: string }[];
}

/**
 * Imports every file, each all or nothing: a bad file is reported and skipped, and the others are
 * still imported, so one bad row does not hide what happened to the rest of a directory.
 */
export async function runImport(store: Store, paths: string[], options: ImportOptions = {}): Promise<ImportRun> {
  const files = await expandPaths(paths);
  if (files.length === 0) throw new InvalidInputError(`${paths.join(', ')}: no .csv or .csv.gz files to import`);
  const run: ImportRun = { results: [], failures: [] };
  for (const file of files) {
    try {
      run.results.push(...(await importFiles(store, [file], options)));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      run.failures.push({ file, message: error.message });
    }
  }
  return run;
}

/** The error that ends an import with failed files (exit code 1), after the summary is printed. */
export function importFailureError(run: ImportRun): InvalidInputError | null {
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
        runImport(store, paths, {
          force: options.force,
          ...(options.symbol === undefined ? {} : { symbol: options.symbol }),
          ...(bar ? { onProgress: (progress: ImportProgress) => bar.update(progress) } : {}),
        }),
      ).finally(() => bar?.clear());
      if (run.results.length > 0 || format === 'json') writeRows(run.results, COLUMNS, format);
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
