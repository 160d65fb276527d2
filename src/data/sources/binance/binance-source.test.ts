import { expect, it } from 'vitest';
import { parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { storeContent } from '../../../../test/loopback/store-digest.ts';
import { syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';

sourceContract('binance', { storedSources: ['bybit'] });

describeWithSharedData('Binance → Bybit funding fallback', () => {
  const TODAY = parseDay('2023-08-16');
  const fundingTimes = async (store: SqliteStore) =>
    (await storeContent(store)).seriesPoints.filter((p) => p.series === 'funding_rate_8h:BTCUSDT').map((p) => p.at).sort((a, b) => a - b);

  it('leaves no gap when a run stops part-way through Bybit’s newest-first funding pages', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const cleanServer = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    const clean = SqliteStore.open(':memory:');
    try {
      // 200 days of 8-hourly funding is three Bybit pages of 200; the third one is refused (not retried).
      server.fail('/fapi/v1/fundingRate', { kind: 'status', status: 451 });
      server.fail('/v5/market/funding/history', { kind: 'pass' }, 2).fail('/v5/market/funding/history', { kind: 'status', status: 400 });
      const first = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['binance']), today: TODAY, sinceDays: 200 });
      expect(first.ok, 'the run stopped part-way').toBe(false);

      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['binance']), today: TODAY, sinceDays: 200 });
      await syncForTest({ store: clean, sources: await testSources(clean, loopbackEnv(cleanServer), ['binance']), today: TODAY, sinceDays: 200 });
      const expected = await fundingTimes(clean);
      expect(expected.length, 'the clean run has more than two Bybit pages of settlements').toBeGreaterThan(400);
      expect(await fundingTimes(store), 'the resumed run holds every settlement a clean run holds').toEqual(expected);
    } finally {
      await store.close();
      await clean.close();
      await server.close();
      await cleanServer.close();
    }
  });
});
