import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePanel } from '../../domain/make-panel.ts';
import { checksum, panelCachePathsFor, prefetchPanelCache, readPanelCache, takePrefetchedPanelCache, writePanelCache, type CachedPanel, type PanelCacheKey } from './panel-cache.ts';

const KEY: PanelCacheKey = { store: '/data/store.db', loadId: 7, loadedAt: 1_700_000_000_000, precedence: ['a', 'b'], builder: 'test' };

function samplePanel(): CachedPanel {
  const panel = makePanel(
    [
      { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin', firstDay: '2021-01-01', price: [1, null, 3], marketCap: [10, 20, null], volume: [5], source: 'b' },
      { id: 'ether', symbol: 'ETH', symbols: ['ETH'], categories: ['layer1'], firstDay: '2020-12-30', price: [0.5, 0.25], source: 'a' },
      { id: 'tether', symbol: 'USDT', categories: ['stablecoin'], excludedFromIndex: true, firstDay: '2021-01-02', price: [1] },
    ],
    ['a', 'b'],
  );
  const observed = panel.assets.map((a) => Uint32Array.from(a.price, (_, i) => (i === 1 ? 0b10 : 0b01)));
  return { panel, observed, observedSources: observed.map((mask) => mask.reduce((all, m) => all | m, 0)) };
}

/** The byte offset of a column in a written cache file (from its header). */
function columnOffset(file: Buffer, column: string): number {
  const header = JSON.parse(file.toString('utf8', 16, 16 + file.readUInt32LE(8))) as { columns: [number, number][] };
  const order = ['price', 'marketCap', 'priceSource', 'volume', 'observed', 'marketCapSource', 'volumeSource'];
  return header.columns[order.indexOf(column)]![0];
}

const plain = ({ panel, observed, observedSources }: CachedPanel) => ({
  ...panel,
  assets: panel.assets.map((a) => ({ ...a, price: [...a.price], marketCap: [...a.marketCap], volume: [...a.volume], priceSource: [...a.priceSource], marketCapSource: [...a.marketCapSource], volumeSource: [...a.volumeSource] })),
  observed: observed.map((m) => [...m]),
  observedSources: [...observedSources],
});

describe('panel cache file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-panel-file-'));
    dirs.push(dir);
    return dir;
  };

  it('reads back exactly what it wrote: metadata, every column, NaN cells and the observed masks', () => {
    const path = join(tempDir(), 'p.panel-cache');
    const cached = samplePanel();
    expect(writePanelCache(path, KEY, cached), 'the write succeeds').toBe(true);
    const back = readPanelCache(path, KEY);
    expect(back, 'a cache for the same key is a hit').not.toBeNull();
    expect(plain(back!), 'and holds the same panel').toEqual(plain(cached));
  });

  it('is a miss for any other key (another load, precedence, store or builder)', () => {
    const path = join(tempDir(), 'p.panel-cache');
    writePanelCache(path, KEY, samplePanel());
    for (const other of [{ loadId: 8 }, { loadedAt: 1 }, { precedence: ['b', 'a'] }, { store: '/data/other.db' }, { builder: 'next' }]) {
      expect(readPanelCache(path, { ...KEY, ...other }), `a cache written for another ${Object.keys(other)[0]} is not used`).toBeNull();
    }
  });

  it('is a miss for a file that is missing, truncated, or has a byte changed in its header or in a column read with it', () => {
    const dir = tempDir();
    const path = join(dir, 'p.panel-cache');
    expect(readPanelCache(path, KEY), 'no file: a miss, not an error').toBeNull();
    writePanelCache(path, KEY, samplePanel());
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, good.length - 8));
    expect(readPanelCache(path, KEY), 'a truncated file').toBeNull();
    for (const [what, at] of [
      ['the header', 20],
      ['the price column', columnOffset(good, 'price')],
      ['the market-cap column', columnOffset(good, 'marketCap') + 9],
      ['the price-source column', columnOffset(good, 'priceSource') + 1],
    ] as const) {
      const bad = Buffer.from(good);
      bad[at]! ^= 1;
      writeFileSync(path, bad);
      expect(readPanelCache(path, KEY), `one bit changed in ${what} (byte ${at} of ${good.length})`).toBeNull();
    }
  });

  it('reads volume, the other source columns and the observed masks when first used, checking each; a corrupt one is a clear error and the file is removed', () => {
    const dir = tempDir();
    const path = join(dir, 'p.panel-cache');
    const cached = samplePanel();
    writePanelCache(path, KEY, cached);
    const good = readFileSync(path);
    for (const [column, use] of [
      ['volume', (c: CachedPanel) => c.panel.assets[0]!.volume],
      ['marketCapSource', (c: CachedPanel) => c.panel.assets[1]!.marketCapSource],
      ['volumeSource', (c: CachedPanel) => c.panel.assets[2]!.volumeSource],
      ['observed', (c: CachedPanel) => c.observed],
    ] as const) {
      const bad = Buffer.from(good);
      bad[columnOffset(good, column)]! ^= 1;
      writeFileSync(path, bad);
      const back = readPanelCache(path, KEY);
      expect(back, `a bit changed in ${column}: not read yet, so the panel is served`).not.toBeNull();
      expect(Array.from(back!.panel.assets[0]!.price), 'its prices are right').toEqual(Array.from(cached.panel.assets[0]!.price));
      expect(() => use(back!), `using ${column} reads it and finds it corrupt`).toThrow(`panel cache ${path} is corrupt (its ${column} column fails its checksum); it was removed: run the command again`);
      expect(existsSync(path), 'and the corrupt file is gone, so the next command rebuilds it').toBe(false);
    }
  });

  it('gives every asset the same getters (one shape, fast properties: per-object getters would put each asset in dictionary mode)', () => {
    const path = join(tempDir(), 'p.panel-cache');
    writePanelCache(path, KEY, samplePanel());
    const [first, second] = readPanelCache(path, KEY)!.panel.assets;
    for (const column of ['volume', 'marketCapSource', 'volumeSource']) {
      const a = Object.getOwnPropertyDescriptor(first, column);
      expect(a?.get, `${column} is an own accessor`).toBeTypeOf('function');
      expect(a?.enumerable, `${column} is enumerable, so a spread copies it`).toBe(true);
      expect(Object.getOwnPropertyDescriptor(second, column)?.get, `${column}: the same getter on every asset`).toBe(a?.get);
    }
    expect(Object.keys({ ...first }).sort(), 'a copy holds every column and nothing hidden').toEqual(['categories', 'excludedFromIndex', 'firstDay', 'id', 'marketCap', 'marketCapSource', 'name', 'price', 'priceSource', 'symbol', 'symbols', 'volume', 'volumeSource']);
  });

  it('reads the same panel from what a prefetch read ahead; a prefetch of a file replaced since (a newer load) is not used, the file is read again', async () => {
    const dir = tempDir();
    const path = join(dir, 'p.panel-cache');
    const cached = samplePanel();
    writePanelCache(path, KEY, cached);
    expect(await takePrefetchedPanelCache(path), 'nothing was prefetched').toBeNull();
    prefetchPanelCache(path);
    const ahead = await takePrefetchedPanelCache(path);
    expect(ahead?.eager, 'the prefetch read the header and the first columns').toBeInstanceOf(ArrayBuffer);
    expect(plain(readPanelCache(path, KEY, ahead)!), 'the panel from the bytes read ahead').toEqual(plain(cached));
    expect(await takePrefetchedPanelCache(path), 'a prefetch is taken once').toBeNull();

    prefetchPanelCache(path);
    const stale = await takePrefetchedPanelCache(path);
    const newer = samplePanel();
    newer.panel.assets[0]!.price[0] = 42;
    writePanelCache(path, { ...KEY, loadId: 8 }, newer);
    expect(readPanelCache(path, { ...KEY, loadId: 8 }, stale)!.panel.assets[0]!.price[0], 'read ahead of the old file: the new one is read instead').toBe(42);

    prefetchPanelCache(join(dir, 'missing.panel-cache'));
    expect(await takePrefetchedPanelCache(join(dir, 'missing.panel-cache')), 'a missing file: nothing read ahead').toBeNull();
  });

  it('a panel read before a newer cache was renamed over the file reads its other columns from its own file', () => {
    const dir = tempDir();
    const path = join(dir, 'p.panel-cache');
    const cached = samplePanel();
    writePanelCache(path, KEY, cached);
    const back = readPanelCache(path, KEY)!;
    const other = samplePanel();
    other.panel.assets[0]!.volume.fill(99);
    writePanelCache(path, { ...KEY, loadId: 8 }, other);
    expect(Array.from(back.panel.assets[0]!.volume), 'the volumes of the state it was read in, not the newer file\'s').toEqual(Array.from(cached.panel.assets[0]!.volume));
    expect(readPanelCache(path, { ...KEY, loadId: 8 })!.panel.assets[0]!.volume[0], 'while a new read gets the new file').toBe(99);
  });

  it('leaves no temporary file behind, whether the write succeeds or fails', () => {
    const dir = tempDir();
    writePanelCache(join(dir, 'p.panel-cache'), KEY, samplePanel());
    writeFileSync(join(dir, 'file'), '');
    expect(writePanelCache(join(dir, 'file', 'sub', 'p.panel-cache'), KEY, samplePanel()), 'a path below a regular file cannot be written').toBe(false);
    expect(readdirSync(dir).sort(), 'only the cache and the blocking file').toEqual(['file', 'p.panel-cache']);
  });

  it('lives beside a file store (else under XDG_CACHE_HOME), under XDG_CACHE_HOME for a networked one, nowhere for an in-memory one', () => {
    const [beside, fallback, ...more] = panelCachePathsFor('rel/store.db', { XDG_CACHE_HOME: '/cache' });
    expect(beside, 'beside the file, absolute').toBe(`${resolve('rel/store.db')}.panel-cache`);
    expect(fallback, 'then the user cache directory').toMatch(/^\/cache\/altseason\/[0-9a-f]{16}\.panel-cache$/);
    expect(more).toEqual([]);
    expect(panelCachePathsFor('other/store.db', { XDG_CACHE_HOME: '/cache' })[1], 'another store, another name').not.toBe(fallback);
    expect(panelCachePathsFor(':memory:'), 'an in-memory store has nothing to cache against').toEqual([]);
    const networked = panelCachePathsFor('postgres://db.example/altseason', { XDG_CACHE_HOME: '/cache' });
    expect(networked, 'a URL store caches under $XDG_CACHE_HOME/altseason/ only').toEqual([expect.stringMatching(/^\/cache\/altseason\/[0-9a-f]{16}\.panel-cache$/)]);
    const withPassword = panelCachePathsFor('postgres://alice:s3cret@db.example/altseason', { XDG_CACHE_HOME: '/cache' });
    expect(withPassword, 'named by the URL without its password').toEqual(panelCachePathsFor('postgres://alice@db.example/altseason', { XDG_CACHE_HOME: '/cache' }));
    expect(withPassword, 'another user, another cache').not.toEqual(networked);
  });

  it('checksum depends on every word and its position', () => {
    const words = Uint32Array.from([1, 2, 3, 4, 5]);
    const base = checksum(words);
    expect(checksum(Uint32Array.from([2, 1, 3, 4, 5])), 'swapped words').not.toBe(base);
    expect(checksum(Uint32Array.from([1, 2, 3, 4, 5, 0])), 'an extra zero word').not.toBe(base);
    expect(checksum(Uint32Array.from([1, 2, 3, 4, 4])), 'the last word').not.toBe(base);
  });
});
