/**
 * CoinGecko (free: keyless or demo key). Gives the top-N universe with ranks (a daily snapshot,
 * stored as source `coingecko_markets`), daily price / cap / volume per coin from market_chart
 * (source `coingecko`), /global dominance snapshots (history is paid-only, so one point a day), and
 * the members of the categories the Altcoin Season Index excludes (weekly) and of the categories
 * mapped to sectors (daily: point-in-time sector membership, coingecko-sectors.ts).
 *
 * market_chart's daily points are 00:00 UTC snapshots, equal to the previous day's close: a point
 * stamped D is stored as day D−1. The free tier serves only the past 365 days (error 10012), so
 * plans never ask for more.
 */
import { addDays, dayOfMs, isoDateOf, MS_PER_DAY, msOfDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { CategoryRuleRecord, ObservationRecord, SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';
import { categoriesListSchema, globalSchema, marketChartSchema, marketsSchema } from './coingecko-schemas.ts';
import { COINGECKO_SECTOR_CATEGORIES, parseSectorMembership, recordSectorSnapshot, SECTOR_MEMBERSHIP_SETTING, type SnapshotMember } from './coingecko-sectors.ts';

export const COINGECKO = 'coingecko';
/** Snapshot rows of /coins/markets: live values and point-in-time ranks. */
export const COINGECKO_MARKETS = 'coingecko_markets';
export const UNIVERSE_SETTING = 'sync.coingecko.universe';
export const CATEGORIES_SETTING = 'sync.coingecko.categories';

/** CoinGecko category ids whose members the ASI excludes, and the category they get here. */
export const EXCLUDED_CATEGORIES: Readonly<Record<string, string>> = {
  stablecoins: 'stablecoin',
  'wrapped-tokens': 'wrapped',
  'liquid-staking-tokens': 'staked',
  'tokenized-gold': 'commodity-backed',
};

/** /global lists the top ~10 coins' shares; these are the stablecoins among them. */
const STABLECOIN_KEYS = ['usdt', 'usdc', 'dai', 'usde', 'usds', 'fdusd', 'busd', 'tusd', 'pyusd'];
export const COINGECKO_PAGE_SIZE = 250;
const PER_PAGE = COINGECKO_PAGE_SIZE;
const CATEGORY_REFRESH_DAYS = 7;
export const CATEGORY_MEMBER_LISTS = Object.keys(EXCLUDED_CATEGORIES).length;

interface UniverseEntry {
  id: string;
  assetId: string;
  symbol: string;
  name: string;
  rank: number;
}

interface StoredUniverse {
  day: number;
  top: number;
  coins: UniverseEntry[];
}

export interface CoinGeckoOptions {
  /** Days of history the key may ask for (free tiers: 365; paid: more). */
  historyLimitDays?: number;
}

export class CoinGeckoSource implements MarketDataSource {
  readonly name = COINGECKO;
  readonly provides: readonly Provision[] = [
    { kind: 'universe', detail: 'top N by market cap with ranks (daily snapshot)' },
    { kind: 'observations', detail: 'daily price, market cap, volume (past 365 days on free tiers)' },
    { kind: 'series', series: SERIES.totalMarketCapUsd },
    { kind: 'series', series: SERIES.btcDominancePct },
    { kind: 'series', series: SERIES.ethDominancePct },
    { kind: 'series', series: SERIES.stablecoinDominancePct },
    { kind: 'categories', detail: 'members of stablecoin, wrapped, staked and gold categories (weekly); daily snapshot of sector categories (point-in-time sector membership)' },
  ];
  private readonly historyLimitDays: number;

  constructor(
    private readonly client: HttpClient,
    options: CoinGeckoOptions = {},
  ) {
    this.historyLimitDays = options.historyLimitDays ?? 365;
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, today, since, top } = context;
    const requests: PlannedRequest[] = [];
    const notes: string[] = [];
    let estimatedFollowUpCalls = 0;
    const lastComplete = addDays(today, -1);

    const universe = parseUniverse(await stored.bookkeeping(UNIVERSE_SETTING));
    // An empty universe is never a result (stores synced before that rule may hold one): ask again.
    if (!universe || universe.coins.length === 0 || universe.day !== today || universe.top < top) {
      const pages = Math.ceil(top / PER_PAGE);
      requests.push({
        source: this.name,
        key: `${this.name}:markets`,
        kind: 'snapshot',
        description: `the top ${top} coins by market cap on ${isoDateOf(today)}`,
        calls: pages,
        params: { top },
      });
      estimatedFollowUpCalls = top;
      notes.push(`daily history for the top ${top} is planned once today's universe is loaded (about ${top} requests on a first sync, ${top} a day after)`);
    } else {
      const earliest = addDays(today, -(this.historyLimitDays - 1));
      if (since < earliest) {
        notes.push(`CoinGecko's free tier serves only the past ${this.historyLimitDays} days: history before ${isoDateOf(earliest)} comes from coinmetrics or CSV imports`);
      }
      const coins = universe.coins.filter((c) => c.rank <= top);
      const lastDays = await stored.lastObservationDays(this.name, coins.map((c) => c.assetId), since);
      for (const coin of coins) {
        const lastStored = lastDays.get(coin.assetId);
        const marker = lastStored === undefined ? await stored.emptyMarker(this.name, coin.id) : null;
        let from = firstUncoveredDay(lastStored, since, marker);
        if (from < earliest) from = earliest;
        if (from > lastComplete) continue;
        requests.push({
          source: this.name,
          key: `${this.name}:market_chart:${coin.id}`,
          kind: 'history',
          description: `${coin.id} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`,
          from,
          to: lastComplete,
          calls: 1,
          params: {
            id: coin.id,
            assetId: coin.assetId,
            symbol: coin.symbol,
            days: today - from + 1,
            // Nothing stored yet: an empty answer is recorded, so the same days are not asked again.
            ...(lastStored === undefined ? { emptyFrom: marker && marker.to + 1 === from ? marker.from : from } : {}),
          },
        });
      }
    }

    if ((await stored.lastSeriesDay(SERIES.btcDominancePct, [this.name], today)) !== today) {
      requests.push({ source: this.name, key: `${this.name}:global`, kind: 'snapshot', description: `market cap and dominance on ${isoDateOf(today)}`, calls: 1, params: {} });
    }

    const categoriesDay = Number((await stored.bookkeeping(CATEGORIES_SETTING)) ?? Number.NEGATIVE_INFINITY);
    const exclusionsDue = !(today - categoriesDay < CATEGORY_REFRESH_DAYS);
    const membershipText = await stored.bookkeeping(SECTOR_MEMBERSHIP_SETTING);
    const sectorsDue = parseSectorMembership(membershipText).snapshots.at(-1) !== today;
    if (exclusionsDue || sectorsDue) {
      const categories = exclusionsDue ? Object.keys(EXCLUDED_CATEGORIES) : [];
      const sectors = sectorsDue ? COINGECKO_SECTOR_CATEGORIES.map((c) => c.categoryId) : [];
      // A category's members ranked within the top N are on its first ⌈N/250⌉ pages (a coin's
      // place in a category is never below its place in the market).
      const sectorPages = Math.ceil(top / PER_PAGE);
      requests.push({
        source: this.name,
        key: `${this.name}:categories`,
        kind: 'reference',
        description: [categories.length ? `the members of ${categories.join(', ')}` : '', sectors.length ? `today's members of ${sectors.length} sector categories (top ${top})` : ''].filter(Boolean).join(' and '),
        calls: 1 + categories.length + sectors.length * sectorPages,
        params: { categories, sectors, top, ...(sectorsDue ? { membership: membershipText ?? '' } : {}) },
      });
    }
    return { requests, notes, estimatedFollowUpCalls };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const kind = request.key.split(':')[1];
    try {
      if (kind === 'markets') yield await this.fetchMarkets(Number(request.params.top), context);
      else if (kind === 'market_chart') yield await this.fetchHistory(request, context);
      else if (kind === 'global') yield await this.fetchGlobal(context);
      else if (kind === 'categories') yield await this.fetchCategories(request, context);
      else throw new ProviderError(this.name, request.key, 'unknown request');
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }

  private async fetchMarkets(top: number, context: FetchContext): Promise<FetchedRecords> {
    const rows: (typeof marketsSchema._output)[number][] = [];
    for (let page = 1; rows.length < top; page++) {
      const perPage = Math.min(PER_PAGE, top);
      // CoinGecko always lists thousands of coins: an empty first page is an outage or a broken
      // answer. Stored, it would stand as today's universe and stop every later sync today.
      const refuse = (coins: readonly unknown[]) => (page === 1 && coins.length === 0 ? 'listed no coins (an empty universe is a failed answer, not a result)' : null);
      const batch = await this.client.getJson('/coins/markets', '/coins/markets', { vs_currency: 'usd', order: 'market_cap_desc', per_page: perPage, page }, marketsSchema, { refuse });
      rows.push(...batch);
      if (batch.length < perPage) break;
    }
    const coins: UniverseEntry[] = [];
    const observations: ObservationRecord[] = [];
    for (const [index, row] of rows.slice(0, top).entries()) {
      const symbol = row.symbol.toUpperCase();
      const assetId = context.identity.resolve({ source: this.name, slug: row.id, symbol, name: row.name, day: context.today });
      // Ties and unranked coins fall back to their position in the cap-ordered list.
      const rank = row.market_cap_rank ?? index + 1;
      coins.push({ id: row.id, assetId, symbol, name: row.name, rank });
      observations.push({ assetId, day: context.today, source: COINGECKO_MARKETS, symbol, price: row.current_price, marketCap: row.market_cap, volume: row.total_volume, rank });
    }
    const universe: StoredUniverse = { day: context.today, top, coins };
    return { observations: dedupeObservations(observations), settings: { [UNIVERSE_SETTING]: JSON.stringify(universe) } };
  }

  private async fetchHistory(request: PlannedRequest, context: FetchContext): Promise<FetchedRecords> {
    const { id, assetId, symbol, days } = request.params as { id: string; assetId: string; symbol: string; days: number };
    const chart = await this.client.getJson('/coins/{id}/market_chart', `/coins/${encodeURIComponent(id)}/market_chart`, { vs_currency: 'usd', days, interval: 'daily' }, marketChartSchema);
    const byDay = new Map<number, ObservationRecord>();
    const slot = (ms: number): ObservationRecord | undefined => {
      // Only midnight points are daily closes; the trailing point is the live price.
      if (ms % MS_PER_DAY !== 0) return undefined;
      const day = addDays(dayOfMs(ms), -1);
      if (day < request.from! || day > request.to!) return undefined;
      let record = byDay.get(day);
      if (!record) {
        record = { assetId, day, source: this.name, symbol, price: null, marketCap: null, volume: null, rank: null };
        byDay.set(day, record);
      }
      return record;
    };
    for (const [ms, value] of chart.prices) {
      const record = slot(ms);
      if (record) record.price = value;
    }
    for (const [ms, value] of chart.market_caps) {
      const record = slot(ms);
      if (record) record.marketCap = value === 0 ? null : value;
    }
    for (const [ms, value] of chart.total_volumes) {
      const record = slot(ms);
      if (record) record.volume = value;
    }
    const observations = [...byDay.values()].filter((o) => o.price !== null || o.marketCap !== null).sort((a, b) => a.day - b.day);
    const emptyFrom = request.params.emptyFrom;
    if (observations.length === 0 && typeof emptyFrom === 'number') {
      return { observations, settings: emptyMarkerSetting(this.name, id, { from: emptyFrom as DayNumber, to: request.to!, checkedOn: context.today }) };
    }
    return { observations };
  }

  private async fetchGlobal(context: FetchContext): Promise<FetchedRecords> {
    const { data } = await this.client.getJson('/global', '/global', {}, globalSchema);
    const at = msOfDay(context.today);
    const shares = data.market_cap_percentage;
    const point = (series: string, value: number | undefined): SeriesPointRecord[] => (value === undefined || !Number.isFinite(value) ? [] : [{ series, at, source: this.name, value }]);
    const stablecoinKeys = STABLECOIN_KEYS.filter((key) => shares[key] !== undefined);
    return {
      seriesPoints: [
        ...point(SERIES.totalMarketCapUsd, data.total_market_cap.usd),
        ...point(SERIES.btcDominancePct, shares.btc),
        ...point(SERIES.ethDominancePct, shares.eth),
        ...point(SERIES.stablecoinDominancePct, stablecoinKeys.length ? stablecoinKeys.reduce((sum, key) => sum + shares[key]!, 0) : undefined),
      ],
    };
  }

  private async fetchCategories(request: PlannedRequest, context: FetchContext): Promise<FetchedRecords> {
    const categories = (request.params.categories ?? []) as readonly string[];
    const sectors = (request.params.sectors ?? []) as readonly string[];
    const list = await this.client.getJson('/coins/categories/list', '/coins/categories/list', {}, categoriesListSchema);
    const known = new Set(list.map((c) => c.category_id));
    const categoryRules: CategoryRuleRecord[] = [];
    for (const categoryId of categories) {
      if (!known.has(categoryId)) continue;
      const members = await this.client.getJson('/coins/markets?category', '/coins/markets', { vs_currency: 'usd', category: categoryId, order: 'market_cap_desc', per_page: PER_PAGE, page: 1 }, marketsSchema);
      const seen = new Set<string>();
      for (const coin of members) {
        const symbol = coin.symbol.toUpperCase();
        if (seen.has(symbol)) continue;
        seen.add(symbol);
        categoryRules.push({ symbol, name: coin.name, category: EXCLUDED_CATEGORIES[categoryId] ?? categoryId, excludeFromIndex: true, source: this.name });
      }
    }
    const settings: Record<string, string> = {};
    if (categories.length) {
      settings[CATEGORIES_SETTING] = String(context.today);
      settings[`${CATEGORIES_SETTING}.list`] = JSON.stringify(list.map((c) => c.category_id));
    }
    if (sectors.length) {
      const top = Number(request.params.top);
      const members: SnapshotMember[] = [];
      for (const categoryId of sectors) {
        // A renamed or retired category id is skipped; docs/rotation.md lists the mapping.
        if (!known.has(categoryId)) continue;
        for (let page = 1; ; page++) {
          const rows = await this.client.getJson('/coins/markets?category', '/coins/markets', { vs_currency: 'usd', category: categoryId, order: 'market_cap_desc', per_page: PER_PAGE, page }, marketsSchema);
          for (const row of rows) {
            if (row.market_cap_rank === null || row.market_cap_rank > top) continue;
            const symbol = row.symbol.toUpperCase();
            members.push({ assetId: context.identity.resolve({ source: this.name, slug: row.id, symbol, name: row.name, day: context.today }), symbol, categoryId });
          }
          const lastRank = rows.at(-1)?.market_cap_rank ?? null;
          if (rows.length < PER_PAGE || (lastRank !== null && lastRank > top) || page >= Math.ceil(top / PER_PAGE)) break;
        }
      }
      const history = recordSectorSnapshot(parseSectorMembership(String(request.params.membership ?? '')), context.today, members);
      settings[SECTOR_MEMBERSHIP_SETTING] = JSON.stringify(history);
    }
    return { categoryRules, settings };
  }
}

function parseUniverse(text: string | undefined): StoredUniverse | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as StoredUniverse;
    return Array.isArray(parsed.coins) ? parsed : null;
  } catch {
    return null;
  }
}

/** Two CoinGecko ids can resolve to one asset; keep the higher-ranked row. */
function dedupeObservations(observations: ObservationRecord[]): ObservationRecord[] {
  const seen = new Set<string>();
  return observations.filter((o) => (seen.has(o.assetId) ? false : (seen.add(o.assetId), true)));
}
