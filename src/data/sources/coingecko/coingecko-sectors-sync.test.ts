/**
 * Point-in-time sector membership through a real sync against a loopback CoinGecko that answers
 * in the documented shapes (PROVIDERS.md: /coins/categories/list → [{category_id, name}], members
 * via /coins/markets?category=ID, paged), with the fault suite the other sources meet: transient
 * faults on a category's members are retried and the sync ends as a clean one; a schema change or
 * HTTP 451 fails the categories request, stores no snapshot, and a re-run converges.
 */
import { describe, expect, it } from 'vitest';
import { addDays, isoDateOf, msOfDay, parseDay, type DayNumber } from '../../../domain/dates.ts';
import { LoopbackServer, TRANSIENT_FAULTS, type Fault } from '../../../../test/loopback/loopback-server.ts';
import { storeDigest } from '../../../../test/loopback/store-digest.ts';
import { syncForTest, TEST_HTTP, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { CoinGeckoSource } from './coingecko-source.ts';
import { HttpClient } from '../http/http-client.ts';
import { parseSectorMembership, SECTOR_MEMBERSHIP_SETTING } from './coingecko-sectors.ts';

const TODAY = parseDay('2024-03-10');
const HTTP = { ...TEST_HTTP, timeoutMs: 300 };

interface WorldCoin {
  id: string;
  symbol: string;
  rank: number;
}

const COINS: WorldCoin[] = [
  { id: 'bitcoin', symbol: 'btc', rank: 1 },
  { id: 'ethereum', symbol: 'eth', rank: 2 },
  { id: 'tether', symbol: 'usdt', rank: 3 },
  { id: 'solana', symbol: 'sol', rank: 4 },
  { id: 'dogecoin', symbol: 'doge', rank: 5 },
  { id: 'pepe', symbol: 'pepe', rank: 40 },
];

/** A CoinGecko world: its clock and each category's members (ids), mutable by a test. */
function world(today = TODAY) {
  const state = {
    today,
    categories: new Map<string, string[]>([
      ['stablecoins', ['tether']],
      ['layer-1', ['bitcoin', 'ethereum', 'solana']],
      ['meme-token', ['dogecoin', 'pepe']],
      ['gaming', []],
    ]),
  };
  const row = (c: WorldCoin) => ({ id: c.id, symbol: c.symbol, name: c.id, current_price: 10 / c.rank, market_cap: 1e9 / c.rank, market_cap_rank: c.rank, total_volume: 1e6 });
  const server = new LoopbackServer()
    .route('/coins/categories/list', () => ({ body: [...state.categories.keys()].map((id) => ({ category_id: id, name: id })) }))
    .route('/coins/markets', (url) => {
      const perPage = Number(url.searchParams.get('per_page') ?? 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const category = url.searchParams.get('category');
      const listed = category === null ? COINS : COINS.filter((c) => state.categories.get(category)?.includes(c.id));
      return { body: listed.map(row).slice((page - 1) * perPage, page * perPage) };
    })
    .route('/global', () => ({ body: { data: { total_market_cap: { usd: 2e9 }, market_cap_percentage: { btc: 50, eth: 25, usdt: 5 } } } }));
  for (const coin of COINS) {
    server.route(`/coins/${coin.id}/market_chart`, (url) => {
      const days = Number(url.searchParams.get('days'));
      const points = [];
      for (let stamp = addDays(state.today, -days + 1); stamp <= state.today; stamp = addDays(stamp, 1)) points.push([msOfDay(stamp), 10 / coin.rank]);
      return { body: { prices: points, market_caps: points.map(([ms, p]) => [ms, p! * 1e8]), total_volumes: points.map(([ms]) => [ms, 1e6]) } };
    });
  }
  return { state, server };
}

async function sync(store: Store, server: LoopbackServer, today: DayNumber) {
  const sources = await testSources(store, { ALTSEASON_COINGECKO_URL: server.baseUrl }, ['coingecko'], HTTP);
  return syncForTest({ store, sources, today, sinceDays: 10, top: 5 });
}

const categoryAsks = (server: LoopbackServer, id: string) => server.requestsTo('/coins/markets').filter((r) => r.url.searchParams.get('category') === id);

/** The store's content and its sector snapshot, as a clean run leaves them. */
async function cleanRun(): Promise<{ digest: string; membership: string | undefined }> {
  const { server } = world();
  await server.start();
  const store = SqliteStore.open(':memory:');
  try {
    await sync(store, server, TODAY);
    return { digest: await storeDigest(store), membership: await store.getSetting(SECTOR_MEMBERSHIP_SETTING) };
  } finally {
    await store.close();
    await server.close();
  }
}

describe('CoinGecko sector membership from sync', () => {
  it('stores today’s members of the mapped categories within the top N, first seen today, and asks nothing more the same day', async () => {
    const { server } = world();
    await server.start();
    const store = SqliteStore.open(':memory:');
    try {
      const summary = await sync(store, server, TODAY);
      expect(summary.sources[0]?.errors).toEqual([]);
      const history = parseSectorMembership(await store.getSetting(SECTOR_MEMBERSHIP_SETTING));
      expect(history.snapshots, 'one snapshot, today').toEqual([TODAY]);
      expect(history.coins.solana?.spells, 'solana is a layer-1, first seen today').toEqual([{ sector: 'layer1', categoryId: 'layer-1', from: TODAY, to: TODAY }]);
      expect(history.coins.dogecoin?.spells[0]?.sector).toBe('meme');
      expect(history.coins.pepe, 'pepe ranks 40th: outside the top 5 universe').toBeUndefined();
      expect(history.coins.tether, 'stablecoins are exclusions, not a sector').toBeUndefined();
      expect(categoryAsks(server, 'layer-1'), 'one page: a category’s top-5 members are on its first page').toHaveLength(1);
      expect(categoryAsks(server, 'oracle'), 'a mapped id the list lacks is not asked for').toHaveLength(0);
      const before = server.requests.length;
      await sync(store, server, TODAY);
      expect(server.requests.length - before, 'a second sync the same day sends nothing').toBe(0);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('the next day records a change of sector as a new label first seen that day, keeping the old one’s dates', async () => {
    const { state, server } = world();
    await server.start();
    const store = SqliteStore.open(':memory:');
    try {
      await sync(store, server, TODAY);
      const tomorrow = addDays(TODAY, 1);
      state.today = tomorrow;
      state.categories.set('layer-1', ['bitcoin', 'ethereum']);
      state.categories.set('layer-2', ['solana']);
      const before = server.requests.length;
      const summary = await sync(store, server, tomorrow);
      expect(summary.sources[0]?.errors).toEqual([]);
      const asked = server.requests.slice(before).filter((r) => r.url.searchParams.has('category')).map((r) => r.url.searchParams.get('category'));
      expect(asked, 'daily: only the sector categories (the excluded ones are refreshed weekly)').toEqual(['meme-token', 'gaming', 'layer-2', 'layer-1']);
      const history = parseSectorMembership(await store.getSetting(SECTOR_MEMBERSHIP_SETTING));
      expect(history.snapshots).toEqual([TODAY, tomorrow]);
      expect(history.coins.solana?.spells.map((s) => [s.sector, isoDateOf(s.from as DayNumber), isoDateOf(s.to as DayNumber)])).toEqual([
        ['layer1', '2024-03-10', '2024-03-10'],
        ['layer2', '2024-03-11', '2024-03-11'],
      ]);
      expect(history.coins.dogecoin?.spells, 'doge stays a meme, first seen the first day').toEqual([{ sector: 'meme', categoryId: 'meme-token', from: TODAY, to: tomorrow }]);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('pages a category until its members rank below the top N', async () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ id: `coin-${i + 1}`, symbol: `c${i + 1}`, name: `c${i + 1}`, current_price: 1, market_cap: 1e9 - i, market_cap_rank: 2 * (i + 1), total_volume: 1 }));
    const server = await new LoopbackServer()
      .route('/coins/categories/list', () => ({ body: [{ category_id: 'layer-1', name: 'Layer 1 (L1)' }] }))
      .route('/coins/markets', (url) => {
        const page = Number(url.searchParams.get('page'));
        const perPage = Number(url.searchParams.get('per_page'));
        return { body: many.slice((page - 1) * perPage, page * perPage) };
      })
      .start();
    try {
      const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: server.baseUrl }));
      const identity = { resolve: (r: { slug?: string | null; symbol: string }) => r.slug ?? r.symbol, pendingWrites: () => ({ assets: [], aliases: [] }) };
      const request = { source: 'coingecko', key: 'coingecko:categories', kind: 'reference' as const, description: 'sectors', calls: 3, params: { categories: [], sectors: ['layer-1'], top: 400, membership: '' } };
      const pages = [];
      for await (const page of source.fetch(request, { identity, today: TODAY, now: msOfDay(TODAY) as never })) pages.push(page);
      const history = parseSectorMembership(pages[0]!.settings![SECTOR_MEMBERSHIP_SETTING]);
      // Ranks 2, 4, …: page 1 ends at rank 500 > 400, so page 2 is never asked.
      expect(server.requestsTo('/coins/markets').map((r) => r.url.searchParams.get('page')), 'one page: its last coin already ranks below 400').toEqual(['1']);
      expect(Object.keys(history.coins), 'members ranked 2 … 400').toHaveLength(200);
    } finally {
      await server.close();
    }
  });

  /** The universe and the stablecoins' members pass; the fault meets the first sector category asked. */
  const onFirstSectorCategory = (server: LoopbackServer, fault: Fault, times = 1) => server.fail('/coins/markets', { kind: 'pass' }, 2).fail('/coins/markets', fault, times);

  for (const [label, fault] of TRANSIENT_FAULTS) {
    it(`retries ${label} on a category’s members and ends with a clean run’s content and snapshot`, async () => {
      const clean = await cleanRun();
      const { server } = world();
      await server.start();
      const store = SqliteStore.open(':memory:');
      try {
        onFirstSectorCategory(server, fault);
        const summary = await sync(store, server, TODAY);
        expect(summary.sources[0]?.errors, `${label} is retried, not reported`).toEqual([]);
        expect(categoryAsks(server, 'meme-token').length, 'the faulted category is asked again').toBe(2);
        expect(await storeDigest(store)).toBe(clean.digest);
        expect(await store.getSetting(SECTOR_MEMBERSHIP_SETTING), 'the same snapshot as a clean run').toBe(clean.membership);
      } finally {
        await store.close();
        await server.close();
      }
    });
  }

  for (const [label, fault] of [
    ['a lasting schema change', { kind: 'replace', body: { changed: true } }],
    ['HTTP 451', { kind: 'status', status: 451, body: { error: 'unavailable from a restricted location' } }],
  ] as [string, Fault][]) {
    it(`fails the categories request on ${label}, stores no snapshot, and a re-run converges`, async () => {
      const clean = await cleanRun();
      const { server } = world();
      await server.start();
      const store = SqliteStore.open(':memory:');
      try {
        onFirstSectorCategory(server, fault, 100);
        const summary = await sync(store, server, TODAY);
        expect(summary.ok, `${label} fails the request`).toBe(false);
        expect(summary.sources[0]?.errors.join('\n'), 'the error names the request, the provider and the endpoint').toMatch(/could not load .*sector categories.* from coingecko \(\/coins\/markets\?category\)/);
        if (fault.kind === 'status') expect(categoryAsks(server, 'meme-token'), 'a 451 is not retried').toHaveLength(1);
        expect(await store.getSetting(SECTOR_MEMBERSHIP_SETTING), 'no snapshot from a failed request').toBeUndefined();
        server.clearFaults();
        await sync(store, server, TODAY);
        expect(await storeDigest(store), 'a re-run converges to a clean run').toBe(clean.digest);
        expect(await store.getSetting(SECTOR_MEMBERSHIP_SETTING)).toBe(clean.membership);
      } finally {
        await store.close();
        await server.close();
      }
    });
  }
});
