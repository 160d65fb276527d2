/**
 * One primary sector per asset, with where the label comes from. Labels are the stored category
 * rules (the imported coin_categories.csv, CoinGecko categories from `sync`, …; matched against
 * every ticker the asset used, case-insensitively, as the panel does) and the user's sector file,
 * which overrides them (by asset id or ticker). The rule, in order:
 * 1. a user label for the asset's id, else for any of its tickers (latest ticker first);
 * 2. else the point-in-time CoinGecko membership valid on the day asked (`dated`, by asset id:
 *    first seen at or before the day, and the day before the next snapshot that no longer listed
 *    it), labelled 'coingecko' and matched by '<category id>, first seen YYYY-MM-DD';
 * 3. else the stored rules, taking the source first in `sourceOrder` (default: coin_categories,
 *    then the other sources alphabetically); within a source, a rule for the latest ticker before
 *    one for an older ticker, then any category before 'unclassified', then alphabetically;
 * 4. else 'unclassified' (source null).
 * Before the first CoinGecko snapshot (and for coins no snapshot lists) the stored rules stand.
 * Categories that only mark index exclusions (stablecoin, wrapped, staked, commodity-backed) are no
 * sector: such assets never enter an index anyway.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { Panel, PanelAsset } from '../../domain/panel.ts';

export const UNCLASSIFIED = 'unclassified';
export const USER_LABEL_SOURCE = 'user sector file';
export const DATED_LABEL_SOURCE = 'coingecko';
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

/** A label valid from day `from` to before `until` (null: still valid), for one asset id. */
export interface DatedSectorLabel {
  assetId: string;
  sector: string;
  /** What the label matched at the provider (a CoinGecko category id). */
  categoryId: string;
  from: number;
  until: number | null;
}

export interface SectorLabelOptions {
  userLabels?: readonly UserSectorLabel[];
  /** Point-in-time labels, read as of `day` (both needed). */
  dated?: readonly DatedSectorLabel[];
  day?: number;
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
  const datedById = new Map<string, DatedSectorLabel>();
  if (options.day !== undefined) {
    const day = options.day;
    for (const label of options.dated ?? []) {
      if (label.from <= day && (label.until === null || day < label.until)) datedById.set(label.assetId, label);
    }
  }
  return panel.assets.map((asset) => labelOf(asset, bySymbol, userById, userBySymbol, sourceRank, datedById.get(asset.id)));
}

/** Labels that change over a range: those of `from`, then the whole array again on each day it changes. */
export interface SectorLabelTimeline {
  initial: SectorLabel[];
  changes: { day: number; labels: SectorLabel[] }[];
}

/** Every asset's label on each day of from..to (a change only where a dated label starts or ends). */
export function sectorLabelTimeline(panel: Panel, rules: readonly LabelRule[], options: SectorLabelOptions, from: number, to: number): SectorLabelTimeline {
  const initial = assignSectors(panel, rules, { ...options, day: from });
  const boundaries = new Set<number>();
  for (const label of options.dated ?? []) {
    if (label.from > from && label.from <= to) boundaries.add(label.from);
    if (label.until !== null && label.until > from && label.until <= to) boundaries.add(label.until);
  }
  const changes = [...boundaries].sort((a, b) => a - b).map((day) => ({ day, labels: assignSectors(panel, rules, { ...options, day }) }));
  return { initial, changes };
}

function labelOf(
  asset: PanelAsset,
  bySymbol: Map<string, LabelRule[]>,
  userById: Map<string, string>,
  userBySymbol: Map<string, string>,
  sourceRank: (source: string) => number,
  dated: DatedSectorLabel | undefined,
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
  if (dated) return { sector: dated.sector, source: DATED_LABEL_SOURCE, matchedBy: `${dated.categoryId}, first seen ${isoDateOf(dated.from as DayNumber)}`, otherLabels: others(dated.sector) };
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
