import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay, today } from '../../domain/dates.ts';
import { InvalidInputError, InvalidRowError } from '../../domain/errors.ts';
import { SERIES } from '../../domain/series-names.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { importFiles } from './import-files.ts';

let dir: string;
let store: Store;
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const CRYPTO_HEADER = 'date,symbol,name,slug,price_usd,market_cap_usd,volume_usd,rank,source';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'altseason-import-'));
  store = SqliteStore.open(':memory:');
});
afterEach(async () => store.close());

describe('importFiles: formats', () => {
  it('imports the long crypto format (gzipped) keyed by (source, slug)', async () => {
    const path = file(
      'crypto.csv.gz',
      gzipSync(
        [
          CRYPTO_HEADER,
          '2018-01-01,BTG,Bitcoin Gold,bitcoin-gold,270.1,4500000000,100,,cmc_allcoins_2018h1',
          '2018-01-01,BTG,Bitgem,bitgem,1.2,,5,,cmc_allcoins_2018h1',
          '2021-01-04,XRP,XRP,,0.23,10000000000,2000000,4,cmc_weekly_snapshot_top100',
          '2021-01-04,XRP,XRP,xrp,0.22,10100000000,2100000,,cmc_kaggle2021_23coins',
        ].join('\n'),
      ),
    );
    const [result] = await importFiles(store, [path]);
    expect(result).toMatchObject({ format: 'crypto-long', rows: 4, skipped: false });
    const observations = await store.readObservations();
    expect(observations.map((o) => `${o.assetId}/${o.source}`), 'the two BTGs stay apart; Kaggle xrp and weekly XRP are ripple').toEqual([
      'bitcoin-gold/cmc_allcoins_2018h1',
      'bitgem/cmc_allcoins_2018h1',
      'ripple/cmc_kaggle2021_23coins',
      'ripple/cmc_weekly_snapshot_top100',
    ]);
    expect(observations.find((o) => o.assetId === 'bitgem')?.marketCap, 'an empty market cap is missing, not 0').toBeNull();
    expect(observations.find((o) => o.source === 'cmc_weekly_snapshot_top100')?.rank).toBe(4);
  });

  it('imports equity OHLCV with the symbol from the file name, the _adj variant, and --symbol', async () => {
    const rut = file('rut_daily.csv', 'date,open,high,low,close,volume\n2021-11-08,2430,2445,2425,2442.74,100\n');
    const iwm = file('iwm_daily_adjusted.csv', 'date,open_adj,high_adj,low_adj,close_adj,volume\n2000-05-26,32.79,32.93,32.64,32.93,74800\n');
    const other = file('prices.csv', 'date,close\n2024-01-02,100.5\n');
    await importFiles(store, [rut, iwm]);
    await importFiles(store, [other], { symbol: 'QQQ' });
    expect(await store.listEquitySymbols()).toEqual(['IWM', 'QQQ', '^RUT']);
    expect((await store.readEquityBars('^RUT'))[0]?.close, 'record close of 2021-11-08').toBe(2442.74);
    expect((await store.readEquityBars('IWM'))[0]).toMatchObject({ close: 32.93, source: 'yahoo_csv_adjusted' });
    expect((await store.readEquityBars('QQQ'))[0]).toMatchObject({ open: null, close: 100.5, source: 'user' });
  });

  it('imports category rules, the weekly top-10 (caps only) and the series files', async () => {
    const paths = [
      file('coin_categories.csv', 'symbol,name,category,exclude_from_asi\nUSDT,Tether,stablecoin,1\nETH,Ethereum,layer1,0\n'),
      file('cmc_weekly_top10.csv', 'date,rank,symbol,name,market_cap_usd\n2013-04-28,1,BTC,Bitcoin,1488566971.96\n'),
      file('dominance.csv', 'date,btc_dominance_pct\n2021-01-03,70.3\n'),
      file('total.csv', 'date,total_market_cap_usd,btc_market_cap_usd,btc_dominance_pct_derived,total_ex_btc_usd_derived\n2013-04-28,1596170359,,,\n2017-06-18,100,38.9,38.9,61.1\n'),
      file('funding.csv', 'funding_time_utc,binance_btcusdt_rate,binance_mark_price,bybit_btcusdt_rate,okx_btc_usdt_swap_rate\n2021-02-18T08:00Z,0.00137,,0.001,\n'),
      file('derivatives.csv', 'date,btc_open_interest_usd_all_exchanges,btc_funding_rate_all_exchanges\n2021-02-18,1000000,0.146\n'),
      file('fng.csv', 'date,fng_value\n2018-02-01,30\n'),
    ];
    const results = await importFiles(store, paths);
    expect(results.map((r) => r.format)).toEqual([
      'coin-categories',
      'cmc-weekly-top10',
      'btc-dominance',
      'total-market-cap-weekly',
      'btc-funding-8h',
      'btc-derivatives-aggregate',
      'fear-greed',
    ]);
    expect((await store.listCategoryRules()).find((r) => r.symbol === 'USDT')?.excludeFromIndex, 'stablecoins are excluded from the ASI').toBe(true);
    const [top10] = await store.readObservations();
    expect(top10, 'the top-10 file has caps but no prices').toMatchObject({ assetId: 'bitcoin', price: null, marketCap: 1488566971.96, rank: 1, source: 'cmc_weekly_top10' });
    expect((await store.readSeries(SERIES.btcDominancePct)).map((p) => p.source)).toEqual(['cmc_total_weekly_derived', 'heun630_onchain']);
    const funding = await store.readSeries('funding_rate_8h:BTCUSDT');
    expect(funding.map((p) => `${p.source}=${p.value}`), 'one series, one source per exchange; empty cells are no data').toEqual(['binance=0.00137', 'bybit=0.001']);
    expect(funding[0]?.at, '8h funding keeps its time of day').toBe(Date.UTC(2021, 1, 18, 8));
    expect((await store.readSeries(SERIES.fundingRatePctAllExchanges))[0]?.value, 'aggregate funding stays in percent').toBe(0.146);
    expect(await store.readSeries('open_interest_usd:BTC')).toHaveLength(1);
    expect((await store.readSeries(SERIES.fearGreed))[0]?.value).toBe(30);
  });

  it('imports the generic spreadsheet format under source "user", with or without an id column', async () => {
    const path = file('my-prices.csv', 'Date,Symbol,Price_USD,Name,ID\n2024-01-01,FOO,1.5,Foo Coin,foo-coin\n2024-01-01,BAR,2,,\n');
    const [result] = await importFiles(store, [path]);
    expect(result?.format, 'header case does not matter').toBe('generic-prices');
    const observations = await store.readObservations();
    expect(observations.map((o) => `${o.assetId}/${o.source}/${o.price}`)).toEqual(['bar/user/2', 'foo-coin/user/1.5']);
  });
});

describe('importFiles: bad input', () => {
  const cases: [string, string, string][] = [
    ['price', `${CRYPTO_HEADER}\n2018-01-01,BTC,Bitcoin,bitcoin,100,,,,s\n2018-01-02,BTC,Bitcoin,bitcoin,abc,,,,s\n`, ':3: column price_usd: value "abc" is not a positive number'],
    ['date', `${CRYPTO_HEADER}\n2018-02-30,BTC,Bitcoin,bitcoin,100,,,,s\n`, ':2: column date: value "2018-02-30" is not a date (YYYY-MM-DD)'],
    ['width', 'date,close\n2024-01-01,1\n2024-01-02\n', ':3: expected 2 fields (date,close), got 1'],
    ['negative', 'date,fng_value\n2018-02-01,130\n', ':2: column fng_value: value "130" is not between 0 and 100'],
    ['duplicate', `${CRYPTO_HEADER}\n2018-01-01,BTC,Bitcoin,bitcoin,100,,,,s\n2018-01-01,BTC,Bitcoin,bitcoin,101,,,,s\n`, ':3: duplicate of line 2'],
    ['lastline', 'date,close\n2024-01-02,1\n2024-01-03,abc', ':3: column close: value "abc" is not a positive number'],
    // A row from the future became "today" everywhere (status reported 2205-07-28).
    ['future', 'date,fng_value\n2018-02-02,30\n2205-07-28,40\n', `:3: column date: value "2205-07-28" is not a date up to tomorrow (${isoDateOf(addDays(today(), 1))}, UTC)`],
    ['pregenesis', `${CRYPTO_HEADER}\n2008-12-31,BTC,Bitcoin,bitcoin,100,,,,s\n`, ':2: column date: value "2008-12-31" is not a date from 2009-01-03 on (the Bitcoin genesis block'],
    ['old', 'date,close\n1899-12-29,1\n', ':2: column date: value "1899-12-29" is not a date from 1900-01-01 on (the floor for equity and macro series)'],
    ['funfuture', 'funding_time_utc,binance_btcusdt_rate\n2205-07-28T08:00Z,0.001\n', ':2: column funding_time_utc: value "2205-07-28T08:00Z" is not a date up to tomorrow'],
    // Duplicate keys: the last row silently won.
    ['eqdup', 'date,close\n2024-01-02,1\n2024-01-03,2\n2024-01-02,1.5\n', ':4: duplicate of line 2: both are BAD-EQDUP on 2024-01-02 with different values'],
    ['fngdup', 'date,fng_value\n2018-02-02,30\n2018-02-02,30\n', ':3: duplicate of line 2: both are the day 2018-02-02 (an exact copy: delete one of the two lines)'],
    ['domdup', 'date,btc_dominance_pct\n2021-01-03,70.3\n2021-01-03,70.1\n', ':3: duplicate of line 2: both are the day 2021-01-03 with different values'],
    ['fundup', 'funding_time_utc,binance_btcusdt_rate\n2021-02-18T08:00Z,0.001\n2021-02-18T08:00Z,0.002\n', ':3: duplicate of line 2: both are the funding time 2021-02-18T08:00Z'],
    ['catdup', 'symbol,name,category,exclude_from_asi\nUSDT,Tether,stablecoin,1\nUSDT,Tether USD,stablecoin,0\n', ':3: duplicate of line 2: both are "USDT" in category "stablecoin"'],
    ['twice', 'date,close,close\n2024-01-02,1,2\n', ':1: the header names column "close" twice (columns 2 and 3)'],
    // Absurd values: a cap of 1e308 made BTC dominance 0.0 %.
    ['cap', `${CRYPTO_HEADER}\n2018-01-01,BTC,Bitcoin,bitcoin,100,1e308,,,s\n`, ':2: column market_cap_usd: value "1e308" is not a plausible value: at most 1e14 USD in size (the import limit for market_cap_usd)'],
    ['price', `${CRYPTO_HEADER}\n2018-01-01,BTC,Bitcoin,bitcoin,1e-30,,,,s\n`, ':2: column price_usd: value "1e-30" is not a plausible value: between 1e-18 and 1e8 USD'],
    ['volume', 'date,close,volume\n2024-01-02,1,1e20\n', ':2: column volume: value "1e20" is not a plausible value: at most 1e14'],
    ['funding', 'funding_time_utc,binance_btcusdt_rate\n2021-02-18T08:00Z,3\n', ':2: column binance_btcusdt_rate: value "3" is not a plausible value: at most 1 (fraction per 8h) in size'],
    ['name', `${CRYPTO_HEADER}\n2018-01-01,BTC,${'N'.repeat(5000)},bitcoin,100,,,,s\n`, `:2: column name: value "${'N'.repeat(80)}"… (5,000 characters) is not a text of at most 200 characters`],
  ];
  for (const [name, text, message] of cases) {
    it(`rejects a bad ${name} with file, line and value, and stores nothing of that file`, async () => {
      const good = file('good.csv', 'date,fng_value\n2018-02-01,30\n');
      const bad = file(`bad-${name}.csv`, text);
      const error = await importFiles(store, [good, bad]).catch((e: unknown) => e);
      expect(error, 'a bad row is an InvalidRowError').toBeInstanceOf(InvalidRowError);
      expect((error as Error).message).toContain(`${bad}${message}`);
      const summary = await store.summary();
      expect(summary.observations + summary.equityBars, 'nothing of the bad file is stored').toBe(0);
      expect(summary.seriesPoints, 'the good file before it was imported').toBe(1);
      expect((await store.listLoads()).map((l) => l.origin), 'no load recorded for the bad file').toEqual([good]);
    });
  }

  it('accepts tomorrow (UTC) but not the day after', async () => {
    const tomorrow = isoDateOf(addDays(today(), 1));
    const [result] = await importFiles(store, [file('fng-tomorrow.csv', `date,fng_value\n${tomorrow},50\n`)]);
    expect(result?.rows, 'a day just ahead of a user\'s clock is fine').toBe(1);
    const after = isoDateOf(addDays(today(), 2));
    await expect(importFiles(store, [file('fng-after.csv', `date,fng_value\n${after},50\n`)])).rejects.toThrow(`value "${after}" is not a date up to tomorrow`);
  });

  it('quotes only the start of an over-wide record, so the message stays readable', async () => {
    const wide = `2024-01-02,${'1,'.repeat(30_000)}1`;
    const error = await importFiles(store, [file('wide.csv', `date,close\n${wide}\n`)]).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message, 'the count and a bounded prefix').toContain(`wide.csv:2: expected 2 fields (date,close), got 30002: "${wide.slice(0, 80)}"… (${wide.length.toLocaleString('en-US')} characters)`);
    expect(message.length, 'a 60 kB record gave a 60 kB message').toBeLessThan(400);
  });

  it('refuses a Latin-1 file and stores nothing of it', async () => {
    const path = file('latin1.csv', Buffer.from('date,symbol,name,price_usd\n2024-01-01,CAFE,Caf\xe9,1\n', 'latin1'));
    await expect(importFiles(store, [path])).rejects.toThrow(`${path}:2: the file is not UTF-8 text: byte 0xE9`);
    expect((await store.summary()).loads, 'nothing recorded').toBe(0);
  });

  it('imports regular files only: a FIFO named or found in a folder is refused, not waited on', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(importFiles(store, [fifo])).rejects.toThrow(`${fifo}: not a regular file (a FIFO (named pipe)): import reads regular files only`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    symlinkSync('/dev/zero', join(folder, 'zero.csv'));
    await expect(importFiles(store, [folder]), 'a *.csv symlink to /dev/zero in a folder').rejects.toThrow(`${join(folder, 'zero.csv')}: not a regular file (a character device`);
  });

  it('names the known formats when a header fits none, and rejects missing paths', async () => {
    const path = file('unknown.csv', 'foo,bar\n1,2\n');
    await expect(importFiles(store, [path]), 'one location, no wrapping').rejects.toThrow(/^[^:]*unknown\.csv:1: unknown header "foo,bar".*\n.*crypto-long/);
    await expect(importFiles(store, [join(dir, 'missing.csv')])).rejects.toThrow(InvalidInputError);
  });
});

describe('importFiles: idempotency', () => {
  it('skips a file imported before, and changes nothing when forced', async () => {
    const path = file('crypto.csv', `${CRYPTO_HEADER}\n2021-01-04,LUNA,Terra,,16,6000000000,1,20,cmc_weekly_snapshot_top100\n2018-01-01,BTC,Bitcoin,bitcoin,13000,,,,s\n`);
    const [first] = await importFiles(store, [path]);
    expect(first?.changed, 'first import writes rows, assets and aliases').toBeGreaterThan(2);
    const [second] = await importFiles(store, [path]);
    expect(second, 'same content: skipped as already imported').toMatchObject({ skipped: true, changed: 0, format: 'crypto-long' });
    expect(second?.reason).toMatch(/^already imported/);
    const [forced] = await importFiles(store, [path], { force: true });
    expect(forced, 'a forced re-import finds nothing to change').toMatchObject({ skipped: false, changed: 0, rows: 2 });
  });

  it('records a file once when two imports of it run at the same time; the second reports "already imported"', async () => {
    const path = join(dir, 'shared.db');
    const first = SqliteStore.open(path);
    const second = SqliteStore.open(path);
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => `${isoDateOf(addDays(parseDay('2018-02-01'), i))},${i % 100}`).join('\n');
      const csv = file('fng-big.csv', `date,fng_value\n${rows}\n`);
      const results = (await Promise.all([importFiles(first, [csv]), importFiles(second, [csv])])).flat();
      expect(results.filter((r) => !r.skipped), 'one of them imports the file').toHaveLength(1);
      expect(results.find((r) => r.skipped)?.reason, 'the other one says so').toMatch(/^already imported \(load 1, /);
      expect((await first.listLoads()).length, 'the file is recorded once, not twice').toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('updates only the rows that differ when content changed', async () => {
    const path = file('rut_daily.csv', 'date,close\n2024-01-02,100\n2024-01-03,101\n');
    await importFiles(store, [path]);
    file('rut_daily.csv', 'date,close\n2024-01-02,100\n2024-01-03,102\n2024-01-04,103\n');
    const [result] = await importFiles(store, [path]);
    expect(result?.changed, 'one corrected close and one new day').toBe(2);
    expect((await store.readEquityBars('^RUT')).map((b) => b.close)).toEqual([100, 102, 103]);
  });

  it('expands directories to their .csv and .csv.gz files, ignoring the rest', async () => {
    const sub = join(dir, 'data');
    mkdirSync(sub);
    writeFileSync(join(sub, 'README.md'), '# not data');
    writeFileSync(join(sub, 'b_fng.csv'), 'date,fng_value\n2018-02-01,30\n');
    writeFileSync(join(sub, 'a_fng.csv.gz'), gzipSync('date,fng_value\n2018-02-02,31\n'));
    const results = await importFiles(store, [sub]);
    expect(results.map((r) => r.file)).toEqual([join(sub, 'a_fng.csv.gz'), join(sub, 'b_fng.csv')]);
  });

  it('reports progress through to done', async () => {
    const path = file('fng.csv', 'date,fng_value\n2018-02-01,30\n2018-02-02,31\n');
    const phases: string[] = [];
    await importFiles(store, [path], { onProgress: (p) => void (phases.at(-1) !== p.phase && phases.push(p.phase)) });
    expect(phases).toEqual(['reading', 'resolving', 'writing', 'done']);
  });
});

describe('importFiles: dates', () => {
  it('stores UTC days', async () => {
    await importFiles(store, [file('fng.csv', 'date,fng_value\n2018-02-01,30\n')]);
    expect((await store.readSeries(SERIES.fearGreed))[0]?.at).toBe(parseDay('2018-02-01') * 86_400_000);
  });
});

describe('importFiles: an empty file', () => {
  it('is refused with its name and line, and leaves no load behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-empty-'));
    const path = join(dir, 'empty.csv');
    writeFileSync(path, '');
    const store = SqliteStore.open(join(dir, 'store.db'));
    try {
      await expect(importFiles(store, [path])).rejects.toThrow(/empty\.csv:1: the file is empty: expected a header line/);
      expect((await store.summary()).loads, 'nothing recorded for it').toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
