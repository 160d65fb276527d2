import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_PRECEDENCE } from '../data/store/default-source-precedence.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { parseDay } from '../domain/dates.ts';
import { SourcesResultSchema } from './contracts/catalogue.ts';
import { listSources, setSourcePrecedence } from './list-sources.ts';

describe('source precedence', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await store.write({
      load: { source: 'my_export', origin: 'test' },
      assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
      observations: [{ assetId: 'bitcoin', day: parseDay('2024-01-01'), source: 'my_export', symbol: 'BTC', price: 1, marketCap: 1, volume: null, rank: null }],
    });
  });
  afterAll(() => store.close());

  it('lists every source with what it holds, in the result contract', async () => {
    const result = SourcesResultSchema.parse(await listSources(store));
    const mine = result.sources.find((s) => s.source === 'my_export');
    expect(mine, 'one observation of one asset on 2024-01-01').toMatchObject({ observations: 1, assets: 1, firstDate: '2024-01-01', lastDate: '2024-01-01' });
  });

  it('rejects an unknown name before touching the precedence, and lists the known ones', async () => {
    await expect(setSourcePrecedence(store, ['coingeko', 'my_export'], '--set'), 'a typo').rejects.toThrow(/--set: unknown source "coingeko"; known sources: .*coingecko.*my_export/);
    await expect(setSourcePrecedence(store, ['user', 'user'], '--set'), 'a duplicate').rejects.toThrow(/"user" is listed twice/);
    await expect(setSourcePrecedence(store, [], '--set'), 'nothing').rejects.toThrow(/expected a comma-separated list/);
    expect((await listSources(store)).sources.slice(0, DEFAULT_SOURCE_PRECEDENCE.length).map((r) => r.source), 'the precedence is unchanged').toEqual([...DEFAULT_SOURCE_PRECEDENCE]);
  });

  it('accepts stored and built-in sources, highest first', async () => {
    const result = await setSourcePrecedence(store, ['my_export', 'coingecko']);
    expect(result.sources.slice(0, 2).map((s) => s.source), 'the new order is in force').toEqual(['my_export', 'coingecko']);
  });
});
