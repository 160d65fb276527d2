import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { NO_SOURCE, sourceName } from '../../domain/panel.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { loadPanel } from './load-panel.ts';

const d = (text: string) => parseDay(text);
const obs = (p: Partial<ObservationRecord> & Pick<ObservationRecord, 'assetId' | 'day' | 'source'>): ObservationRecord => ({
  symbol: 'X',
  price: null,
  marketCap: null,
  volume: null,
  rank: null,
  ...p,
});

async function sampleStore() {
  const store = SqliteStore.open(':memory:');
  await store.write({
    load: { source: 'test', origin: 'unit' },
    assets: [
      { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
      { id: 'vechain', symbol: 'VET', name: 'VeChain' },
    ],
    observations: [
      // Same day from two sources: CMC has the price but no cap, CoinGecko both.
      obs({ assetId: 'bitcoin', day: d('2021-01-01'), source: 'cmc_kaggle2021_23coins', symbol: 'BTC', price: 29000, marketCap: null }),
      obs({ assetId: 'bitcoin', day: d('2021-01-01'), source: 'coingecko_nktcodes_48', symbol: 'BTC', price: 29100, marketCap: 5.4e11 }),
      obs({ assetId: 'bitcoin', day: d('2021-01-03'), source: 'coingecko_nktcodes_48', symbol: 'BTC', price: 32000, marketCap: 6e11 }),
      obs({ assetId: 'vechain', day: d('2018-01-01'), source: 'cmc_allcoins_2018h1', symbol: 'VEN', price: 4, marketCap: 2e9 }),
      obs({ assetId: 'vechain', day: d('2021-01-04'), source: 'cmc_weekly_snapshot_top100', symbol: 'VET', price: 0.02, marketCap: 1.3e9 }),
    ],
    categoryRules: [
      { symbol: 'VEN', name: 'VeChain', category: 'layer1', excludeFromIndex: false, source: 'test' },
      { symbol: 'USDT', name: 'Tether', category: 'stablecoin', excludeFromIndex: true, source: 'test' },
    ],
  });
  return store;
}

describe('loadPanel', () => {
  it('takes each field from the highest-precedence source that has it, and records the source', async () => {
    const store = await sampleStore();
    const panel = await loadPanel(store);
    const bitcoin = panel.assets.find((a) => a.id === 'bitcoin')!;
    expect(bitcoin.firstDay, 'columns start at the first observed day').toBe(d('2021-01-01'));
    expect(bitcoin.price.length, 'and end at the last one (3 days)').toBe(3);
    expect(bitcoin.price[0], 'CMC closes outrank CoinGecko for the price').toBe(29000);
    expect(sourceName(panel, bitcoin.priceSource[0]!)).toBe('cmc_kaggle2021_23coins');
    expect(bitcoin.marketCap[0], 'CMC has no cap that day, so CoinGecko supplies it').toBe(5.4e11);
    expect(sourceName(panel, bitcoin.marketCapSource[0]!)).toBe('coingecko_nktcodes_48');
    expect(Number.isNaN(bitcoin.price[1]!), 'a day without data is NaN').toBe(true);
    expect(bitcoin.priceSource[1], 'and has no source').toBe(NO_SOURCE);
    await store.close();
  });

  it('matches category rules against every ticker an asset used', async () => {
    const store = await sampleStore();
    const panel = await loadPanel(store);
    const vechain = panel.assets.find((a) => a.id === 'vechain')!;
    expect(vechain.symbols, 'VEN in 2018, VET later').toEqual(['VEN', 'VET']);
    expect(vechain.categories, 'the VEN rule applies to VeChain').toEqual(['layer1']);
    expect(vechain.excludedFromIndex).toBe(false);
    await store.close();
  });

  it('loads only the asked day range', async () => {
    const store = await sampleStore();
    const panel = await loadPanel(store, { from: d('2020-06-01') });
    expect(panel.firstDay, 'nothing before the range').toBe(d('2021-01-01'));
    expect(panel.assets.find((a) => a.id === 'vechain')!.price.length, 'VeChain only has its 2021 day').toBe(1);
    await store.close();
  });
});
