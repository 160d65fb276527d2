/**
 * One primary sector per asset, with where the label comes from. Labels are the stored category
 * rules (the imported coin_categories.csv, CoinGecko categories from `sync`, …; matched against
 * every ticker the asset used, case-insensitively, as the panel does) and the user's sector file,
 * which overrides them (by asset id or ticker). The rule, in order:
 * 1. a user label for the asset's id, else for any of its tickers (latest ticker first);
 * 2. else the stored rules, taking the source first in `sourceOrder` (default: coin_categories,
 *    then the other sources alphabetically); within a source, a rule for the latest ticker before
 *    one for an older ticker, then any category before 'unclassified', then alphabetically;
 * 3. else 'unclassified' (source null).
 * Categories that only mark index exclusions (stablecoin, wrapped, staked, commodity-backed) are no
 * sector: such assets never enter an index anyway.
 */
import type { Panel, PanelAsset } from '../../domain/panel.ts';

export const UNCLASSIFIED = 'unclassified';
export const USER_LABEL_SOURCE = 'user sector file';
const NOT_SECTORS: ReadonlySet<string> = new Set(['stablecoin', 'wrapped', 'staked', 'commodity-backed']);
const DEFAULT_SOURCE_ORDER: readonly string[] = ['coin_categories'];

export interface LabelRule {
  symbol: string;
  category: string;
  source: string;
}

/** A user label: `key` is an asset id ('dogecoin') or a ticker ('DOGE'). */
export interface UserSectorLabel {
  key: string;
  sector: string;
}

export interface SectorLabel {
  sector: string;
  /** The rule source ('coin_categories', 'coingecko', USER_LABEL_SOURCE), or null for 'unclassified' by default. */
  source: string | null;
  /** The id or ticker the label matched. */
  matchedBy: string | null;
  /** Every other sector some label gave the asset (a ticker shared by two coins, two sources). */
  otherLabels: string[];
}

export interface SectorLabelOptions {
  userLabels?: readonly UserSectorLabel[];
  /** Rule sources by precedence; sources not listed follow alphabetically. */
  sourceOrder?: readonly string[];
}

/** Sector names are compared lower-case and trimmed. */
export function normalizeSector(name: string): string {
  return name.trim().toLowerCase();
}

export function assignSectors(panel: Panel, rules: readonly LabelRule[], options: SectorLabelOptions = {}): SectorLabel[] {
  const order = options.sourceOrder ?? DEFAULT_SOURCE_ORDER;
  const sourceRank = (source: string) => {
    const i = order.indexOf(source);
    return i >= 0 ? i : order.length;
  };
  const bySymbol = new Map<string, LabelRule[]>();
  for (const rule of rules) {
    const category = normalizeSector(rule.category);
    if (NOT_SECTORS.has(category) || category === '') continue;
    const key = rule.symbol.toUpperCase();
    const list = bySymbol.get(key) ?? [];
    list.push({ ...rule, category });
    bySymbol.set(key, list);
  }
  const userById = new Map<string, string>();
  const userBySymbol = new Map<string, string>();
  for (const label of options.userLabels ?? []) {
    const sector = normalizeSector(label.sector);
    userById.set(label.key.trim(), sector);
    userBySymbol.set(label.key.trim().toUpperCase(), sector);
  }
  return panel.assets.map((asset) => labelOf(asset, bySymbol, userById, userBySymbol, sourceRank));
}

function labelOf(
  asset: PanelAsset,
  bySymbol: Map<string, LabelRule[]>,
  userById: Map<string, string>,
  userBySymbol: Map<string, string>,
  sourceRank: (source: string) => number,
): SectorLabel {
  const latestFirst = [...asset.symbols].reverse();
  const candidates: { rule: LabelRule; age: number }[] = [];
  latestFirst.forEach((ticker, age) => {
    for (const rule of bySymbol.get(ticker.toUpperCase()) ?? []) candidates.push({ rule, age });
  });
  const seen = [...new Set(candidates.map((c) => c.rule.category))];
  const others = (sector: string) => seen.filter((s) => s !== sector).sort();
  const byId = userById.get(asset.id);
  if (byId !== undefined) return { sector: byId, source: USER_LABEL_SOURCE, matchedBy: asset.id, otherLabels: others(byId) };
  for (const ticker of latestFirst) {
    const user = userBySymbol.get(ticker.toUpperCase());
    if (user !== undefined) return { sector: user, source: USER_LABEL_SOURCE, matchedBy: ticker, otherLabels: others(user) };
  }
  if (candidates.length === 0) return { sector: UNCLASSIFIED, source: null, matchedBy: null, otherLabels: [] };
  candidates.sort(
    (a, b) =>
      sourceRank(a.rule.source) - sourceRank(b.rule.source) ||
      (a.rule.source < b.rule.source ? -1 : a.rule.source > b.rule.source ? 1 : 0) ||
      a.age - b.age ||
      Number(a.rule.category === UNCLASSIFIED) - Number(b.rule.category === UNCLASSIFIED) ||
      (a.rule.category < b.rule.category ? -1 : a.rule.category > b.rule.category ? 1 : 0),
  );
  const best = candidates[0]!.rule;
  return { sector: best.category, source: best.source, matchedBy: best.symbol, otherLabels: others(best.category) };
}
