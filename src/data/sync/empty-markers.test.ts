/**
 * "Asked, nothing there": an asset or market a provider has no data for is recorded with the
 * day asked up to, so a second sync the same day sends nothing, and the next day asks only for
 * the days after. Also: the run summary reports each note once, and no stale first-round note.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfMs, isoDateOf, parseDay } from '../../domain/dates.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { storeDigest } from '../../../test/loopback/store-digest.ts';
import { allowFastRequests, syncForTest, TEST_HTTP, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { BinanceSource } from '../sources/binance/binance-source.ts';
import { createClient, createSources } from '../sources/create-sources.ts';
import type { MarketDataSource } from '../sources/market-data-source.ts';
import { YahooSource } from '../sources/yahoo/yahoo-source.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

const TODAY = parseDay('2023-08-16');

describeWithSharedData('asked, nothing there', () => {
  /** Every provider, plus assets and markets the world has no data for. */
  async function sourcesWithUnknowns(store: SqliteStore, server: LoopbackServer): Promise<MarketDataSource[]> {
    // A symbol with no bars (Yahoo answers an empty result).
    server.route('/v8/finance/chart/%5ENOPE', () => ({ body: { chart: { result: [{ meta: { symbol: '^NOPE' }, indicators: { quote: [{}] } }], error: null } } }));
    const env = loopbackEnv(server);
    const sources = await testSources(store, env, ['coingecko', 'coinmetrics', 'defillama', 'fred']);
    await store.setSetting('coinmetrics.assets', 'btc,eth,usdt=tether,xrp,doge,ada,dot');
    const options = { env, http: TEST_HTTP };
    return [
      ...sources.filter((s) => s.name !== 'coinmetrics'),
      ...(await createSources(store, ['coinmetrics'], options)),
      new YahooSource(await createClient('yahoo', store, options), ['^RUT', 'IWM', '^NOPE']),
      new BinanceSource(await createClient('binance', store, options), await createClient('bybit', store, options), ['BTCUSDT', 'NOPEUSDT']),
    ];
  }

  it('a second sync the same day sends no request, though some assets came back empty', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await allowFastRequests(store);
      // CoinGecko has no history for dogecoin (a coin listed today, say).
      server.fail('/coins/dogecoin/market_chart', { kind: 'replace', body: { prices: [], market_caps: [], total_volumes: [] } });
      const first = await syncForTest({ store, sources: await sourcesWithUnknowns(store, server), today: TODAY });
      expect(first.sources.flatMap((s) => s.errors), 'empty answers are not errors').toEqual([]);
      expect((await store.getSetting('sync.empty.coinmetrics.ada')) ?? '', 'the empty answer is recorded').toContain(`"to":${addDays(TODAY, -1)}`);

      const before = server.requests.length;
      const second = await syncForTest({ store, sources: await sourcesWithUnknowns(store, server), today: TODAY });
      expect(server.requests.slice(before).map((r) => r.url.pathname + r.url.search), 'the same day: zero requests').toEqual([]);
      expect(second.sources.map((s) => [s.source, s.requests]), 'and none planned, for any source').toEqual([
        ['coingecko', 0],
        ['defillama', 0],
        ['fred', 0],
        ['coinmetrics', 0],
        ['yahoo', 0],
        ['binance', 0],
      ]);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('the next day asks only for the days after the empty answer, and --recheck-empty asks for all again', async () => {
    const world = { today: TODAY };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    try {
      await allowFastRequests(store);
      await syncForTest({ store, sources: await sourcesWithUnknowns(store, server), today: TODAY });
      world.today = addDays(TODAY, 1);
      const before = server.requests.length;
      await syncForTest({ store, sources: await sourcesWithUnknowns(store, server), today: world.today, sinceDays: 61 });
      const next = server.requests.slice(before);
      const yesterday = isoDateOf(addDays(world.today, -1));
      const cm = next.filter((r) => r.path === '/timeseries/asset-metrics');
      expect(cm.map((r) => r.url.searchParams.get('start_time')), 'Coin Metrics: only the new day, for covered and uncovered assets alike').toEqual([yesterday]);
      const nope = next.filter((r) => r.path === '/v8/finance/chart/%5ENOPE');
      expect(nope.map((r) => isoDateOf(dayOfMs(Number(r.url.searchParams.get('period1')) * 1000))), 'Yahoo: the unknown symbol only from the new day').toEqual([yesterday]);
      const funding = next.filter((r) => r.path === '/fapi/v1/fundingRate' && r.url.searchParams.get('symbol') === 'NOPEUSDT');
      expect(funding.map((r) => isoDateOf(dayOfMs(Number(r.url.searchParams.get('startTime'))))), 'Binance: the unknown market only from the new day').toEqual([yesterday]);
      expect(await store.getSetting('sync.empty.yahoo.^NOPE'), 'the marker grows with each empty answer').toBe(JSON.stringify({ from: addDays(TODAY, -60), to: addDays(world.today, -1), checkedOn: world.today }));

      const digest = await storeDigest(store);
      const recheck = server.requests.length;
      await syncForTest({ store, sources: await sourcesWithUnknowns(store, server), today: world.today, sinceDays: 61, recheckEmpty: true });
      const asked = server.requests.slice(recheck);
      expect(asked.filter((r) => r.path === '/v8/finance/chart/%5ENOPE').map((r) => isoDateOf(dayOfMs(Number(r.url.searchParams.get('period1')) * 1000))), '--recheck-empty asks from --since again').toEqual([isoDateOf(addDays(world.today, -61))]);
      expect(asked.some((r) => r.path === '/v8/finance/chart/%5ERUT'), 'what is stored is not asked again').toBe(false);
      expect(await storeDigest(store), 'and nothing changes').toBe(digest);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('a provider that later has data for an asset with a marker fills the days after it', async () => {
    const world = { today: TODAY };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    try {
      const sources = await testSources(store, loopbackEnv(server), ['yahoo']);
      server.fail('/v8/finance/chart/%5ERUT', { kind: 'replace', body: { chart: { result: null, error: null } } });
      await syncForTest({ store, sources, today: TODAY });
      expect(await store.readEquityBars('^RUT'), 'nothing yet').toEqual([]);
      world.today = addDays(TODAY, 1);
      await syncForTest({ store, sources, today: world.today, sinceDays: 61 });
      expect((await store.readEquityBars('^RUT')).map((b) => isoDateOf(b.day)), 'the new day arrives').toEqual([isoDateOf(TODAY)]);
      expect(await store.getSetting('sync.empty.yahoo.^RUT'), 'the marker stays as the record of what was asked: --since up to the first day’s yesterday').toBe(
        JSON.stringify({ from: addDays(TODAY, -60), to: addDays(TODAY, -1), checkedOn: TODAY }),
      );
    } finally {
      await store.close();
      await server.close();
    }
  });
});

describe('run summary notes', () => {
  it('reports each note once, and drops the first round’s "planned once the universe is loaded" once it was', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      const sources = await testSources(store, loopbackEnv(server), ['coingecko', 'binance']);
      const summary = await syncForTest({ store, sources, today: TODAY, sinceDays: 400 });
      const notes = summary.sources.flatMap((s) => s.notes.map((n) => `${s.source}: ${n}`));
      expect(new Set(notes).size, 'no note twice').toBe(notes.length);
      expect(notes.join('\n'), 'the history limit is said once').toMatch(/coingecko: CoinGecko's free tier serves only the past 365 days/);
      expect(notes.join('\n'), 'the plan-time note about later rounds is gone once they ran').not.toMatch(/planned once today's universe is loaded/);
      expect(notes.filter((n) => n.startsWith('binance:')), 'binance plans in every round: its note is kept once').toHaveLength(1);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
