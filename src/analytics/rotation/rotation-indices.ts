/**
 * Point-in-time size-tier and sector indices, daily, chain-linked, cap- and equal-weighted, with
 * breadth. Pure; nothing computed for day t reads data after t.
 *
 * Constituents on day t: the same walk as the Altcoin Season Index (walk-universe.ts) down the
 * point-in-time market-cap ranking of t (market-cap-ranker.ts, as-of caps at most `stalenessDays`
 * old), skipping index exclusions (BTC, stablecoins, wrapped, staked, commodity-backed, --exclude)
 * and coins without an as-of price on t, until `smallTo` alts are found. Alt rank = place in that
 * walk (ETH counted). Tiers: BTC; ETH; large = alt ranks ≤ largeTo other than ETH; mid; small.
 * Sectors: the walk's members (all tiers but BTC) by primary sector (sector-labels.ts) on that
 * day: with a label timeline (point-in-time CoinGecko membership), a coin counts in the sector its
 * label gives on t, never one first seen later.
 *
 * Chain-linking: level(t) = level(t−1) × (1 + R(t)), R(t) the weighted return from t−1 to t of the
 * members of t−1, weighted by their as-of caps on t−1 (cap-weighted) or equally; a coin's return
 * is as-of price(t) / as-of price(t−1) − 1. A member with no as-of price on t (it stopped trading,
 * or its last price is older than the staleness limit) returns 0 that day: it leaves the index at
 * its last price, and is no member on t. A group starts at 100 at the end of the first day it has
 * members; a day after which it has none keeps its level flat. Rebalancing is daily.
 * Breadth on t over w days: among the members of t with an as-of price on t − w, the share whose
 * return over those w days beats BTC's (null when none, or BTC has no price at either end).
 */
import { addDays, type DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { AsOfLookup } from '../season/as-of-lookup.ts';
import { indexExclusionReasons } from '../season/index-exclusions.ts';
import { MarketCapRanker, type MarketCapRanking } from '../season/market-cap-ranker.ts';
import { rankingsServe, StoredRanking, type DailyRankings } from '../season/daily-rankings.ts';
import { makeUniverseBuffers, universeInputs, walkUniverse, type UniverseBuffers, type UniverseInputs } from '../season/walk-universe.ts';
import { resolveRotationOptions, TIER_IDS, tierLabel, tierOfAltRank, type RotationOptions, type RotationWeighting, type TierId } from './rotation-options.ts';
import type { SectorLabel, SectorLabelTimeline } from './sector-labels.ts';

export interface RotationGroup {
  /** 'btc', 'eth', 'large', 'mid', 'small', or 'sector:<name>'. */
  id: string;
  kind: 'tier' | 'sector';
  /** Tier id or sector name. */
  name: string;
  label: string;
  /** Per day of the range (index 0 = `from`); NaN before the group's first day with members. */
  capLevel: Float64Array;
  equalLevel: Float64Array;
  /** Members at the end of each day. */
  memberCount: Int32Array;
  /** Per breadth window (options.breadthWindows order): share of members beating BTC, NaN undefined. */
  breadth: Float64Array[];
}

export interface RotationSeries {
  from: DayNumber;
  to: DayNumber;
  options: RotationOptions;
  /** The five tiers (TIER_IDS order), then the sectors that ever had members, alphabetically. */
  groups: RotationGroup[];
}

export interface RotationMember {
  assetIndex: number;
  /** Place among the alts on that day (ETH counted), 1-based. */
  altRank: number;
  /** Place in the whole market-cap ranking (BTC and stablecoins counted, as on CoinMarketCap). */
  marketRank: number;
  tier: TierId;
  sector: string;
  /** As-of market cap and price used that day. */
  marketCap: number;
  price: number;
  priceCell: number;
}

/** The level a weighting reads. */
export function levelOf(group: RotationGroup, weighting: RotationWeighting): Float64Array {
  return weighting === 'cap' ? group.capLevel : group.equalLevel;
}

/** A group's level relative to another's over `window` days ending at index i: (L(i)/L(i−w)) / (B(i)/B(i−w)) − 1, or NaN. */
export function relativeStrength(level: ArrayLike<number>, benchmark: ArrayLike<number>, i: number, window: number): number {
  const j = i - window;
  if (j < 0) return NaN;
  return level[i]! / level[j]! / (benchmark[i]! / benchmark[j]!) - 1;
}

/** Per group: how many days up to each index had no members (prefix counts), kept per group. */
const emptyDays = new WeakMap<RotationGroup, Int32Array>();

/** True when the group had members on every day whose returns make up the window ending at i (i − window … i − 1). */
export function populatedThrough(group: RotationGroup, i: number, window: number): boolean {
  const j = i - window;
  if (j < 0 || i > group.memberCount.length) return false;
  let prefix = emptyDays.get(group);
  if (!prefix) {
    prefix = new Int32Array(group.memberCount.length + 1);
    for (let k = 0; k < group.memberCount.length; k++) prefix[k + 1] = prefix[k]! + (group.memberCount[k]! > 0 ? 0 : 1);
    emptyDays.set(group, prefix);
  }
  return prefix[i]! - prefix[j]! === 0;
}

/**
 * A group's relative strength vs BTC over `window` days ending at i, or NaN when the group lacked
 * members on a day of the window: its level was only held flat then, and a flat level "beats" a
 * falling BTC without any coin having done so.
 */
export function groupStrength(group: RotationGroup, benchmark: ArrayLike<number>, i: number, window: number, weighting: RotationWeighting): number {
  return populatedThrough(group, i, window) ? relativeStrength(levelOf(group, weighting), benchmark, i, window) : NaN;
}

/**
 * Shared walk state: one ranker fed ascending days, or the kept daily rankings when they serve the
 * panel (daily-rankings.ts; same rankings). Caps are as-of caps on the day walked, as ranked.
 */
class ConstituentWalker {
  readonly lookup: AsOfLookup;
  private readonly ranker: MarketCapRanker | StoredRanking;
  private readonly inputs: UniverseInputs;
  readonly buffers: UniverseBuffers;
  readonly eth: number;
  readonly btc: number;
  ranking: MarketCapRanking | null = null;
  /** Per asset index: the as-of cap of the last day walked (meaningful for that day's members). */
  readonly caps: Float64Array;

  constructor(
    private readonly panel: Panel,
    private readonly options: RotationOptions,
    rankings: DailyRankings | null = null,
  ) {
    this.lookup = new AsOfLookup(panel, options.stalenessDays);
    this.ranker = rankings && rankingsServe(rankings, panel, options.stalenessDays) ? new StoredRanking(panel, rankings) : new MarketCapRanker(panel, options.stalenessDays, 2 * options.smallTo + 16);
    this.inputs = universeInputs(panel, this.lookup, indexExclusionReasons(panel, options));
    this.buffers = makeUniverseBuffers(options.smallTo);
    this.eth = panel.assets.findIndex((a) => a.id === options.ethAssetId);
    this.btc = panel.assets.findIndex((a) => a.id === options.benchmarkAssetId);
    this.caps = this.ranker instanceof MarketCapRanker ? this.ranker.cap : new Float64Array(panel.assets.length).fill(NaN);
  }

  /** Walks day `day`; returns how many alts were found (buffers hold them). */
  walk(day: number): number {
    this.ranking = this.ranker.rank(day);
    const size = walkUniverse(this.inputs, this.ranking, day, 0, this.options.smallTo, this.buffers);
    if (this.ranker instanceof StoredRanking) {
      // The live ranker leaves each ranked asset's as-of cap behind; stored rankings do not keep caps.
      for (let k = 0; k < size; k++) {
        const a = this.buffers.asset[k]!;
        this.caps[a] = this.panel.assets[a]!.marketCap[this.lookup.marketCap(a, day)]!;
      }
    }
    return size;
  }
}

/** The constituents of every tier but BTC on one day, in alt-rank order. */
export function rotationMembersOn(panel: Panel, day: DayNumber, labels: readonly SectorLabel[], partial: Partial<RotationOptions> = {}): RotationMember[] {
  const options = resolveRotationOptions(partial);
  const walker = new ConstituentWalker(panel, options);
  const size = walker.walk(day);
  const { buffers } = walker;
  const members: RotationMember[] = [];
  for (let k = 0; k < size; k++) {
    const a = buffers.asset[k]!;
    const cell = buffers.endCell[k]!;
    members.push({
      assetIndex: a,
      altRank: k + 1,
      marketRank: buffers.rank[k]!,
      tier: tierOfAltRank(k + 1, a === walker.eth, options)!,
      sector: labels[a]!.sector,
      marketCap: walker.caps[a]!,
      price: panel.assets[a]!.price[cell]!,
      priceCell: cell,
    });
  }
  return members;
}

function isTimeline(labels: readonly SectorLabel[] | SectorLabelTimeline): labels is SectorLabelTimeline {
  return !Array.isArray(labels);
}

export function computeRotation(
  panel: Panel,
  from: DayNumber,
  to: DayNumber,
  /** Every asset's label, fixed, or a timeline of labels changing over the range. */
  labels: readonly SectorLabel[] | SectorLabelTimeline,
  partial: Partial<RotationOptions> = {},
  /** Every day's market-cap ranking, kept (daily-rankings.ts): used when it serves the panel. */
  rankings: DailyRankings | null = null,
): RotationSeries {
  const options = resolveRotationOptions(partial);
  const length = Math.max(0, to - from + 1);
  const timeline: SectorLabelTimeline = isTimeline(labels) ? labels : { initial: [...labels], changes: [] };
  const sectorNames = [...new Set([timeline.initial, ...timeline.changes.map((c) => c.labels)].flatMap((ls) => ls.map((l) => l.sector)))].sort();
  const sectorIndex = new Map(sectorNames.map((s, i) => [s, TIER_IDS.length + i]));
  const assetGroup = Int32Array.from(timeline.initial, (l) => sectorIndex.get(l.sector)!);
  let nextChange = 0;
  const windows = options.breadthWindows;
  const groups: RotationGroup[] = [
    ...TIER_IDS.map((tier) => ({ id: tier as string, kind: 'tier' as const, name: tier as string, label: tierLabel(tier, options) })),
    ...sectorNames.map((s) => ({ id: `sector:${s}`, kind: 'sector' as const, name: s, label: s })),
  ].map((g) => ({
    ...g,
    capLevel: new Float64Array(length).fill(NaN),
    equalLevel: new Float64Array(length).fill(NaN),
    memberCount: new Int32Array(length),
    breadth: windows.map(() => new Float64Array(length).fill(NaN)),
  }));
  const g = groups.length;
  const walker = new ConstituentWalker(panel, options, rankings);
  const { lookup, buffers, btc, eth } = walker;
  const capacity = options.smallTo + 1;
  // The members of the previous day (the BTC tier's one member first, when priced).
  let prevCount = 0;
  const prevAsset = new Int32Array(capacity);
  const prevCell = new Int32Array(capacity);
  const prevCap = new Float64Array(capacity);
  const prevTier = new Int32Array(capacity);
  const prevSector = new Int32Array(capacity);
  const capNum = new Float64Array(g);
  const capDen = new Float64Array(g);
  const eqSum = new Float64Array(g);
  const eqN = new Int32Array(g);
  const beat = new Int32Array(g);
  const eligible = new Int32Array(g);
  const capLevel = new Float64Array(g).fill(NaN);
  const equalLevel = new Float64Array(g).fill(NaN);
  const count = new Int32Array(g);
  const tierIndex = (tier: TierId) => TIER_IDS.indexOf(tier);

  for (let i = 0; i < length; i++) {
    const day = addDays(from, i);
    // 1. Returns from the previous day's members.
    capNum.fill(0);
    capDen.fill(0);
    eqSum.fill(0);
    eqN.fill(0);
    for (let m = 0; m < prevCount; m++) {
      const a = prevAsset[m]!;
      const column = panel.assets[a]!.price;
      const cell = lookup.price(a, day);
      const r = cell < 0 ? 0 : column[cell]! / column[prevCell[m]!]! - 1;
      const cap = prevCap[m]!;
      for (const k of [prevTier[m]!, prevSector[m]!]) {
        if (k < 0) continue;
        capNum[k] = capNum[k]! + cap * r;
        capDen[k] = capDen[k]! + cap;
        eqSum[k] = eqSum[k]! + r;
        eqN[k] = eqN[k]! + 1;
      }
    }
    for (let k = 0; k < g; k++) {
      if (eqN[k]! > 0) {
        capLevel[k] = capLevel[k]! * (1 + (capDen[k]! > 0 ? capNum[k]! / capDen[k]! : eqSum[k]! / eqN[k]!));
        equalLevel[k] = equalLevel[k]! * (1 + eqSum[k]! / eqN[k]!);
      }
    }
    // 2. Today's members, in the sectors their labels give today.
    while (nextChange < timeline.changes.length && timeline.changes[nextChange]!.day <= day) {
      const changed = timeline.changes[nextChange++]!.labels;
      for (let a = 0; a < changed.length; a++) assetGroup[a] = sectorIndex.get(changed[a]!.sector)!;
    }
    const size = walker.walk(day);
    const caps = walker.caps;
    count.fill(0);
    prevCount = 0;
    const btcCell = btc < 0 ? -1 : lookup.price(btc, day);
    if (btcCell >= 0) {
      prevAsset[0] = btc;
      prevCell[0] = btcCell;
      prevCap[0] = 1;
      prevTier[0] = tierIndex('btc');
      prevSector[0] = -1;
      prevCount = 1;
      count[tierIndex('btc')] = 1;
    }
    for (let k = 0; k < size; k++) {
      const a = buffers.asset[k]!;
      const tier = tierIndex(tierOfAltRank(k + 1, a === eth, options)!);
      const sector = assetGroup[a]!;
      prevAsset[prevCount] = a;
      prevCell[prevCount] = buffers.endCell[k]!;
      prevCap[prevCount] = caps[a]!;
      prevTier[prevCount] = tier;
      prevSector[prevCount] = sector;
      prevCount++;
      count[tier] = count[tier]! + 1;
      count[sector] = count[sector]! + 1;
    }
    for (let k = 0; k < g; k++) {
      const group = groups[k]!;
      if (count[k]! > 0 && Number.isNaN(capLevel[k]!)) {
        capLevel[k] = 100;
        equalLevel[k] = 100;
      }
      group.capLevel[i] = capLevel[k]!;
      group.equalLevel[i] = equalLevel[k]!;
      group.memberCount[i] = count[k]!;
    }
    // 3. Breadth of today's members.
    if (btcCell < 0) continue;
    const btcPrice = panel.assets[btc]!.price[btcCell]!;
    for (let w = 0; w < windows.length; w++) {
      const back = (day - windows[w]!) as DayNumber;
      const btcStart = lookup.price(btc, back);
      if (btcStart < 0) continue;
      const btcReturn = btcPrice / panel.assets[btc]!.price[btcStart]!;
      beat.fill(0);
      eligible.fill(0);
      for (let m = 1; m < prevCount; m++) {
        const a = prevAsset[m]!;
        const start = lookup.price(a, back);
        if (start < 0) continue;
        const column = panel.assets[a]!.price;
        const wins = column[prevCell[m]!]! / column[start]! > btcReturn ? 1 : 0;
        for (const k of [prevTier[m]!, prevSector[m]!]) {
          eligible[k] = eligible[k]! + 1;
          beat[k] = beat[k]! + wins;
        }
      }
      for (let k = 1; k < g; k++) if (eligible[k]! > 0) groups[k]!.breadth[w]![i] = beat[k]! / eligible[k]!;
    }
  }
  const kept = groups.filter((group) => group.kind === 'tier' || group.memberCount.some((c) => c > 0));
  return { from, to, options, groups: kept };
}
