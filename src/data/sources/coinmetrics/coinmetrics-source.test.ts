import { describe, expect, it } from 'vitest';
import { parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { storeDigest } from '../../../../test/loopback/store-digest.ts';
import { syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { HttpClient } from '../http/http-client.ts';
import type { AssetIdentity, FetchedRecords } from '../market-data-source.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import { CoinMetricsSource } from './coinmetrics-source.ts';

sourceContract('coinmetrics');

const identity: AssetIdentity = { resolve: (row) => row.slug ?? row.symbol, pendingWrites: () => ({ assets: [], aliases: [] }) };
const request = { source: 'coinmetrics', key: 'cm', kind: 'history' as const, description: 'btc,eth for 2024-01-01..2024-01-02', from: parseDay('2024-01-01'), to: parseDay('2024-01-02'), calls: 1, params: { assets: ['btc', 'eth'] } };

async function collect(iterable: AsyncIterable<FetchedRecords>): Promise<FetchedRecords[]> {
  const pages: FetchedRecords[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('Coin Metrics specifics', () => {
  it('follows next_page_url on the configured base URL and reads numbers from strings', async () => {
    const server = await new LoopbackServer()
      .route('/timeseries/asset-metrics', (url) =>
        url.searchParams.get('next_page_token') === 'p2'
          ? { body: { data: [{ asset: 'eth', time: '2024-01-01T00:00:00.000000000Z', PriceUSD: '2281.5', CapMrktCurUSD: '274000000000' }] } }
          : {
              body: {
                data: [
                  { asset: 'btc', time: '2024-01-01T00:00:00.000000000Z', PriceUSD: '44187.14', CapMrktCurUSD: '865000000000', AdrActCnt: '812345', TxCnt: '400001' },
                  { asset: 'btc', time: '2024-01-02T00:00:00.000000000Z', PriceUSD: '44950.5', CapMrktCurUSD: null },
                ],
                next_page_url: 'https://community-api.coinmetrics.io/v4/timeseries/asset-metrics?assets=btc,eth&next_page_token=p2',
              },
            },
      )
      .start();
    try {
      const source = new CoinMetricsSource(new HttpClient({ provider: 'coinmetrics', baseUrl: server.baseUrl }), [
        { id: 'btc', coingeckoId: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
        { id: 'eth', coingeckoId: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
      ]);
      const pages = await collect(source.fetch(request, { identity, today: parseDay('2024-01-03'), now: 0 as never }));
      expect(pages, 'each page is its own batch (its own transaction)').toHaveLength(2);
      expect(server.requests, 'the second page came from our base URL, not the link’s host').toHaveLength(2);
      expect(pages[0]?.observations?.map((o) => [o.assetId, o.price, o.marketCap]), 'string numbers become numbers, null stays null; the asset keys on its CoinGecko id').toEqual([
        ['bitcoin', 44187.14, 865_000_000_000],
        ['bitcoin', 44950.5, null],
      ]);
      expect(pages[0]?.seriesPoints?.map((p) => [p.series, p.value]), 'on-chain activity goes to named series').toEqual([
        ['active_addresses:BTC', 812345],
        ['transaction_count:BTC', 400001],
      ]);
    } finally {
      await server.close();
    }
  });

  it('stops, with an error, when next_page_url points at a page already read, instead of looping', async () => {
    let served = 0;
    const server = await new LoopbackServer()
      .route('/timeseries/asset-metrics', () =>
        // A broken proxy or API answers every page with the same link (bounded here so a looping client ends).
        ++served > 50
          ? { body: { data: [] } }
          : { body: { data: [{ asset: 'btc', time: '2024-01-01T00:00:00.000000000Z', PriceUSD: '1' }], next_page_url: 'https://community-api.coinmetrics.io/v4/timeseries/asset-metrics?assets=btc&next_page_token=same' } },
      )
      .start();
    try {
      const source = new CoinMetricsSource(new HttpClient({ provider: 'coinmetrics', baseUrl: server.baseUrl }));
      const outcome = await collect(source.fetch(request, { identity, today: parseDay('2024-01-03'), now: 0 as never })).catch((e: unknown) => e);
      expect(server.requests.length, 'the repeated link is followed once, not forever').toBe(2);
      expect(outcome, 'and the request fails, saying why').toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/next_page_url.*already read/);
    } finally {
      await server.close();
    }
  });

  it('fails a page with a number that is not a number, naming the field', async () => {
    const server = await new LoopbackServer()
      .route('/timeseries/asset-metrics', () => ({ body: { data: [{ asset: 'btc', time: '2024-01-01T00:00:00.000000000Z', PriceUSD: 'n/a' }] } }))
      .start();
    try {
      const source = new CoinMetricsSource(new HttpClient({ provider: 'coinmetrics', baseUrl: server.baseUrl }));
      await expect(collect(source.fetch(request, { identity, today: parseDay('2024-01-03'), now: 0 as never })), 'the field and value are quoted').rejects.toThrow(/data\[0\]\.PriceUSD is not a number: "n\/a"/);
    } finally {
      await server.close();
    }
  });
});

describeWithSharedData('Coin Metrics paging and resuming', () => {
  const TODAY = parseDay('2023-08-16');

  it('pages from the start of the range, so a run that stops after a page resumes with no gap', async () => {
    // The real API pages from the END unless paging_from=start: the first page would hold the
    // newest days, and a plan that resumes after the last stored day would never fill the older ones.
    const world = { today: TODAY, coinMetricsPageSize: 15 };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const cleanServer = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    const clean = SqliteStore.open(':memory:');
    try {
      // The first page arrives, then the provider refuses (a 400 is not retried): the run stops after one page.
      server.fail('/timeseries/asset-metrics', { kind: 'pass' }).fail('/timeseries/asset-metrics', { kind: 'status', status: 400 });
      const sources = await testSources(store, loopbackEnv(server), ['coinmetrics']);
      const first = await syncForTest({ store, sources, today: TODAY });
      expect(first.ok, 'the run stopped part-way').toBe(false);

      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['coinmetrics']), today: TODAY });
      await syncForTest({ store: clean, sources: await testSources(clean, loopbackEnv(cleanServer), ['coinmetrics']), today: TODAY });
      expect(await storeDigest(store), 'the resumed store holds what a clean run holds: no day skipped').toBe(await storeDigest(clean));
      expect(server.requestsTo('/timeseries/asset-metrics')[0]?.url.searchParams.get('paging_from'), 'pages are asked for from the start').toBe('start');
    } finally {
      await store.close();
      await clean.close();
      await server.close();
      await cleanServer.close();
    }
  });
});
