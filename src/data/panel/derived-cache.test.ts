import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { derivedCachePath, readDerivedArrays, storeDerivedCache, writeDerivedArrays, type DerivedArrays } from './derived-cache.ts';
import type { PanelCacheKey } from './panel-cache.ts';

const KEY: PanelCacheKey = { store: '/data/store.db', loadId: 7, loadedAt: 1_700_000_000_000, precedence: ['a', 'b'], builder: 'test' };
const VALUE: DerivedArrays = { meta: { version: 1, ids: ['bitcoin', 'ether'] }, arrays: [Int32Array.from([0, 2, 5]), Int32Array.from([1, 0, -1, 7, 3]), new Int32Array(0)] };
const plain = (value: DerivedArrays | null) => value && { meta: value.meta, arrays: value.arrays.map((a) => [...a]) };

describe('derived arrays beside the panel cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-derived-'));
    dirs.push(dir);
    return dir;
  };

  it('reads back what it wrote, under its name and key only', () => {
    const path = join(tempDir(), 'store.db.panel-cache.rankings');
    expect(writeDerivedArrays(path, KEY, 'rankings', VALUE)).toBe(true);
    expect(plain(readDerivedArrays(path, KEY, 'rankings'))).toEqual(plain(VALUE));
    expect(readDerivedArrays(path, { ...KEY, loadId: 8 }, 'rankings'), 'another load').toBeNull();
    expect(readDerivedArrays(path, { ...KEY, precedence: ['b', 'a'] }, 'rankings'), 'another precedence').toBeNull();
    expect(readDerivedArrays(path, KEY, 'other'), 'another name').toBeNull();
    expect(readdirSync(join(path, '..')), 'no temporary file left').toEqual(['store.db.panel-cache.rankings']);
  });

  it('is a miss for a missing, truncated or altered file', () => {
    const path = join(tempDir(), 'x.rankings');
    expect(readDerivedArrays(path, KEY, 'rankings')).toBeNull();
    writeDerivedArrays(path, KEY, 'rankings', VALUE);
    const good = readFileSync(path);
    for (const at of [0, 9, 13, 20, good.length - 4]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x40;
      writeFileSync(path, bad);
      expect(readDerivedArrays(path, KEY, 'rankings'), `byte ${at} changed`).toBeNull();
    }
    writeFileSync(path, good.subarray(0, good.length - 8));
    expect(readDerivedArrays(path, KEY, 'rankings'), 'truncated').toBeNull();
  });

  it("a store's derived cache lives beside its panel cache and goes stale with its next load", async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, 'store.db'));
    const load = (price: number) =>
      store.write({ load: { source: 'test', origin: `p${price}` }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }], observations: [{ assetId: 'bitcoin', day: parseDay('2021-01-01'), source: 'test', symbol: 'BTC', price, marketCap: 1, volume: null, rank: null }] });
    await load(1);
    const derived = storeDerivedCache(store);
    expect(await derived.read('rankings')).toBeNull();
    expect(await derived.write('rankings', VALUE)).toBe(true);
    expect(readdirSync(dir)).toContain('store.db.panel-cache.rankings');
    expect(derivedCachePath(join(dir, 'store.db.panel-cache'), 'rankings')).toBe(join(dir, 'store.db.panel-cache.rankings'));
    expect(plain(await derived.read('rankings'))).toEqual(plain(VALUE));
    await load(2);
    expect(await derived.read('rankings'), 'a new load makes it stale').toBeNull();
    expect(await storeDerivedCache(store, { cache: false }).write('rankings', VALUE), 'the cache turned off keeps nothing').toBe(false);
    await store.close();
  });
});
