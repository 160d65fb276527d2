/**
 * Resolves the `asset` of a portfolio row to a stable id from what the store knows: an asset id
 * ('ethereum', case-insensitive) first, else a ticker ('ETH') — the asset that traded under it most
 * recently (LUNA today is Terra 2.0; the old chain is LUNC). Two assets that both used the ticker on
 * the latest day are ambiguous: the error lists their ids.
 */
import type { AssetRecord, AssetSymbolRecord } from '../../domain/records.ts';
import type { PortfolioAssetResolver } from './parse-portfolio-file.ts';

export function portfolioAssetResolver(assets: readonly AssetRecord[], symbols: readonly AssetSymbolRecord[]): PortfolioAssetResolver {
  const ids = new Map(assets.map((a) => [a.id.toLowerCase(), a.id]));
  const byTicker = new Map<string, AssetSymbolRecord[]>();
  for (const s of symbols) {
    const key = s.symbol.toUpperCase();
    const list = byTicker.get(key);
    if (list) list.push(s);
    else byTicker.set(key, [s]);
  }
  return (key) => {
    const id = ids.get(key.trim().toLowerCase());
    if (id !== undefined) return { id };
    const list = byTicker.get(key.trim().toUpperCase());
    if (!list || list.length === 0) return { error: 'no stored asset has this id or ticker (see `altseason assets`)' };
    const latest = Math.max(...list.map((s) => s.lastDay));
    const holders = [...new Set(list.filter((s) => s.lastDay === latest).map((s) => s.assetId))];
    if (holders.length > 1) return { error: `the ticker is shared by ${holders.join(', ')}; use the id` };
    return { id: holders[0]! };
  };
}
