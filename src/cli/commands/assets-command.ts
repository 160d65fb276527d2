/**
 * `altseason assets [--search TEXT]`: every asset id with the tickers it traded under (and when)
 * and the source aliases that map to it (src/app/list-assets.ts).
 */
import type { Command } from 'commander';
import type { AssetRow } from '../../app/contracts/catalogue.ts';
import { listAssets } from '../../app/list-assets.ts';
import type { Column } from '../../report/columns.ts';
import { renderCsv } from '../../report/render-csv.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderTable } from '../../report/render-table.ts';
import { withStore } from '../context.ts';
import { csvNotice, parseFormat } from '../output.ts';

const COLUMNS: Column<AssetRow>[] = [
  { key: 'id', value: (r) => r.id },
  { key: 'name', value: (r) => r.name },
  { key: 'symbol', value: (r) => r.symbol },
  { key: 'tickers', header: 'tickers over time', value: (r) => r.tickers },
  { key: 'aliases', value: (r) => r.aliases },
];

export function register(program: Command): void {
  program
    .command('assets')
    .description('list assets: stable ids, tickers over time and the source aliases that map to them')
    .option('--search <text>', 'only assets whose id, name, ticker or alias contains TEXT')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: { search?: string; format: string }, command: Command) => {
      const format = parseFormat(options.format);
      const result = await withStore(command, (store) => listAssets(store, options.search), { readOnly: true });
      if (format === 'json') process.stdout.write(renderJson(result));
      else if (format === 'csv') process.stdout.write(csvNotice(result) + renderCsv(result.assets, COLUMNS));
      else process.stdout.write(renderTable(result.assets, COLUMNS));
    });
}
