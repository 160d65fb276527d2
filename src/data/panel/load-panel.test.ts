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

  it('divides prices quoted in an old unit by the redenomination ratio (VEN → VET, 1 : 100), leaving caps alone', async () => {
    const store = await sampleStore();
    const panel = await loadPanel(store);
    const vechain = panel.assets.find((a) => a.id === 'vechain')!;
    // 4 USD per VEN = 0.04 USD per VET; unadjusted, VEN 4 → VET 0.02 would read as a −99.5 % return.
    expect(vechain.price[0], 'the 2018 VEN price in VET units').toBeCloseTo(0.04, 12);
    expect(vechain.price.at(-1), 'VET prices are unchanged').toBe(0.02);
    expect(vechain.marketCap[0], 'the cap is in USD, so unchanged').toBe(2e9);
    await store.close();
  });

  it('treats a cap or price of 0 as missing, so it neither hides another source nor divides by zero', async () => {
    const store = SqliteStore.open(':memory:');
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [{ id: 'dead', symbol: 'DEAD', name: 'Dead' }],
      observations: [
        // A CMC row that reports cap 0 (unknown supply) outranks CoinGecko, which has the real cap.
        obs({ assetId: 'dead', day: d('2021-01-01'), source: 'cmc_kaggle2021_23coins', price: 0, marketCap: 0 }),
        obs({ assetId: 'dead', day: d('2021-01-01'), source: 'coingecko_nktcodes_48', price: 1.5, marketCap: 5e8 }),
        obs({ assetId: 'dead', day: d('2021-01-02'), source: 'cmc_kaggle2021_23coins', price: 0, marketCap: 0 }),
      ],
    });
    const asset = (await loadPanel(store)).assets[0]!;
    expect(asset.marketCap[0], 'the cap of 0 does not hide CoinGecko\'s').toBe(5e8);
    expect(asset.price[0], 'nor does the price of 0').toBe(1.5);
    expect(Number.isNaN(asset.price[1]!), 'a lone price of 0 is missing, not a value to divide by').toBe(true);
    expect(Number.isNaN(asset.marketCap[1]!), 'a lone cap of 0 is missing').toBe(true);
    await store.close();
  });
});
