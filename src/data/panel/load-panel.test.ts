import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { NO_SOURCE, sourceName, type Panel } from '../../domain/panel.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { loadPanel, type LoadPanelOptions } from './load-panel.ts';

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

/** Every column and field of a panel as plain values, so two panels compare cell by cell. */
function columnsOf(panel: Panel) {
  return {
    sources: panel.sources,
    firstDay: panel.firstDay,
    lastDay: panel.lastDay,
    assets: panel.assets.map((a) => ({
      ...a,
      price: Array.from(a.price),
      marketCap: Array.from(a.marketCap),
      volume: Array.from(a.volume),
      priceSource: Array.from(a.priceSource),
      marketCapSource: Array.from(a.marketCapSource),
      volumeSource: Array.from(a.volumeSource),
    })),
  };
}

describe('loadPanel with the persisted panel cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-panel-cache-'));
    dirs.push(dir);
    return dir;
  };

  /** A file store with three sources over 2021-01-01..10, including rows that carry no usable value. */
  async function fileStore(dir: string) {
    const store = SqliteStore.open(join(dir, 'store.db'));
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [
        { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
        { id: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
        { id: 'late', symbol: 'LATE', name: 'Late coin' },
      ],
      observations: [
        obs({ assetId: 'bitcoin', day: d('2021-01-01'), source: 'cmc_kaggle2021_23coins', symbol: 'BTC', price: 29000, marketCap: 5.3e11 }),
        obs({ assetId: 'bitcoin', day: d('2021-01-02'), source: 'coingecko_nktcodes_48', symbol: 'BTC', price: 29500, marketCap: 5.4e11, volume: 1e9 }),
        obs({ assetId: 'bitcoin', day: d('2021-01-08'), source: 'cmc_weekly_snapshot_top100', symbol: 'BTC', price: 40000, marketCap: 7.4e11 }),
        // A row without any usable value still makes the asset's columns reach that day.
        obs({ assetId: 'bitcoin', day: d('2021-01-10'), source: 'cmc_kaggle2021_23coins', symbol: 'BTC', price: 0, marketCap: null }),
        obs({ assetId: 'ethereum', day: d('2021-01-01'), source: 'cmc_weekly_snapshot_top100', symbol: 'ETH', price: 730, marketCap: 8.3e10 }),
        obs({ assetId: 'ethereum', day: d('2021-01-03'), source: 'coingecko_nktcodes_48', symbol: 'ETH', price: null, marketCap: null }),
        obs({ assetId: 'ethereum', day: d('2021-01-05'), source: 'coingecko_nktcodes_48', symbol: 'ETH', price: 1100, marketCap: 1.2e11 }),
        obs({ assetId: 'late', day: d('2021-01-09'), source: 'coingecko_nktcodes_48', symbol: 'LATE', price: 2, marketCap: 2e6 }),
      ],
      categoryRules: [{ symbol: 'ETH', name: 'Ethereum', category: 'layer1', excludeFromIndex: false, source: 'test' }],
    });
    return store;
  }

  const RANGES: LoadPanelOptions[] = [
    {},
    { from: d('2021-01-02') },
    { to: d('2021-01-02') },
    { from: d('2021-01-03'), to: d('2021-01-04') },
    { from: d('2021-01-09'), to: d('2021-01-10') },
    { from: d('2021-01-06'), to: d('2021-01-07') },
    // No CMC daily row in range: the source list loses its first entry and the cells are renumbered.
    { from: d('2021-01-05'), to: d('2021-01-09') },
    { from: d('2020-06-01'), to: d('2020-06-30') },
    { from: d('2020-06-01'), to: d('2022-06-30') },
    { from: d('2021-01-02'), to: d('2022-06-30') },
  ];

  it('serves every range from the cache with exactly the panel a fresh load builds', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    await loadPanel(store);
    expect(existsSync(join(dir, 'store.db.panel-cache')), 'the first load writes <db>.panel-cache').toBe(true);
    const read = vi.spyOn(store, 'readObservations');
    for (const range of RANGES) {
      const cached = await loadPanel(store, range);
      expect(read, `a cache hit reads no observations (range ${JSON.stringify(range)})`).not.toHaveBeenCalled();
      const fresh = await loadPanel(store, { ...range, cache: false });
      read.mockClear();
      expect(columnsOf(cached), `the cached panel for ${JSON.stringify(range)} equals a fresh load: spans, sources and their indices, every cell`).toEqual(columnsOf(fresh));
    }
    await store.close();
  });

  it('a cache written on a ranged miss serves the full panel too', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    const first = await loadPanel(store, { from: d('2021-01-05') });
    expect(columnsOf(first), 'the ranged answer of a miss equals a fresh ranged load').toEqual(columnsOf(await loadPanel(store, { from: d('2021-01-05'), cache: false })));
    expect(columnsOf(await loadPanel(store)), 'and the cache holds the full panel').toEqual(columnsOf(await loadPanel(store, { cache: false })));
    await store.close();
  });

  it('any new load invalidates the cache', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    await loadPanel(store);
    await store.write({
      load: { source: 'test', origin: 'second' },
      observations: [obs({ assetId: 'bitcoin', day: d('2021-01-02'), source: 'cmc_kaggle2021_23coins', symbol: 'BTC', price: 31000, marketCap: 5.8e11 })],
    });
    const after = await loadPanel(store);
    const bitcoin = after.assets.find((a) => a.id === 'bitcoin')!;
    expect(bitcoin.price[1], 'the price written by the new load, not the cached one').toBe(31000);
    expect(columnsOf(after)).toEqual(columnsOf(await loadPanel(store, { cache: false })));
    await store.close();
  });

  it('a changed source precedence (no load involved) builds a new panel', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    await loadPanel(store);
    await store.setSourcePrecedence(['cmc_weekly_snapshot_top100', 'coingecko_nktcodes_48', 'cmc_kaggle2021_23coins']);
    const after = await loadPanel(store);
    expect(after.sources[0], 'the weekly snapshots now rank first').toBe('cmc_weekly_snapshot_top100');
    expect(columnsOf(after)).toEqual(columnsOf(await loadPanel(store, { cache: false })));
    const overridden = await loadPanel(store, { sourcePrecedence: ['coingecko_nktcodes_48'] });
    expect(overridden.sources[0], 'an explicit precedence option is honoured too').toBe('coingecko_nktcodes_48');
    expect(columnsOf(overridden)).toEqual(columnsOf(await loadPanel(store, { sourcePrecedence: ['coingecko_nktcodes_48'], cache: false })));
    await store.close();
  });

  it('a store deleted and re-created at the same path with as many loads is not served the old panel', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = tempDir();
    const path = join(dir, 'store.db');
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const old = await fileStore(dir);
    await loadPanel(old);
    await old.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    vi.setSystemTime(new Date('2026-01-02T00:00:00Z'));
    const store = SqliteStore.open(path);
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [{ id: 'other', symbol: 'OTH', name: 'Other' }],
      observations: [obs({ assetId: 'other', day: d('2022-01-01'), source: 'coingecko', symbol: 'OTH', price: 1, marketCap: 1e6 })],
    });
    expect((await loadPanel(store)).assets.map((a) => a.id), 'load id 1 again, but another store: its own assets').toEqual(['other']);
    await store.close();
  });

  it('detects a corrupt or truncated cache file, ignores it and writes a good one', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    const path = join(dir, 'store.db.panel-cache');
    const fresh = columnsOf(await loadPanel(store, { cache: false }));
    await loadPanel(store);
    const good = readFileSync(path);
    const header = JSON.parse(good.toString('utf8', 16, 16 + good.readUInt32LE(8))) as { columns: [number, number][] };
    const flipped = Buffer.from(good);
    flipped[header.columns[0]![0] + 3]! ^= 0x40; // one bit of the price column, read with the header
    for (const [what, bytes] of [
      ['one flipped bit', flipped],
      ['truncated', good.subarray(0, good.length - 64)],
      ['empty', Buffer.alloc(0)],
      ['not a cache at all', Buffer.from('hello')],
    ] as const) {
      writeFileSync(path, bytes);
      expect(columnsOf(await loadPanel(store)), `a ${what} cache file is ignored: the panel is the store's`).toEqual(fresh);
      expect(readFileSync(path).equals(good), `and the ${what} file is replaced by a good one`).toBe(true);
    }
    // A column read when first used (volume here) is checked then: a clear error, and the next load rebuilds.
    const lateFlip = Buffer.from(good);
    lateFlip[header.columns[3]![0] + 3]! ^= 0x40;
    writeFileSync(path, lateFlip);
    const served = await loadPanel(store);
    expect(() => columnsOf(served), 'a bit flipped in the volume column: an error naming the file when volumes are used').toThrow(`the panel cache ${path} is corrupt (its volume column fails its checksum)`);
    expect(columnsOf(await loadPanel(store)), 'the next load is the store\'s panel').toEqual(fresh);
    expect(readFileSync(path).equals(good), 'written afresh').toBe(true);
    await store.close();
  });

  it('with more sources than the cache can mark (33), loads each range correctly, reading the store once, and writes no cache', async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, 'store.db'));
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
      observations: Array.from({ length: 33 }, (_, i) =>
        obs({ assetId: 'bitcoin', day: (d('2021-01-01') + i) as ReturnType<typeof d>, source: `source_${String(i).padStart(2, '0')}`, symbol: 'BTC', price: 100 + i, marketCap: 1e9 }),
      ),
    });
    const read = vi.spyOn(store, 'readObservations');
    const range = { from: d('2021-01-20'), to: d('2021-01-25') };
    const panel = await loadPanel(store, range);
    expect(read, 'one read of the store, not a full read and then a ranged one').toHaveBeenCalledTimes(1);
    expect(columnsOf(panel), 'the range as a fresh load builds it').toEqual(columnsOf(await loadPanel(store, { ...range, cache: false })));
    expect(panel.sources, 'only the six sources of those days').toHaveLength(6);
    expect(existsSync(join(dir, 'store.db.panel-cache')), 'no cache file').toBe(false);
    await store.close();
  });

  it('falls back to $XDG_CACHE_HOME/altseason/ when the store\'s directory takes no cache file', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    // A directory where the cache file would go: it cannot be read or replaced, as in a read-only directory.
    mkdirSync(join(dir, 'store.db.panel-cache'));
    vi.stubEnv('XDG_CACHE_HOME', join(dir, 'cache-home'));
    try {
      const fresh = columnsOf(await loadPanel(store, { cache: false }));
      expect(columnsOf(await loadPanel(store)), 'the panel is right').toEqual(fresh);
      expect(readdirSync(join(dir, 'cache-home', 'altseason')), 'and its cache went to the user cache directory').toEqual([expect.stringMatching(/\.panel-cache$/)]);
      const read = vi.spyOn(store, 'readObservations');
      expect(columnsOf(await loadPanel(store, { from: d('2021-01-02') })), 'which serves the next load').toEqual(columnsOf(await loadPanel(store, { from: d('2021-01-02'), cache: false })));
      expect(read, 'the cached load read no observations (only the cache: false one did)').toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllEnvs();
    }
    await store.close();
  });

  it('works without a cache where none can be written, and writes none with { cache: false } or ALTSEASON_PANEL_CACHE=0', async () => {
    const dir = tempDir();
    const store = await fileStore(dir);
    const fresh = columnsOf(await loadPanel(store, { cache: false }));
    expect(existsSync(join(dir, 'store.db.panel-cache')), 'cache: false writes no file').toBe(false);
    vi.stubEnv('ALTSEASON_PANEL_CACHE', '0');
    await loadPanel(store);
    vi.unstubAllEnvs();
    expect(existsSync(join(dir, 'store.db.panel-cache')), 'nor does ALTSEASON_PANEL_CACHE=0').toBe(false);
    writeFileSync(join(dir, 'not-a-dir'), '');
    // A path below a regular file cannot be created (ENOTDIR), as in a read-only directory.
    expect(columnsOf(await loadPanel(store, { cache: { path: join(dir, 'not-a-dir', 'panel-cache') } })), 'an unwritable cache is no error').toEqual(fresh);
    await store.close();
  });
});
