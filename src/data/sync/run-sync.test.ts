/**
 * Rounds of a sync: later rounds exist for requests that earlier ones make possible (CoinGecko's
 * daily history once today's universe is loaded). They must not send a source's request again
 * under another key, e.g. a Coin Metrics batch regrouped after part of it came back.
 */
import { expect, it } from 'vitest';
import { AssetResolver } from '../identity/asset-resolver.ts';
import { createSources } from '../sources/create-sources.ts';
import { runSync } from './run-sync.ts';
import { addDays, isoDateOf, parseDay } from '../../domain/dates.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loadWorldData, loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { allowFastRequests, syncForTest, TEST_HTTP, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

const TODAY = parseDay('2023-08-16');

describeWithSharedData('sync rounds', () => {
  it('asks Coin Metrics once a day, though a later round is needed for CoinGecko and some assets had no new day yet', async () => {
    const world = { today: TODAY };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    try {
      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coingecko', 'coinmetrics']), today: TODAY, sinceDays: 30 });

      world.today = addDays(TODAY, 1);
      // Yesterday is published for btc only so far (the others lag): a normal answer, not an error.
      const price = loadWorldData().coins.find((c) => c.id === 'bitcoin')!.days.get(TODAY)!.price;
      server.fail('/timeseries/asset-metrics', { kind: 'replace', body: { data: [{ asset: 'btc', time: `${isoDateOf(TODAY)}T00:00:00.000000000Z`, PriceUSD: String(price) }] } });
      const before = server.requestsTo('/timeseries/asset-metrics').length;
      const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coingecko', 'coinmetrics']), today: world.today, sinceDays: 31 });
      expect(summary.sources.flatMap((s) => s.errors), 'no errors').toEqual([]);
      expect(server.requestsTo('/coins/bitcoin/market_chart').length, 'CoinGecko history still came in a later round').toBeGreaterThan(1);
      expect(server.requestsTo('/timeseries/asset-metrics').length - before, 'one Coin Metrics request, not a second one for the lagging assets in the next round').toBe(1);
    } finally {
      await store.close();
      await server.close();
    }
  });
});

describeWithSharedData('a cancelled sync', () => {
  it('starts no request or write after the signal aborts, and counts only what it finished', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await allowFastRequests(store);
      const controller = new AbortController();
      const sources = await createSources(store, ['yahoo'], { env: loopbackEnv(server), http: { ...TEST_HTTP, signal: controller.signal } });
      const events: string[] = [];
      const summary = await runSync({
        store,
        sources,
        identity: await AssetResolver.fromStore(store),
        today: TODAY,
        since: addDays(TODAY, -30),
        top: 5,
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event.type);
          // Ctrl-C right after the first request was written.
          if (event.type === 'request-done') controller.abort();
        },
      });
      // Yahoo plans three symbols (^RUT, ^GSPC, IWM), one request each, one after another.
      expect(server.requests.map((r) => r.path), 'no request is sent after the abort').toEqual(['/v8/finance/chart/%5ERUT']);
      expect(events, 'no request starts after the abort').toEqual(['round', 'request-start', 'request-done']);
      expect({ interrupted: summary.interrupted, ok: summary.ok, notRun: summary.notRun }, 'the run says it was interrupted, with two requests left').toEqual({ interrupted: true, ok: false, notRun: 2 });
      const yahoo = summary.sources[0]!;
      expect({ requests: yahoo.requests, succeeded: yahoo.succeeded, failed: yahoo.failed, skipped: yahoo.skipped }, 'the cut-short run is no failure').toEqual({ requests: 1, succeeded: 1, failed: 0, skipped: 0 });
      expect(yahoo.rows, 'the rows it reports are the rows stored').toBe((await store.readEquityBars('^RUT')).length);
      expect(await store.listEquitySymbols(), 'only the finished request’s data is stored').toEqual(['^RUT']);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
