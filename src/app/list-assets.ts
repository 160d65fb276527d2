/**
 * Every asset id with the tickers it traded under (and when) and the source aliases that map to it,
 * so the identity choices of docs/data.md can be checked. Shared by `altseason assets` and the library.
 */
import { isoDateOf } from '../domain/dates.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore } from '../sim/write-simulated-market.ts';
import type { AssetRow, AssetsResult } from './contracts/catalogue.ts';
import { ASSETS_SCHEMA } from './contracts/schema-names.ts';

export async function listAssets(store: Store, search?: string): Promise<AssetsResult> {
  return store.snapshot(async () => {
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
    return { schema: ASSETS_SCHEMA, simulated: await isSimulatedStore(store), search: search ?? null, assets: rows };
  });
}
