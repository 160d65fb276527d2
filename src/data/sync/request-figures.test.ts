import { expect, it } from 'vitest';
import { addDays, parseDay } from '../../domain/dates.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { syncForTest, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { readmeFigures, requestFigures } from './request-figures.ts';

const PROVIDER_OF_PATH: [RegExp, string][] = [
  [/^\/(coins|global)/, 'coingecko'],
  [/^\/timeseries/, 'coinmetrics'],
  [/^\/v8\//, 'yahoo'],
  [/^\/(fapi|futures)\//, 'binance'],
  [/^\/stablecoincharts/, 'defillama'],
  [/^\/graph\//, 'fred'],
  [/^\/public\//, 'deribit'],
  [/^\/fng\//, 'alternative-me'],
  [/^\/api\/v5\//, 'okx'],
  [/^\/v5\//, 'bybit'],
  [/^\/(v2\/historicalChainTvl|overview)/, 'defillama-api'],
];

function countByProvider(paths: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const path of paths) {
    const provider = PROVIDER_OF_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? path;
    counts[provider] = (counts[provider] ?? 0) + 1;
  }
  return counts;
}

describeWithSharedData('request figures', () => {
  it('match the requests a real first and daily sync send', async () => {
    const today = parseDay('2023-08-16');
    const world = { today };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    try {
      const sources = await testSources(store, loopbackEnv(server));
      await syncForTest({ store, sources, today, sinceDays: 60, top: 5 });
      const first = countByProvider(server.requests.map((r) => r.path));
      const seen = server.requests.length;
      world.today = addDays(today, 1);
      await syncForTest({ store, sources, today: world.today, sinceDays: 61, top: 5 });
      const daily = countByProvider(server.requests.slice(seen).map((r) => r.path));

      // The world has 5 Coin Metrics assets and lists one of the excluded CoinGecko categories and one sector category.
      const figures = requestFigures({ top: 5, firstSyncDays: 60, coinmetricsAssets: 5, categoryMemberLists: 1, sectorCategoryLists: 1 });
      for (const figure of figures) {
        expect(first[figure.provider] ?? 0, `${figure.provider}: first-sync calls as the figures say`).toBe(figure.firstSyncCalls);
        expect(daily[figure.provider] ?? 0, `${figure.provider}: daily-sync calls as the figures say`).toBe(figure.dailySyncCalls);
      }
    } finally {
      await store.close();
      await server.close();
    }
  });
});

it('prices the README figures at the free rate limits', () => {
  const { keyless, demoKey } = readmeFigures();
  const coingecko = keyless.find((f) => f.provider === 'coingecko')!;
  expect(coingecko.firstSyncCalls, 'top 100: 1 universe page + 100 histories + /global + 5 category calls + 10 sector category pages').toBe(117);
  expect(coingecko.dailySyncCalls, 'daily: universe + 100 one-day histories + /global + the category list + 10 sector category pages').toBe(113);
  expect(Math.round(coingecko.dailySyncSeconds / 60), 'at ~5 calls/min keyless a daily sync takes ~22 min').toBe(22);
  expect(Math.round(demoKey.find((f) => f.provider === 'coingecko')!.dailySyncSeconds), 'with a demo key (30/min), ~2.8 min').toBe(166);
});
