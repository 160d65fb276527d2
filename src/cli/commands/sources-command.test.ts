import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_PRECEDENCE } from '../../data/store/default-source-precedence.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { parseDay } from '../../domain/dates.ts';
import { listSources, parseSourcePrecedence } from './sources-command.ts';

describe('altseason sources --set', () => {
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

  it('accepts stored and built-in sources, highest first', async () => {
    expect(await parseSourcePrecedence(store, ' my_export , coingecko ')).toEqual(['my_export', 'coingecko']);
  });

  it('rejects an unknown name before touching the precedence, and lists the known ones', async () => {
    await expect(parseSourcePrecedence(store, 'coingeko,my_export'), 'a typo').rejects.toThrow(/--set: unknown source "coingeko"; known sources: .*coingecko.*my_export/);
    await expect(parseSourcePrecedence(store, 'user,user'), 'a duplicate').rejects.toThrow(/"user" is listed twice/);
    await expect(parseSourcePrecedence(store, ' , '), 'nothing').rejects.toThrow(/expected a comma-separated list/);
    expect((await listSources(store)).slice(0, DEFAULT_SOURCE_PRECEDENCE.length).map((r) => r.source), 'the precedence is unchanged').toEqual([...DEFAULT_SOURCE_PRECEDENCE]);
  });
});
