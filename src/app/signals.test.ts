/**
 * The signals use case on the shared data (../shared/data, imported as a user would) and on a
 * hand-made store: funding daily means equal an independent computation from the 8-hourly file,
 * flows are read point in time from their vintages, and nothing after the as-of day is read.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedDataFile } from '../../test/shared-data.ts';
import { parseDay, msOfDay, type DayNumber, type UnixMs } from '../domain/dates.ts';
import { OPEN_INTEREST_COINS, SIGNAL_SERIES, vintageSeriesName } from '../domain/signal-series-names.ts';
import { SERIES } from '../domain/series-names.ts';
import { importFiles } from '../data/import/import-files.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { SignalHistoryResultSchema, SignalsResultSchema } from './contracts/signals.ts';
import { readContext } from './read-context.ts';
import { signalHistories, signalHistory, signals } from './signals.ts';
import { createApp } from '../server/create-app.ts';
import { createDashboardService } from '../server/create-dashboard-service.ts';
import { LoopbackServer } from '../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../test/loopback/provider-world.ts';
import { syncForTest, testSources } from '../../test/loopback/sync-fixture.ts';
import { chainSkew } from '../analytics/signals/option-skew.ts';
import type { SourceName } from '../data/sources/create-sources.ts';

const TODAY = parseDay('2026-07-01');

describeWithSharedData('signals on the shared derivatives and sentiment files', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await importFiles(store, [sharedDataFile('btc_perp_funding_8h.csv'), sharedDataFile('fear_greed_daily.csv'), sharedDataFile('btc_derivatives_daily_aggregate.csv')]);
  });
  afterAll(() => store.close());

  it('funding daily means equal an independent computation from the 8-hourly file', async () => {
    // Independently: group the raw rows by the date part of funding_time_utc; per day the first
    // exchange column (Binance, Bybit, OKX) with any rate that day; mean × 3 × 365 × 100.
    const [header, ...lines] = readFileSync(sharedDataFile('btc_perp_funding_8h.csv'), 'utf8').trim().split('\n');
    const columns = header!.split(',');
    const venues = ['binance_btcusdt_rate', 'bybit_btcusdt_rate', 'okx_btc_usdt_swap_rate'].map((c) => columns.indexOf(c));
    const byDate = new Map<string, string[][]>();
    for (const line of lines) {
      const cells = line.split(',');
      const date = cells[0]!.slice(0, 10);
      byDate.set(date, [...(byDate.get(date) ?? []), cells]);
    }
    const expected = new Map<string, number>();
    for (const [date, rows] of byDate) {
      for (const v of venues) {
        const rates = rows.map((r) => r[v] ?? '').filter((x) => x !== '').map(Number);
        if (rates.length > 0) {
          expected.set(date, (rates.reduce((a, b) => a + b, 0) / rates.length) * 3 * 365 * 100);
          break;
        }
      }
    }
    const history = await signalHistory(readContext(store, { today: TODAY }), { name: 'funding_annualised_btc', from: parseDay('2019-09-10'), to: parseDay('2026-06-29') });
    SignalHistoryResultSchema.parse(history);
    expect(history.points.length, 'every day of the file').toBe(expected.size);
    for (const p of history.points) expect(Math.abs(p.value - expected.get(p.date)!), p.date).toBeLessThan(1e-6);
    expect(history.sources[0]).toMatch(/^binance funding_rate_8h:BTCUSDT, then bybit funding_rate_8h:BTCUSDT/);
  });

  it('reads the aggregate file as percent per 8 h only where no exchange has funding, and F&G as published', async () => {
    const before = await signals(readContext(store, { today: TODAY }), { at: parseDay('2019-06-01') });
    SignalsResultSchema.parse(before);
    const funding = before.signals.find((s) => s.name === 'funding_annualised_btc')!;
    // 2019-06-01 precedes Binance's BTCUSDT perpetual (2019-09-10): only the aggregate (÷ 100).
    const raw = readFileSync(sharedDataFile('btc_derivatives_daily_aggregate.csv'), 'utf8').split('\n').find((l) => l.startsWith('2019-06-01,'))!;
    expect(funding.value).toBeCloseTo((Number(raw.split(',')[2]) / 100) * 3 * 365 * 100, 4);
    expect(funding.sources).toEqual(['heun630_onchain funding_rate_pct_all_exchanges ÷ 100']);
    const fng = before.signals.find((s) => s.name === 'fear_greed')!;
    const fngRaw = readFileSync(sharedDataFile('fear_greed_daily.csv'), 'utf8').split('\n').find((l) => l.startsWith('2019-06-01,'))!;
    expect(fng.value).toBe(Number(fngRaw.split(',')[1]));
    expect(fng.percentile1y).not.toBeNull();
  });
});

describe('signals point in time', () => {
  let store: Store;
  const day = (iso: string) => parseDay(iso);
  const at = (d: DayNumber) => msOfDay(d) as UnixMs;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const inflow = `${SIGNAL_SERIES.exchangeInflowNative}:BTC`;
    const outflow = `${SIGNAL_SERIES.exchangeOutflowNative}:BTC`;
    const points = [];
    // The first fetch (2024-03-11) sees 10 days of 100 in, 150 out; a fetch on 2024-03-20 revises
    // them all to 200 in (a re-clustering) and adds the days up to 2024-03-19.
    for (let d = day('2024-03-01'); d <= day('2024-03-10'); d++) {
      points.push({ series: vintageSeriesName(inflow, day('2024-03-11')), at: at(d as DayNumber), source: 'coinmetrics', value: 100 });
      points.push({ series: vintageSeriesName(outflow, day('2024-03-11')), at: at(d as DayNumber), source: 'coinmetrics', value: 150 });
    }
    for (let d = day('2024-03-01'); d <= day('2024-03-19'); d++) {
      points.push({ series: vintageSeriesName(inflow, day('2024-03-20')), at: at(d as DayNumber), source: 'coinmetrics', value: 200 });
      points.push({ series: vintageSeriesName(outflow, day('2024-03-20')), at: at(d as DayNumber), source: 'coinmetrics', value: 150 });
    }
    // Fear & Greed up to 2024-03-19; a value on 2024-03-25 lies after the as-of day below.
    for (let d = day('2024-03-01'); d <= day('2024-03-19'); d++) points.push({ series: SERIES.fearGreed, at: at(d as DayNumber), source: 'alternative.me', value: 60 });
    points.push({ series: SERIES.fearGreed, at: at(day('2024-03-25')), source: 'alternative.me', value: 5 });
    await store.write({ load: { source: 'test', origin: 'test' }, seriesPoints: points });
  });
  afterAll(() => store.close());

  const value = async (name: string, asOf: string) => (await signals(readContext(store, { today: TODAY }), { at: day(asOf) })).signals.find((s) => s.name === name)!;

  it('uses the values first seen by the as-of day, not later revisions', async () => {
    // As of 2024-03-15 the revision of 2024-03-20 does not exist: 7 × (100 − 150).
    expect((await value('exchange_netflow_7d_btc', '2024-03-15')).value).toBe(-350);
    expect((await value('exchange_netflow_7d_btc', '2024-03-15')).reading).toBe('supports');
    // As of 2024-03-20 the revised vintage counts: 7 × (200 − 150), ending 2024-03-19.
    const after = await value('exchange_netflow_7d_btc', '2024-03-20');
    expect(after.value).toBe(350);
    expect(after.date).toBe('2024-03-20');
    expect(after.reading).toBe('against');
  });

  it('reads nothing after the as-of day', async () => {
    const fng = await value('fear_greed', '2024-03-20');
    expect(fng.value).toBe(60);
    expect(fng.date).toBe('2024-03-19');
    expect(fng.ageDays).toBe(1);
  });

  it('defaults to the last day with signal data, however long ago', async () => {
    const reads: string[] = [];
    const result = await signals(readContext(countingReads(store, reads), { today: TODAY }));
    expect(result.at).toBe('2024-03-25');
    expect(result.signals.find((s) => s.name === 'fear_greed')!.value).toBe(5);
    expect(result.data.stale).toBe(true);
    // The recent days (nothing), then everything once, which holds the inputs as of its last day:
    // not a third read of that day's range; the answer is the one --at that day gives.
    expect(reads.filter((name) => name === SERIES.fearGreed)).toHaveLength(2);
    const explicit = await signals(readContext(store, { today: TODAY }), { at: day('2024-03-25') });
    expect(result.signals).toEqual(explicit.signals);
  });

  it('answers GET /api/signals and /api/signal in the contract, and refuses a malformed name', async () => {
    const app = createApp(createDashboardService(store), '/nonexistent');
    const list = await app.request('http://127.0.0.1/api/signals?at=2024-03-20', { headers: { host: '127.0.0.1' } });
    expect(list.status).toBe(200);
    const body = SignalsResultSchema.parse(await list.json());
    expect(body.signals.find((x) => x.name === 'exchange_netflow_7d_btc')!.value).toBe(350);
    expect(body.signals.find((x) => x.name === 'fear_greed')!.recent.at(-1)).toBeNull();
    expect(body.signals.find((x) => x.name === 'fear_greed')!.recent.at(-2)).toBe(60);
    const one = await app.request('http://127.0.0.1/api/signal?name=fear_greed&from=2024-03-01&to=2024-03-31', { headers: { host: '127.0.0.1' } });
    expect(SignalHistoryResultSchema.parse(await one.json()).points.map((p) => p.value).at(-1)).toBe(5);
    const bad = await app.request('http://127.0.0.1/api/signal?name=..%2Fetc', { headers: { host: '127.0.0.1' } });
    expect(bad.status).toBe(400);
  });

  it('names an unknown signal and the known ones', async () => {
    await expect(signalHistory(readContext(store, { today: TODAY }), { name: 'funding' })).rejects.toThrow(/unknown signal "funding": expected one of .*funding_annualised_btc/);
  });
});

describeWithSharedData('skew and DVOL from a Deribit sync', () => {
  it('computes the 30-day risk reversal from the stored chain, from the first sync on', async () => {
    const today = parseDay('2023-08-16');
    const server = await serveProviders(new LoopbackServer(), { today }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['deribit' as SourceName]), today, sinceDays: 400 });
      const result = await signals(readContext(store, { today }), { at: today });
      const rr = result.signals.find((s) => s.name === 'skew_rr25_btc')!;
      // The world's smile has puts richer than calls (−8·ln(K/F)): a negative risk reversal.
      expect(rr.value!).toBeLessThan(0);
      expect(rr.reading).toBe('against');
      expect(rr.date).toBe('2023-08-16');
      expect(rr.sources[0]).toMatch(/^deribit option chain BTC .*: interpolated, 2 expiries$/);
      // The stored chain gives what the chain as served gives (nothing lost in storing it).
      const book = (await (await fetch(`${server.baseUrl}/public/get_book_summary_by_currency?currency=BTC`)).json()) as { result: { instrument_name: string; mark_iv: number; underlying_price: number; mark_price: number; creation_timestamp: number }[] };
      const instruments = (await (await fetch(`${server.baseUrl}/public/get_instruments?currency=BTC`)).json()) as { result: { instrument_name: string; strike: number; option_type: 'call' | 'put'; expiration_timestamp: number }[] };
      const expiry = new Map(instruments.result.map((i) => [i.instrument_name, i]));
      const served = book.result.filter((r) => r.mark_price > 0).map((r) => ({ expiryMs: expiry.get(r.instrument_name)!.expiration_timestamp, strike: expiry.get(r.instrument_name)!.strike, type: expiry.get(r.instrument_name)!.option_type, markIv: r.mark_iv, forward: r.underlying_price }));
      const skew = chainSkew(served, book.result[0]!.creation_timestamp)!;
      expect(rr.value!).toBeCloseTo(skew.riskReversal, 5);
      // The butterfly and ATM IV come from the same chains, with the same provenance.
      const bf = result.signals.find((s) => s.name === 'skew_bf25_btc')!;
      const atm = result.signals.find((s) => s.name === 'atm_iv_30d_btc')!;
      expect(bf.value!, 'BF25 = ½(IV25c + IV25p) − ATM of the stored chain').toBeCloseTo(skew.butterfly, 5);
      expect(atm.value!, 'ATM IV at 30 days of the stored chain').toBeCloseTo(skew.atmIv, 5);
      expect(atm.value!, 'an ATM IV in percent, near the world’s 55 % level').toBeGreaterThan(20);
      expect(bf.sources, 'provenance: the chain and the interpolation used').toEqual(rr.sources);
      expect(atm.unit).toBe('%');
      // One snapshot day: no 1-year percentile, no 90-day z-score yet.
      expect(bf.percentile1y).toBeNull();
      expect(result.signals.find((s) => s.name === 'skew_bf25_z_btc')!.value).toBeNull();
      // Several signals' histories read each stored option series once, not once per signal.
      const reads: string[] = [];
      const counted = countingReads(store, reads);
      const histories = await signalHistories(readContext(counted, { today }), { names: ['skew_rr25_btc', 'skew_bf25_btc', 'atm_iv_30d_btc', 'fear_greed'], from: parseDay('2023-01-01') });
      expect([...histories.keys()], 'fear_greed has no inputs here and is left out').toEqual(['skew_rr25_btc', 'skew_bf25_btc', 'atm_iv_30d_btc']);
      expect(histories.get('skew_bf25_btc')!.points.map((p) => p.value)).toEqual([bf.value]);
      const optionReads = reads.filter((n) => n.startsWith(`${SIGNAL_SERIES.optionMarkIv}:BTC-`));
      expect(optionReads.length, 'some BTC option series were read').toBeGreaterThan(10);
      expect(new Set(optionReads).size, 'each option series read once for the three signals').toBe(optionReads.length);
      expect(reads.some((n) => n.includes(':ETH')), 'no ETH input read for BTC signals').toBe(false);
      // One signal's history reads only its own inputs: DVOL, no option chain.
      reads.length = 0;
      await signalHistory(readContext(counted, { today }), { name: 'implied_vol_btc' });
      expect(reads, 'implied_vol_btc reads its DVOL series only').toEqual([`${SIGNAL_SERIES.dvol}:BTC`]);
      // No skew history before the first snapshot; DVOL is backfilled.
      expect((await signalHistory(readContext(store, { today }), { name: 'skew_rr25_btc', from: parseDay('2023-01-01') })).points).toHaveLength(1);
      const dvol = result.signals.find((s) => s.name === 'implied_vol_btc')!;
      expect(dvol.value).toBeCloseTo(55 + 10 * Math.sin((today - 1) / 17), 2);
      expect(dvol.percentile1y).not.toBeNull();
    } finally {
      await store.close();
      await server.close();
    }
  });
});

/** The store, recording the name of every series read (to show what a request loads). */
function countingReads(store: Store, reads: string[]): Store {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === 'readSeries') return (name: string, range?: unknown) => (reads.push(name), (target.readSeries as (n: string, r?: unknown) => unknown).call(target, name, range));
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('open interest in USD across venues', () => {
  let store: Store;
  const day = (iso: string) => parseDay(iso);
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    // BTC closes 40 000 up to 2024-02-08, 50 000 from 2024-02-09; Bybit counts 100 000 coins of
    // open interest every day from 2024-01-02, 110 000 on 2024-03-10.
    const observations = [];
    for (let d = day('2024-01-01'); d <= day('2024-03-10'); d++) {
      const price = d < day('2024-02-09') ? 40_000 : 50_000;
      observations.push({ assetId: 'bitcoin', day: d as DayNumber, source: 'test', symbol: 'BTC', price, marketCap: price * 19e6, volume: 1e10, rank: 1 });
    }
    const seriesPoints = [];
    for (let d = day('2024-01-02'); d <= day('2024-03-10'); d++) {
      seriesPoints.push({ series: `${OPEN_INTEREST_COINS}:BTCUSDT`, at: msOfDay(d as DayNumber) as UnixMs, source: 'bybit', value: d === day('2024-03-10') ? 110_000 : 100_000 });
    }
    await store.write({ load: { source: 'test', origin: 'test' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }], observations, seriesPoints });
  });
  afterAll(() => store.close());

  it('values Bybit’s coins at the previous day’s close, so the 30-day change includes the price move', async () => {
    const result = await signals(readContext(store, { today: TODAY }), { at: day('2024-03-10') });
    const oi = result.signals.find((s) => s.name === 'open_interest_change_30d_btc')!;
    // By hand: 2024-03-10: 110 000 × 50 000 (close of 03-09) = 5.5e9; 30 days earlier, 2024-02-09:
    // 100 000 × 40 000 (close of 02-08) = 4.0e9; 100 × (5.5 / 4.0 − 1) = 37.5 % (the coins alone: 10 %).
    expect(oi.value, 'the USD change, not the change in coins').toBeCloseTo(37.5, 9);
    expect(oi.reading).toBe('supports');
    expect(oi.sources).toEqual(['bybit open_interest_coins:BTCUSDT × bitcoin close of the day before']);
    const history = await signalHistory(readContext(store, { today: TODAY }), { name: 'open_interest_change_30d_btc', from: day('2024-03-01'), to: day('2024-03-10') });
    // 2024-03-01: 100 000 × 50 000 / (100 000 × 40 000 on 2024-01-31) − 1 = +25 %.
    expect(history.points[0]).toMatchObject({ date: '2024-03-01', value: 25 });
  });

  it('has no USD open interest without stored closes (coins are never used as they are)', async () => {
    const bare = SqliteStore.open(':memory:');
    try {
      const points = [];
      for (let d = day('2024-01-02'); d <= day('2024-03-10'); d++) points.push({ series: `${OPEN_INTEREST_COINS}:BTCUSDT`, at: msOfDay(d as DayNumber) as UnixMs, source: 'bybit', value: 100_000 });
      points.push({ series: SERIES.fearGreed, at: msOfDay(day('2024-03-10')) as UnixMs, source: 'alternative.me', value: 50 });
      await bare.write({ load: { source: 'test', origin: 'test' }, seriesPoints: points });
      const oi = (await signals(readContext(bare, { today: TODAY }), { at: day('2024-03-10') })).signals.find((s) => s.name === 'open_interest_change_30d_btc')!;
      expect(oi.value).toBeNull();
      expect(oi.note).toMatch(/no stored open_interest_usd:BTC/);
    } finally {
      await bare.close();
    }
  });
});
