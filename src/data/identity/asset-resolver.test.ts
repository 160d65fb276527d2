import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { AssetResolver, type ResolveInput } from './asset-resolver.ts';

const row = (source: string, slug: string | null, symbol: string, name: string, date: string): ResolveInput => ({
  source,
  slug,
  symbol,
  name,
  day: parseDay(date),
});
const WEEKLY = 'cmc_weekly_snapshot_top100';

describe('AssetResolver', () => {
  it('keeps the three BTG coins of 2018 apart and gives a slugless BTG row the one with its name', () => {
    const resolver = new AssetResolver();
    const ids = [
      resolver.resolve(row('cmc_allcoins_2018h1', 'bitcoin-gold', 'BTG', 'Bitcoin Gold', '2018-02-01')),
      resolver.resolve(row('cmc_allcoins_2018h1', 'bitgem', 'BTG', 'Bitgem', '2018-02-01')),
      resolver.resolve(row('cmc_allcoins_2018h1', 'bitgold', 'BTG', 'bitGold', '2018-02-01')),
    ];
    expect(new Set(ids).size, 'one ticker, three coins: three ids').toBe(3);
    expect(resolver.resolve(row(WEEKLY, null, 'BTG', 'Bitcoin Gold', '2018-02-05')), 'ticker + name picks Bitcoin Gold').toBe('bitcoin-gold');
  });

  it('follows VeChain from VEN to VET under one id', () => {
    const resolver = new AssetResolver();
    const before = resolver.resolve(row('cmc_jessevent_top44_20180325', 'vechain', 'VEN', 'VeChain', '2018-03-01'));
    const after = resolver.resolve(row('coingecko_nktcodes_48', 'vechain', 'VET', 'VeChain', '2018-08-01'));
    const weekly = resolver.resolve(row(WEEKLY, null, 'VET', 'VeChain', '2021-01-04'));
    expect([before, after, weekly], 'a renamed ticker is still the same coin').toEqual(['vechain', 'vechain', 'vechain']);
  });

  it('splits weekly LUNA at 2022-05-28 into Terra Classic and Terra 2.0, and finds Classic again as LUNC', () => {
    const resolver = new AssetResolver();
    resolver.resolve(row('coingecko_nktcodes_48', 'terra-luna', 'LUNA', 'Terra (LUNA, now Terra Classic LUNC)', '2022-05-01'));
    const classic = resolver.resolve(row(WEEKLY, null, 'LUNA', 'Terra', '2022-05-09'));
    const terra2 = resolver.resolve(row(WEEKLY, null, 'LUNA', 'Terra', '2022-09-12'));
    const lunc = resolver.resolve(row(WEEKLY, null, 'LUNC', 'Terra Classic', '2022-09-12'));
    expect(classic, 'LUNA before the collapse is the CoinGecko terra-luna').toBe('terra-luna');
    expect(terra2, 'LUNA after 2022-05-28 is a new coin').toBe('terra-luna-2');
    expect(lunc, 'LUNC is Terra Classic under its new ticker').toBe('terra-luna');
  });

  it('treats the redenominated BTT (January 2022) as a new asset', () => {
    const resolver = new AssetResolver();
    const old = resolver.resolve(row(WEEKLY, null, 'BTT', 'BitTorrent', '2022-01-24'));
    const renewed = resolver.resolve(row(WEEKLY, null, 'BTT', 'BitTorrent (New)', '2022-01-31'));
    expect(old, 'old BTT keeps its id').toBe('bittorrent');
    expect(renewed, 'a 1:1000 redenomination would fake a -99.9% return if joined').toBe('bittorrent-new');
  });

  it('maps equivalent ids across CMC, CoinGecko and Kaggle to one asset', () => {
    const resolver = new AssetResolver();
    expect(resolver.resolve(row('cmc_kaggle2021_23coins', 'xrp', 'XRP', 'XRP', '2021-01-01'))).toBe('ripple');
    expect(resolver.resolve(row('coingecko_nktcodes_48', 'bnb', 'BNB', 'BNB', '2021-01-01'))).toBe('binance-coin');
    expect(resolver.resolve(row('cmc_kaggle2021_23coins', 'crypto.com-coin', 'CRO', 'Crypto.com Coin', '2021-01-01'))).toBe('crypto-com-chain');
    expect(resolver.resolve(row(WEEKLY, null, 'BNB', 'Binance Coin', '2021-01-04')), "'Binance Coin' and 'BNB' are one coin").toBe('binance-coin');
    // CMC's 2017 slug for Waltonchain was 'walton' (cs442 file, to 2017-10-30); 2018 files use 'waltonchain'.
    expect(resolver.resolve(row('cmc_cs442_top50_20171030', 'walton', 'WTC', 'Walton', '2017-10-30')), 'one coin across the CMC slug change').toBe('waltonchain');
  });

  it('follows a rename within a few weeks by ticker (Elrond → MultiversX) and a ticker change by name (MIOTA → IOTA)', () => {
    const resolver = new AssetResolver();
    const elrond = resolver.resolve(row(WEEKLY, null, 'EGLD', 'Elrond', '2022-11-07'));
    expect(resolver.resolve(row(WEEKLY, null, 'EGLD', 'MultiversX (Elrond)', '2022-11-14'))).toBe(elrond);
    const iota = resolver.resolve(row(WEEKLY, null, 'MIOTA', 'IOTA', '2023-10-02'));
    expect(resolver.resolve(row(WEEKLY, null, 'IOTA', 'IOTA', '2023-10-09'))).toBe(iota);
  });

  it('does not give two coins of one snapshot the same id', () => {
    const resolver = new AssetResolver();
    const first = resolver.resolve(row('user', null, 'ABC', 'Same Name', '2024-01-01'));
    const second = resolver.resolve(row('user', null, 'XYZ', 'Same Name', '2024-01-01'));
    expect(second, 'one snapshot lists each coin once, so a second row is another coin').not.toBe(first);
  });

  it('gives the same ids whichever source is imported first', () => {
    const slugRows = [
      row('cmc_allcoins_2018h1', 'bytecoin-bcn', 'BCN', 'Bytecoin', '2018-01-01'),
      row('coingecko_nktcodes_48', 'matic-network', 'MATIC', 'Polygon', '2021-03-01'),
      row('coingecko_nktcodes_48', 'terra-luna', 'LUNA', 'Terra (LUNA, now Terra Classic LUNC)', '2022-05-01'),
    ];
    const weeklyRows = [
      row('cmc_weekly_top10', null, 'BCN', 'Bytecoin', '2014-06-22'),
      row(WEEKLY, null, 'MATIC', 'Polygon', '2021-03-01'),
      row(WEEKLY, null, 'LUNA', 'Terra', '2022-05-02'),
      row(WEEKLY, null, 'LUNC', 'Terra Classic', '2022-09-12'),
    ];
    const slugFirst = new AssetResolver();
    const a = [...slugRows, ...weeklyRows].map((r) => `${r.source}/${r.symbol}→${slugFirst.resolve(r)}`).sort();
    const weeklyFirst = new AssetResolver();
    const b = [...weeklyRows, ...slugRows].map((r) => `${r.source}/${r.symbol}→${weeklyFirst.resolve(r)}`).sort();
    expect(b, 'identity must not depend on import order').toEqual(a);
  });

  it('lets a stored alias win over every rule, and round-trips its new assets and aliases through the store', async () => {
    const store = SqliteStore.open(':memory:');
    const resolver = await AssetResolver.fromStore(store);
    resolver.resolve(row('user', 'my-coin', 'MC', 'My Coin', '2024-01-01'));
    resolver.resolve(row(WEEKLY, null, 'LUNA', 'Terra', '2023-01-02'));
    const pending = resolver.pendingWrites();
    expect(pending.assets.map((a) => a.id).sort()).toEqual(['my-coin', 'terra-luna-2']);
    await store.write({ load: { source: 'test', origin: 'unit' }, ...pending });
    await store.write({
      load: { source: 'test', origin: 'unit' },
      aliases: [{ source: 'user', sourceKey: 'other-coin', assetId: 'my-coin', fromDay: null, toDay: null }],
    });
    const again = await AssetResolver.fromStore(store);
    expect(again.resolve(row('user', 'other-coin', 'OC', 'Other Coin', '2024-01-02')), 'the stored alias decides').toBe('my-coin');
    expect(again.resolve(row(WEEKLY, null, 'LUNA', 'Terra', '2023-01-09'))).toBe('terra-luna-2');
    expect(again.pendingWrites(), 'nothing new to write the second time: re-imports change nothing').toEqual({ assets: [], aliases: [] });
    await store.close();
  });
});
