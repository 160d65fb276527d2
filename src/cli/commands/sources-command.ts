/**
 * `altseason sources`: the sources in the store, their row counts, their precedence and the
 * licence or terms restricting their data;
 * `--set a,b,c` changes the precedence (src/app/list-sources.ts).
 */
import type { Command } from 'commander';
import type { SourceRow, SourcesResult } from '../../app/contracts/catalogue.ts';
import { listSources, setSourcePrecedence } from '../../app/list-sources.ts';
import type { Column } from '../../report/columns.ts';
import { renderCsv } from '../../report/render-csv.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderTable } from '../../report/render-table.ts';
import { withStore } from '../context.ts';
import { csvNotice, parseFormat, type OutputFormat } from '../output.ts';

const COLUMNS: Column<SourceRow>[] = [
  { key: 'precedence', align: 'right', value: (r) => r.precedence },
  { key: 'source', value: (r) => r.source },
  { key: 'observations', align: 'right', value: (r) => r.observations },
  { key: 'assets', align: 'right', value: (r) => r.assets },
  { key: 'firstDate', header: 'first', value: (r) => r.firstDate },
  { key: 'lastDate', header: 'last', value: (r) => r.lastDate },
  { key: 'licence', value: (r) => r.licence },
];

/** The result in one format; the licence column names the terms that restrict a source's data. */
export function presentSources(result: SourcesResult, format: OutputFormat): string {
  if (format === 'json') return renderJson(result);
  if (format === 'csv') return csvNotice(result) + renderCsv(result.sources, COLUMNS);
  return renderTable(result.sources, COLUMNS);
}

export function register(program: Command): void {
  program
    .command('sources')
    .description('list data sources with row counts and precedence (highest first); --set changes the precedence')
    .option('--set <sources>', 'new precedence, comma-separated, highest first (unlisted sources rank after, by name)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: { set?: string; format: string }, command: Command) => {
      const format = parseFormat(options.format);
      const result: SourcesResult = await withStore(
        command,
        (store) => (options.set !== undefined ? setSourcePrecedence(store, options.set.split(',').map((s) => s.trim()).filter(Boolean), '--set') : listSources(store)),
        { readOnly: options.set === undefined, mustExist: true },
      );
      process.stdout.write(presentSources(result, format));
    });
}
