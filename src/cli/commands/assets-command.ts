/**
 * `altseason assets [--search TEXT]`: every asset id with the tickers it traded under (and when)
 * and the source aliases that map to it, so the identity choices of docs/data.md can be checked.
 */
import type { Command } from 'commander';
import type { Store } from '../../data/store/store.ts';
import { isoDateOf } from '../../domain/dates.ts';
import type { Column } from '../../report/columns.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeRows } from '../output.ts';

export interface AssetRow {
  id: string;
  name: string;
  symbol: string;
  tickers: string;
  aliases: string;
}

const COLUMNS: Column<AssetRow>[] = [
  { key: 'id', value: (r) => r.id },
  { key: 'name', value: (r) => r.name },
  { key: 'symbol', value: (r) => r.symbol },
  { key: 'tickers', header: 'tickers over time', value: (r) => r.tickers },
  { key: 'aliases', value: (r) => r.aliases },
];

export async function listAssetRows(store: Store, search?: string): Promise<AssetRow[]> {
  const [assets, symbols, aliases] = await Promise.all([store.listAssets(), store.listAssetSymbols(), store.listAliases()]);
  const needle = search?.trim().toLowerCase();
  const rows: AssetRow[] = [];
  for (const asset of assets) {
    const tickers = symbols.filter((s) => s.assetId === asset.id);
    const own = aliases.filter((a) => a.assetId === asset.id);
    const haystack = [asset.id, asset.name, ...tickers.map((t) => t.symbol), ...own.map((a) => a.sourceKey)].join(' ').toLowerCase();
    if (needle && !haystack.includes(needle)) continue;
    rows.push({
      id: asset.id,
      name: asset.name,
      symbol: asset.symbol,
      tickers: tickers.map((t) => `${t.symbol} ${isoDateOf(t.firstDay)}..${isoDateOf(t.lastDay)}`).join('; '),
      aliases: own
        .map((a) => {
          const range = a.fromDay === null && a.toDay === null ? '' : ` [${a.fromDay === null ? '' : isoDateOf(a.fromDay)}..${a.toDay === null ? '' : isoDateOf(a.toDay)}]`;
          return `${a.source}:${a.sourceKey}${range}`;
        })
        .join('; '),
    });
  }
  return rows;
}

export function register(program: Command): void {
  program
    .command('assets')
    .description('list assets: stable ids, tickers over time and the source aliases that map to them')
    .option('--search <text>', 'only assets whose id, name, ticker or alias contains TEXT')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: { search?: string; format: string }, command: Command) => {
      const format = parseFormat(options.format);
      const rows = await withStore(command, (store) => listAssetRows(store, options.search), { mustExist: true });
      writeRows(rows, COLUMNS, format);
    });
}
