/**
 * Point-in-time sector membership from CoinGecko's categories. CoinGecko serves categories and
 * their members as a snapshot only (/coins/categories/list, /coins/markets?category=ID), so
 * membership on a past day is what a daily snapshot saw. Each `sync` records today's members of
 * the categories below, each coin's primary sector being the first category of the list it is in,
 * and keeps for every coin its spells: a sector, the snapshot day it was first seen in it, the last
 * snapshot day it was seen in it. A spell continues while the coin is in the same sector in
 * consecutive snapshots (a day without a sync does not break it).
 *
 * Read as of day t (labelsAsOf): a coin's label is the spell holding t — first seen at or before t,
 * and t before the next snapshot that no longer listed it. Before the first snapshot there is no
 * CoinGecko label: the imported coin_categories.csv labels stand (the readers say so).
 *
 * The history is kept as one JSON setting (SECTOR_MEMBERSHIP_SETTING): a few hundred spells and one
 * day number per snapshot, written in the same transaction as the rest of the sync's categories.
 */

/** CoinGecko category id → this tool's primary sector, in precedence order (specific before broad). */
export const COINGECKO_SECTOR_CATEGORIES: readonly { categoryId: string; sector: string }[] = [
  { categoryId: 'meme-token', sector: 'meme' },
  { categoryId: 'artificial-intelligence', sector: 'ai' },
  { categoryId: 'oracle', sector: 'oracle' },
  { categoryId: 'privacy-coins', sector: 'privacy' },
  { categoryId: 'storage', sector: 'storage' },
  { categoryId: 'gaming', sector: 'gaming-metaverse' },
  { categoryId: 'exchange-based-tokens', sector: 'exchange-token' },
  { categoryId: 'layer-2', sector: 'layer2' },
  { categoryId: 'decentralized-finance-defi', sector: 'defi' },
  { categoryId: 'layer-1', sector: 'layer1' },
];

export const SECTOR_MEMBERSHIP_SETTING = 'sync.coingecko.sector-membership';

export interface SectorSpell {
  sector: string;
  categoryId: string;
  /** Snapshot day the coin was first seen in this sector. */
  from: number;
  /** Last snapshot day it was seen in it. */
  to: number;
}

export interface SectorMembershipHistory {
  /** Snapshot days, ascending. */
  snapshots: number[];
  /** By asset id. */
  coins: Record<string, { symbol: string; spells: SectorSpell[] }>;
}

export interface SnapshotMember {
  assetId: string;
  symbol: string;
  categoryId: string;
}

export function emptyMembership(): SectorMembershipHistory {
  return { snapshots: [], coins: {} };
}

/** The stored history, or an empty one (a missing or unreadable setting). */
export function parseSectorMembership(text: string | undefined): SectorMembershipHistory {
  if (!text) return emptyMembership();
  try {
    const parsed = JSON.parse(text) as SectorMembershipHistory;
    return Array.isArray(parsed.snapshots) && parsed.coins && typeof parsed.coins === 'object' ? parsed : emptyMembership();
  } catch {
    return emptyMembership();
  }
}

/**
 * The history after a snapshot on `day` (a new object). `members` lists (coin, category) pairs in
 * any order; a coin's sector is its first category in COINGECKO_SECTOR_CATEGORIES order. A second
 * snapshot the same day replaces the first's spells of that day.
 */
export function recordSectorSnapshot(history: SectorMembershipHistory, day: number, members: readonly SnapshotMember[]): SectorMembershipHistory {
  const order = new Map(COINGECKO_SECTOR_CATEGORIES.map((c, i) => [c.categoryId, i]));
  const primary = new Map<string, SnapshotMember>();
  for (const m of members) {
    const rank = order.get(m.categoryId);
    if (rank === undefined) continue;
    const held = primary.get(m.assetId);
    if (!held || rank < order.get(held.categoryId)!) primary.set(m.assetId, m);
  }
  const earlier = history.snapshots.filter((d) => d < day);
  const previous = earlier.at(-1);
  const coins: SectorMembershipHistory['coins'] = {};
  for (const [assetId, coin] of Object.entries(history.coins)) {
    // Spells seen on `day` or later are dropped and recomputed (a same-day re-run; snapshots only move forward).
    const spells = coin.spells.filter((s) => s.from < day).map((s) => ({ ...s, to: Math.min(s.to, previous ?? s.to) }));
    if (spells.length) coins[assetId] = { symbol: coin.symbol, spells };
  }
  for (const m of primary.values()) {
    const sector = COINGECKO_SECTOR_CATEGORIES[order.get(m.categoryId)!]!.sector;
    const coin = (coins[m.assetId] ??= { symbol: m.symbol, spells: [] });
    coin.symbol = m.symbol;
    const last = coin.spells.at(-1);
    if (last && last.sector === sector && last.to === previous) last.to = day;
    else coin.spells.push({ sector, categoryId: m.categoryId, from: day, to: day });
  }
  return { snapshots: [...earlier, day], coins };
}

/** A CoinGecko label valid from `from` to before `until` (null: still valid). */
export interface DatedMembership {
  assetId: string;
  symbol: string;
  sector: string;
  categoryId: string;
  from: number;
  until: number | null;
}

/** Every spell as a dated label: valid until the next snapshot after its last day. */
export function datedMemberships(history: SectorMembershipHistory): DatedMembership[] {
  const snapshots = [...history.snapshots].sort((a, b) => a - b);
  const after = (day: number) => snapshots.find((d) => d > day) ?? null;
  const out: DatedMembership[] = [];
  for (const [assetId, coin] of Object.entries(history.coins)) {
    for (const spell of coin.spells) out.push({ assetId, symbol: coin.symbol, sector: spell.sector, categoryId: spell.categoryId, from: spell.from, until: after(spell.to) });
  }
  return out.sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : a.from - b.from));
}
