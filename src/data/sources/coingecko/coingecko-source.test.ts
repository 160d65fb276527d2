import { describe, expect, it } from 'vitest';
import { addDays, isoDateOf, MS_PER_DAY, msOfDay, parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { storeCoverage } from '../../sync/store-coverage.ts';
import { HttpClient } from '../http/http-client.ts';
import { baseUrlOf } from '../http/provider-config.ts';
import type { AssetIdentity, FetchedRecords } from '../market-data-source.ts';
import { CoinGeckoSource, UNIVERSE_SETTING } from './coingecko-source.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';

sourceContract('coingecko', { storedSources: ['coingecko_markets'] });

describeWithSharedData('an empty CoinGecko universe', () => {
  const TODAY_WORLD = parseDay('2023-08-16');
  const EMPTY_MARKETS = { kind: 'replace', body: [] } as const;
  /** market_chart requests: the coin history that follows the universe. */
  const historyRequests = (server: LoopbackServer) => server.requests.filter((r) => /^\/coins\/[^/]+\/market_chart$/.test(r.path));

  it('is retried, and the retry’s universe and history are stored', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY_WORLD }).start();
    const store = SqliteStore.open(':memory:');
    try {
      server.fail('/coins/markets', EMPTY_MARKETS);
      const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coingecko']), today: TODAY_WORLD });
      expect(summary.sources[0]?.errors, 'one empty answer is retried, not reported').toEqual([]);
      const universe = JSON.parse((await store.getSetting(UNIVERSE_SETTING)) ?? '{}') as { coins?: { id: string }[] };
      // The world lists its five coins, bitcoin first.
      expect(universe.coins?.map((c) => c.id), 'the universe comes from the retry').toEqual(['bitcoin', 'ethereum', 'tether', 'ripple', 'dogecoin']);
      expect(historyRequests(server), 'and each coin’s history follows').toHaveLength(5);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('fails the sync when every attempt is empty, stores no universe, and the next sync asks again', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY_WORLD }).start();
    const store = SqliteStore.open(':memory:');
    try {
      server.fail('/coins/markets', EMPTY_MARKETS, 3);
      const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coingecko']), today: TODAY_WORLD });
      expect(summary.ok, 'an empty universe is a failure, not a quiet success').toBe(false);
      expect(summary.sources[0]?.errors.join('\n'), 'the error says what was empty, after how many attempts').toMatch(
        /could not load the top 5 coins by market cap on 2023-08-16 from coingecko \(\/coins\/markets\): listed no coins .*\(gave up after 3 attempts\)/,
      );
      expect(server.requestsTo('/coins/markets').filter((r) => !r.url.searchParams.has('category')), 'each attempt asked').toHaveLength(3);
      expect(await store.getSetting(UNIVERSE_SETTING), 'no universe is stored').toBeUndefined();
      expect(historyRequests(server), 'no history without a universe').toEqual([]);

      const again = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coingecko']), today: TODAY_WORLD });
      expect(again.sources[0]?.errors, 'the next sync the same day asks again and succeeds').toEqual([]);
      expect(historyRequests(server), 'and fetches the history').toHaveLength(5);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('stored by an older version, is planned again rather than standing as today’s universe', async () => {
    const store = SqliteStore.open(':memory:');
    await store.setSetting(UNIVERSE_SETTING, JSON.stringify({ day: TODAY, top: 5, coins: [] }));
    const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: 'http://127.0.0.1:9' }));
    const plan = await source.plan({ stored: storeCoverage(store), identity, today: TODAY, since: addDays(TODAY, -30), top: 5 });
    expect(plan.requests.map((r) => r.key), 'the universe is asked for again').toContain('coingecko:markets');
    await store.close();
  });
});


const identity: AssetIdentity = { resolve: (row) => row.slug ?? row.symbol, pendingWrites: () => ({ assets: [], aliases: [] }) };
const TODAY = parseDay('2024-03-10');

async function collect(iterable: AsyncIterable<FetchedRecords>): Promise<FetchedRecords[]> {
  const pages: FetchedRecords[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('CoinGecko specifics', () => {
  it('stores a point stamped D 00:00 as the close of D−1 and drops the live point', async () => {
    const server = await new LoopbackServer()
      .route('/coins/bitcoin/market_chart', () => ({
        body: {
          prices: [[msOfDay(addDays(TODAY, -1)), 100], [msOfDay(TODAY), 110], [msOfDay(TODAY) + 3_600_000, 999]],
          market_caps: [[msOfDay(addDays(TODAY, -1)), 1000], [msOfDay(TODAY), 1100], [msOfDay(TODAY) + 3_600_000, 9999]],
          total_volumes: [[msOfDay(addDays(TODAY, -1)), 5], [msOfDay(TODAY), 6], [msOfDay(TODAY) + 3_600_000, 7]],
        },
      }))
      .start();
    try {
      const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: server.baseUrl }));
      const request = { source: 'coingecko', key: 'coingecko:market_chart:bitcoin', kind: 'history' as const, description: 'bitcoin', from: addDays(TODAY, -2), to: addDays(TODAY, -1), calls: 1, params: { id: 'bitcoin', assetId: 'bitcoin', symbol: 'BTC', days: 3 } };
      const [page] = await collect(source.fetch(request, { identity, today: TODAY, now: (msOfDay(TODAY) + 3_600_000) as never }));
      expect(page?.observations?.map((o) => [isoDateOf(o.day), o.price]), 'midnight points are the previous day’s close; the live point is not a close').toEqual([
        ['2024-03-08', 100],
        ['2024-03-09', 110],
      ]);
    } finally {
      await server.close();
    }
  });

  it('never asks the free tier for more than 365 days, and says where older history comes from', async () => {
    const store = SqliteStore.open(':memory:');
    await store.setSetting(UNIVERSE_SETTING, JSON.stringify({ day: TODAY, top: 1, coins: [{ id: 'bitcoin', assetId: 'bitcoin', symbol: 'BTC', name: 'Bitcoin', rank: 1 }] }));
    const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: 'http://127.0.0.1:9' }));
    const plan = await source.plan({ stored: storeCoverage(store), identity, today: TODAY, since: parseDay('2020-01-01'), top: 1 });
    const history = plan.requests.find((r) => r.key === 'coingecko:market_chart:bitcoin')!;
    expect(history.params.days, 'days ≤ 365 avoids error 10012').toBe(365);
    expect(history.from, 'the earliest day the free tier serves').toBe(addDays(TODAY, -364));
    expect(plan.notes.join(' '), 'the user learns why older days are missing').toMatch(/past 365 days.*coinmetrics/);
    await store.close();
  });

  it('sends a pro key to the pro host, where CoinGecko accepts it (else every call is 401 error 10010)', () => {
    expect(baseUrlOf('coingecko', { ALTSEASON_COINGECKO_API_KEY: 'CG-x', ALTSEASON_COINGECKO_KEY_TYPE: 'pro' }), 'a pro key needs pro-api.coingecko.com').toBe('https://pro-api.coingecko.com/api/v3');
    expect(baseUrlOf('coingecko', { ALTSEASON_COINGECKO_API_KEY: 'CG-x' }), 'a demo key stays on the public host').toBe('https://api.coingecko.com/api/v3');
    expect(baseUrlOf('coingecko', {}), 'so does keyless use').toBe('https://api.coingecko.com/api/v3');
    expect(baseUrlOf('coingecko', { ALTSEASON_COINGECKO_API_KEY: 'CG-x', ALTSEASON_COINGECKO_KEY_TYPE: 'pro', ALTSEASON_COINGECKO_URL: 'http://127.0.0.1:9/' }), 'an explicit URL still wins').toBe('http://127.0.0.1:9');
  });

  it('says what to change when the key and the host do not match (401 error 10010 / 10011)', async () => {
    const server = await new LoopbackServer()
      .route('/global', () => ({ status: 401, body: { status: { error_code: 10011, error_message: 'If you are using Demo API key, please change your root URL from pro-api.coingecko.com to api.coingecko.com' } } }))
      .start();
    try {
      const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: server.baseUrl }));
      const request = { source: 'coingecko', key: 'coingecko:global', kind: 'snapshot' as const, description: 'market cap and dominance', calls: 1, params: {} };
      await expect(collect(source.fetch(request, { identity, today: TODAY, now: (TODAY * MS_PER_DAY) as never })), 'the hint names the setting').rejects.toThrow(/error_code 10011.*ALTSEASON_COINGECKO_KEY_TYPE/);
    } finally {
      await server.close();
    }
  });

  it('explains error 10012 when a key’s plan covers less history', async () => {
    const server = await new LoopbackServer()
      .route('/coins/bitcoin/market_chart', () => ({ status: 401, body: { status: { error_code: 10012, error_message: 'exceeds the allowed time range' } } }))
      .start();
    try {
      const source = new CoinGeckoSource(new HttpClient({ provider: 'coingecko', baseUrl: server.baseUrl }));
      const request = { source: 'coingecko', key: 'coingecko:market_chart:bitcoin', kind: 'history' as const, description: 'bitcoin for 2023-03-11..2024-03-09', from: addDays(TODAY, -365), to: addDays(TODAY, -1), calls: 1, params: { id: 'bitcoin', assetId: 'bitcoin', symbol: 'BTC', days: 366 } };
      await expect(collect(source.fetch(request, { identity, today: TODAY, now: (TODAY * MS_PER_DAY) as never })), 'the message says what failed and what to do').rejects.toThrow(
        /could not load bitcoin for 2023-03-11\.\.2024-03-09 from coingecko \(\/coins\/\{id\}\/market_chart\): HTTP 401: error_code 10012.*lower --since/,
      );
    } finally {
      await server.close();
    }
  });
});
