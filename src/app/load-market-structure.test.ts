import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { loadMarketStructure } from './load-market-structure.ts';

describe('loadMarketStructure', () => {
  it('reads the store and computes the labelled series; an empty store is a NoDataError naming it', async () => {
    const store = SqliteStore.open(':memory:');
    await expect(loadMarketStructure(store), 'nothing stored, nothing to show').rejects.toThrow(NoDataError);
    const row = (assetId: string, symbol: string, marketCap: number) => ({ assetId, day: parseDay('2024-01-01'), source: 's', symbol, price: 1, marketCap, volume: null, rank: null });
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [
        { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
        { id: 'wrapped-bitcoin', symbol: 'WBTC', name: 'Wrapped Bitcoin' },
      ],
      observations: [row('bitcoin', 'BTC', 900), row('wrapped-bitcoin', 'WBTC', 100)],
    });
    const { series, storedUniverse } = await loadMarketStructure(store);
    const total = series.find((s) => s.metric === 'total_usd' && s.universe === storedUniverse)!;
    expect([storedUniverse, total.series.values[0]], 'WBTC is left out by default, and the label says so').toEqual(['top 125 stored assets, ex wrapped/staked', 900]);
    const withWrapped = await loadMarketStructure(store, { includeWrapped: true });
    expect(withWrapped.series.find((s) => s.metric === 'total_usd' && s.universe === withWrapped.storedUniverse)!.series.values[0], 'includeWrapped counts it').toBe(1000);
    await store.close();
  });
});
