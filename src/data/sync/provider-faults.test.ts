/**
 * Fault tests per provider against the loopback world: transient faults (429 with and without
 * Retry-After, 500/502/503, a hung connection, a truncated body) are retried and the sync ends as
 * a clean one would; lasting faults (schema change, HTTP 451 where there is no fallback, an empty
 * result) fail or skip only that request, and a re-run converges to a clean run's content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfMs, isoDateOf, parseDay } from '../../domain/dates.ts';
import { LoopbackServer, TRANSIENT_FAULTS } from '../../../test/loopback/loopback-server.ts';
import { loadWorldData, loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { storeContent, storeDigest } from '../../../test/loopback/store-digest.ts';
import { syncForTest, TEST_HTTP, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { createSources, type SourceName } from '../sources/create-sources.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

const TODAY = parseDay('2023-08-16');
const HTTP = { ...TEST_HTTP, timeoutMs: 300 };

/** Each provider's main endpoint, and what an empty answer looks like there. */
const MAIN: Record<SourceName, { path: string; empty: unknown }> = {
  coingecko: { path: '/coins/bitcoin/market_chart', empty: { prices: [], market_caps: [], total_volumes: [] } },
  coinmetrics: { path: '/timeseries/asset-metrics', empty: { data: [] } },
  yahoo: { path: '/v8/finance/chart/%5ERUT', empty: { chart: { result: null, error: null } } },
  binance: { path: '/fapi/v1/fundingRate', empty: [] },
  defillama: { path: '/stablecoincharts/all', empty: [] },
  fred: { path: '/graph/fredgraph.csv', empty: 'observation_date,M2SL\n' },
  deribit: { path: '/public/get_book_summary_by_currency', empty: { jsonrpc: '2.0', result: [] } },
  'coinmetrics-flows': { path: '/timeseries/asset-metrics', empty: { data: [] } },
  'defillama-chains': { path: '/v2/historicalChainTvl', empty: [] },
  bybit: { path: '/v5/market/funding/history', empty: { retCode: 0, retMsg: 'OK', result: { category: 'linear', list: [] } } },
  okx: { path: '/api/v5/public/funding-rate-history', empty: { code: '0', msg: '', data: [] } },
  'alternative-me': { path: '/fng/', empty: { name: 'Fear and Greed Index', data: [], metadata: { error: null } } },
};

async function run(name: SourceName, server: LoopbackServer, store = SqliteStore.open(':memory:'), options: { recheckEmpty?: boolean } = {}) {
  const sources = await testSources(store, loopbackEnv(server), [name], HTTP);
  const summary = await syncForTest({ store, sources, today: TODAY, ...options });
  return { store, summary };
}

describeWithSharedData('provider faults', () => {
  const cleanDigests = new Map<SourceName, string>();
  let cleanServer: LoopbackServer;

  beforeAll(async () => {
    cleanServer = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    for (const name of Object.keys(MAIN) as SourceName[]) {
      const { store } = await run(name, cleanServer);
      cleanDigests.set(name, await storeDigest(store));
      await store.close();
    }
  });
  afterAll(() => cleanServer.close());

  for (const name of Object.keys(MAIN) as SourceName[]) {
    describe(name, () => {
      for (const [label, fault] of TRANSIENT_FAULTS) {
        it(`retries ${label} and ends with a clean run's content`, async () => {
          const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
          try {
            server.fail(MAIN[name].path, fault);
            const { store, summary } = await run(name, server);
            expect(summary.sources[0]?.errors, `${label} is retried, not reported`).toEqual([]);
            expect(server.requestsTo(MAIN[name].path).length, `the request after ${label} is sent again`).toBeGreaterThanOrEqual(2);
            expect(await storeDigest(store), 'the store holds what a clean run stores').toBe(cleanDigests.get(name));
            await store.close();
          } finally {
            await server.close();
          }
        });
      }

      it('reports a lasting schema change, stores nothing from it, and a re-run converges', async () => {
        const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
        try {
          server.fail(MAIN[name].path, { kind: 'replace', body: name === 'fred' ? 'when,what\n' : { changed: true } }, 100);
          const { store, summary } = await run(name, server);
          expect(summary.ok, 'schema drift fails the request').toBe(false);
          expect(summary.sources[0]?.errors.join('\n'), 'the error names provider and endpoint').toMatch(new RegExp(`${name}.*could not load|could not load.*${name}`));
          const fresh = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
          try {
            await run(name, fresh, store);
            expect(await storeDigest(store), 'a re-run against a healthy provider converges to a clean run').toBe(cleanDigests.get(name));
          } finally {
            await fresh.close();
          }
          await store.close();
        } finally {
          await server.close();
        }
      });

      if (name !== 'binance') {
        // Binance falls back to Bybit on 451 (tested below); the others have no fallback.
        it('fails HTTP 451 (unavailable from this location) at once, naming it, and a re-run converges', async () => {
          const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
          try {
            server.fail(MAIN[name].path, { kind: 'status', status: 451, body: { msg: 'Service unavailable from a restricted location' } }, 100);
            const { store, summary } = await run(name, server);
            expect(summary.ok, 'a geo-block fails the request').toBe(false);
            expect(summary.sources[0]?.errors.join('\n'), 'the error names the provider and the status').toMatch(new RegExp(`${name}.*HTTP 451`));
            const asked = server.requestsTo(MAIN[name].path).map((r) => r.url.search);
            expect(new Set(asked).size, 'a 451 is not retried').toBe(asked.length);
            const fresh = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
            try {
              await run(name, fresh, store);
              expect(await storeDigest(store), 'a re-run from an unblocked place converges to a clean run').toBe(cleanDigests.get(name));
            } finally {
              await fresh.close();
            }
            await store.close();
          } finally {
            await server.close();
          }
        });
      }

      it('records an empty result as "asked, nothing there": no error, no re-ask the same day, and --recheck-empty fills it in', async () => {
        const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
        try {
          server.fail(MAIN[name].path, { kind: 'replace', body: MAIN[name].empty }, 100);
          const { store, summary } = await run(name, server);
          expect(summary.sources[0]?.errors, 'an empty answer is not an error').toEqual([]);
          const fresh = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
          try {
            await run(name, fresh, store);
            expect(fresh.requests.map((r) => r.path), 'the same day, what came back empty is not asked again').toEqual([]);
            await run(name, fresh, store, { recheckEmpty: true });
            expect(await storeDigest(store), 'asking again (--recheck-empty) fetches the days the empty answer lacked').toBe(cleanDigests.get(name));
          } finally {
            await fresh.close();
          }
          await store.close();
        } finally {
          await server.close();
        }
      });
    });
  }

  it('falls back from Binance to Bybit on HTTP 451, open interest priced with Bybit’s kline', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    try {
      server.fail('/fapi/v1/fundingRate', { kind: 'status', status: 451, body: { code: 0, msg: 'Service unavailable from a restricted location' } });
      const { store, summary } = await run('binance', server);
      const content = await storeContent(store);
      const funding = content.seriesPoints.filter((p) => p.series === 'funding_rate_8h:BTCUSDT');
      expect(funding.length, 'funding still arrives').toBeGreaterThan(0);
      expect(new Set(funding.map((p) => p.source)), 'from Bybit, labelled as such').toEqual(new Set(['bybit']));
      expect(server.requestsTo('/fapi/v1/fundingRate'), 'Binance is not asked again after a 451').toHaveLength(1);
      expect(server.requestsTo('/futures/data/openInterestHist'), 'nor for open interest').toHaveLength(0);
      expect(summary.sources[0]?.errors, 'every series has a fallback').toEqual([]);
      const interest = content.seriesPoints.filter((p) => p.series === 'open_interest_usd:BTCUSDT');
      expect(interest.length, 'open interest arrives for the 30-day window').toBeGreaterThan(20);
      expect(new Set(interest.map((p) => p.source)), 'labelled with where its USD price came from').toEqual(new Set(['bybit_kline']));
      // Contracts at 00:00 UTC × the open of the kline starting then (the previous day's close).
      const bitcoin = loadWorldData().coins.find((c) => c.id === 'bitcoin')!;
      for (const point of interest) {
        const day = dayOfMs(point.at);
        const today = bitcoin.days.get(day)!;
        const contracts = Math.round(today.cap! / today.price / 400);
        expect(point.value, `open interest on ${isoDateOf(day)} = contracts × that moment's price`).toBeCloseTo(contracts * bitcoin.days.get(addDays(day, -1))!.price, 6);
      }
      const again = await run('binance', server, store);
      expect(again.summary.sources[0]?.requests, 'a same-day re-run asks for nothing (Bybit-labelled points count as stored)').toBe(0);
      await store.close();
    } finally {
      await server.close();
    }
  });

  it('stores no open interest for a day Bybit has no kline for, rather than pricing it from elsewhere', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    try {
      server.fail('/fapi/v1/fundingRate', { kind: 'status', status: 451 });
      server.fail('/v5/market/kline', { kind: 'replace', body: { retCode: 0, retMsg: 'OK', result: { list: [] } } }, 2);
      const { store, summary } = await run('binance', server);
      expect(summary.sources[0]?.errors, 'no error: the days stay missing').toEqual([]);
      expect((await storeContent(store)).seriesPoints.filter((p) => p.series.startsWith('open_interest_usd')), 'nothing unpriced is stored').toEqual([]);
      const again = await run('binance', server, store);
      expect(again.summary.sources[0]?.requests, 'open interest is asked again (a missing price is not "nothing there")').toBe(2);
      expect((await storeContent(store)).seriesPoints.filter((p) => p.series.startsWith('open_interest_usd')).length, 'and arrives once Bybit has the klines').toBeGreaterThan(0);
      await store.close();
    } finally {
      await server.close();
    }
  });

  it('fails a provider whose host does not resolve at once (offline), with no retries, and the others go on', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    try {
      const store = SqliteStore.open(':memory:');
      const [yahoo] = await testSources(store, loopbackEnv(server), ['yahoo'], HTTP);
      let lookups = 0;
      const sleeps: number[] = [];
      // What Node's fetch throws when getaddrinfo fails; DNS cannot be made to fail on loopback.
      const offline: typeof fetch = async () => {
        lookups++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo EAI_AGAIN api.coingecko.com'), { code: 'EAI_AGAIN', hostname: 'api.coingecko.com', syscall: 'getaddrinfo' }) });
      };
      const [coingecko] = await createSources(store, ['coingecko'], { env: {}, http: { ...HTTP, fetch: offline, sleep: async (ms) => void sleeps.push(ms) } });
      const summary = await syncForTest({ store, sources: [coingecko!, yahoo!], today: TODAY });
      const gecko = summary.sources.find((s) => s.source === 'coingecko')!;
      // A first sync plans three CoinGecko requests: today's universe, /global and the categories.
      expect({ failed: gecko.failed, skipped: gecko.skipped }, 'the first request fails, the other two are skipped').toEqual({ failed: 1, skipped: 2 });
      expect(lookups, 'one lookup, not three attempts per request').toBe(1);
      expect(sleeps, 'no backoff wait').toEqual([]);
      expect(gecko.errors, 'the message names the host and the likely cause').toEqual([
        `could not load the top 5 coins by market cap on ${isoDateOf(TODAY)} from coingecko (/coins/markets): cannot resolve api.coingecko.com: offline? (EAI_AGAIN)`,
        'skipped 2 more request(s): cannot resolve api.coingecko.com: offline? (the next sync retries them)',
      ]);
      expect(summary.sources.find((s) => s.source === 'yahoo')?.errors, 'Yahoo is unaffected').toEqual([]);
      await store.close();
    } finally {
      await server.close();
    }
  });

  it('keeps syncing the other providers when one is down, and says why', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    try {
      server.fail('/timeseries/asset-metrics', { kind: 'status', status: 503 }, 1000);
      const store = SqliteStore.open(':memory:');
      const sources = await testSources(store, loopbackEnv(server), ['coinmetrics', 'yahoo', 'defillama'], HTTP);
      const summary = await syncForTest({ store, sources, today: TODAY });
      const bySource = new Map(summary.sources.map((s) => [s.source, s]));
      expect(bySource.get('coinmetrics')?.failed, 'the provider that is down fails').toBeGreaterThan(0);
      expect(bySource.get('coinmetrics')?.errors[0], 'with the status and attempts').toMatch(/HTTP 503.*gave up after 3 attempts/);
      expect(bySource.get('yahoo')?.errors, 'Yahoo is unaffected').toEqual([]);
      expect(bySource.get('defillama')?.errors, 'DefiLlama is unaffected').toEqual([]);
      expect((await storeContent(store)).equityBars.length, 'equity bars were stored').toBeGreaterThan(0);
      await store.close();
    } finally {
      await server.close();
    }
  });
});
