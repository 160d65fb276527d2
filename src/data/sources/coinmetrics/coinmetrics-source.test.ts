import { describe, expect, it } from 'vitest';
import { parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { HttpClient } from '../http/http-client.ts';
import type { AssetIdentity, FetchedRecords } from '../market-data-source.ts';
import { sourceContract } from '../source-contract.ts';
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
