import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { loadDailyCaps } from './load-daily-caps.ts';

const obs = (assetId: string, iso: string, marketCap: number | null): ObservationRecord => ({
  assetId,
  day: parseDay(iso),
  source: 'cmc_weekly_snapshot_top100',
  symbol: assetId.toUpperCase(),
  price: 1,
  marketCap,
  volume: null,
  rank: null,
});

describe('loadDailyCaps', () => {
  it('reads the observations from maxStaleDays before `from` to `to`, the precedence and the category rules, unchanged', async () => {
    const store = SqliteStore.open(':memory:');
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
      observations: [obs('bitcoin', '2021-01-01', 100), obs('bitcoin', '2021-01-04', 110), obs('bitcoin', '2021-01-11', 120), obs('bitcoin', '2021-01-20', 130)],
      categoryRules: [{ symbol: 'WBTC', name: 'Wrapped Bitcoin', category: 'wrapped', excludeFromIndex: true, source: 'test' }],
    });
    const loaded = await loadDailyCaps(store, { from: parseDay('2021-01-10'), to: parseDay('2021-01-12'), maxStaleDays: 6 });
    expect(
      loaded.observations.map((o) => [o.day, o.marketCap]),
      'a Monday snapshot six days before `from` is needed for the as-of cap on `from`; nothing after `to` is read',
    ).toEqual([
      [parseDay('2021-01-04'), 110],
      [parseDay('2021-01-11'), 120],
    ]);
    expect(loaded.categoryRules.map((r) => [r.symbol, r.category]), 'the rules come back as stored').toEqual([['WBTC', 'wrapped']]);
    expect(loaded.precedence, "the store's precedence").toEqual(await store.getSourcePrecedence());
    await store.close();
  });
});
