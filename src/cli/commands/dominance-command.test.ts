import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedDataFile } from '../../../test/shared-data.ts';
import { computeMarketAggregates, type AssetCap } from '../../analytics/market/compute-market-aggregates.ts';
import { msOfDay, parseDay, type DayNumber } from '../../domain/dates.ts';
import type { ObservationRecord, SeriesPointRecord } from '../../domain/records.ts';
import { SERIES } from '../../domain/series-names.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { runDominance, type DominanceOptions } from './dominance-command.ts';

async function run(store: Store, options: Partial<DominanceOptions>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runDominance(store, { format: 'json', topN: 125, thresholds: [55, 50], ...options }, out);
  return Buffer.concat(chunks).toString('utf8');
}

const observation = (assetId: string, symbol: string, day: number, source: string, marketCap: number): ObservationRecord => ({
  assetId,
  symbol,
  day: day as DayNumber,
  source,
  price: 1,
  marketCap,
  volume: null,
  rank: null,
});

describe('altseason dominance on hand-made data', () => {
  let store: Store;
  const start = parseDay('2024-01-01');
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const assets = [
      { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
      { id: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
      { id: 'tether', symbol: 'USDT', name: 'Tether' },
    ];
    const observations: ObservationRecord[] = [];
    for (let i = 0; i < 120; i++) {
      // BTC flat at 600; ETH grows from 300 by 2 a day; USDT flat at 100 → BTC.D falls from 60 %.
      observations.push(observation('bitcoin', 'BTC', start + i, 'daily', 600), observation('ethereum', 'ETH', start + i, 'daily', 300 + 2 * i), observation('tether', 'USDT', start + i, 'daily', 100));
    }
    const points: SeriesPointRecord[] = Array.from({ length: 120 }, (_, i) => ({ series: SERIES.totalMarketCapUsd, at: msOfDay((start + i) as DayNumber), source: 'coingecko', value: 2000 }));
    await store.write({
      load: { source: 'daily', origin: 'test' },
      assets,
      observations,
      seriesPoints: points,
      categoryRules: [{ symbol: 'USDT', name: 'Tether', category: 'stablecoin', excludeFromIndex: true, source: 'test' }],
    });
  });
  afterAll(() => store.close());

  const STORED = /^top 125 stored assets/;
  it('shows the stored universe and the provider total side by side, each labelled', async () => {
    const json = JSON.parse(await run(store, {}));
    expect(json.schema, 'the versioned result name').toBe('altseason.dominance/v1');
    const btcD = json.latest.filter((f: { metric: string }) => f.metric === 'btc_dominance_pct');
    const stored = btcD.find((f: { universe: string }) => STORED.test(f.universe));
    expect(stored.value, 'BTC 600 of 600 + 538 + 100 on the last day').toBeCloseTo((600 / 1238) * 100, 8);
    expect(btcD.find((f: { universe: string }) => f.universe === 'all coins (CoinGecko /global)').value, 'BTC 600 of CoinGecko’s total 2000').toBeCloseTo(30, 8);
    expect(json.btcDominanceGaps.length, 'the two definitions disagree and both are shown').toBe(1);
    const stable = json.latest.find((f: { metric: string; universe: string }) => f.metric === 'stablecoin_dominance_pct' && STORED.test(f.universe));
    expect(stable.value, 'USDT is a stablecoin by its category rule').toBeCloseTo((100 / 1238) * 100, 8);
  });

  it('finds BTC.D crossing below 55 % and 50 %, a falling trend, and TOTAL2 outgrowing BTC', async () => {
    const json = JSON.parse(await run(store, {}));
    const stored = json.crossings.filter((c: { universe: string }) => STORED.test(c.universe));
    expect(stored.map((c: { threshold: number; direction: string }) => `${c.direction} ${c.threshold}`), 'BTC.D starts at 60 % and only falls').toEqual(['below 55', 'below 50']);
    const trend = json.btcDominanceTrends.find((t: { universe: string }) => STORED.test(t.universe));
    expect(trend.direction, 'the 50-day average of a falling BTC.D falls').toBe('falling');
    const growth = json.total2VsBtc.filter((g: { universe: string }) => STORED.test(g.universe));
    expect(growth.map((g: { windowDays: number; total2Faster: boolean }) => [g.windowDays, g.total2Faster]), 'ETH grows while BTC is flat').toEqual([
      [30, true],
      [90, true],
    ]);
  });

  it('--from/--to limit the days listed, and csv lists one row per day', async () => {
    const json = JSON.parse(await run(store, { from: (start + 100) as DayNumber, to: (start + 109) as DayNumber }));
    expect(json.asOf, '--to sets the as-of day').toBe('2024-04-19');
    expect(json.days.map((r: { date: string }) => r.date), 'ten days listed').toHaveLength(10);
    const csv = (await run(store, { format: 'csv', from: (start + 119) as DayNumber })).trim().split('\n');
    expect(csv[0], 'the CSV header is the JSON day fields in snake_case').toBe('date,btc_dominance_pct,eth_dominance_pct,stablecoin_dominance_pct,total_usd,total2_usd,total3_usd,others_usd,btc_market_cap_usd,asset_count,provider_btc_dominance_pct');
    expect(csv[1], '600 / 1238 × 100 = 48.465266…, rounded to 6 decimals; the provider says 30 %').toBe('2024-04-29,48.465267,43.457189,8.077544,1238,638,100,,600,3,30');
    expect(await run(store, { format: 'table' }), 'the table names the universe').toMatch(/top 125 stored assets/);
  });

  it('states the trend of a dominance average in percentage points', async () => {
    const json = JSON.parse(await run(store, {}));
    const trend = json.btcDominanceTrends.find((t: { universe: string }) => STORED.test(t.universe));
    // The 50-day average falls as ETH grows: its change over 20 days, in points of dominance, is negative.
    expect(trend.averageChangePts, 'a falling average moves by a negative number of points').toBeLessThan(0);
    expect(await run(store, { format: 'table' }), 'points are written as pp, never %').toMatch(/which is falling \(−\d\.\d\d pp in 20 days\)/);
  });

  it('says "none in this range" rather than leaving the crossings list blank', async () => {
    const table = await run(store, { format: 'table', thresholds: [90] });
    expect(table, 'BTC.D never reaches 90 %').toMatch(/BTC\.D crossings of 90% \(0[;)].*\n {2}none in this range\n/);
  });

  it('rejects --sources the store does not hold and dates outside its data, naming them', async () => {
    await expect(run(store, { sources: ['daily', 'dialy'] }), 'a typo').rejects.toThrow('--sources: no observations from "dialy" in the store; sources with observations: daily (altseason sources)');
    await expect(run(store, { from: parseDay('2030-01-01') }), 'after the data').rejects.toThrow('--from 2030-01-01 is after the last day with data: the stored crypto data cover 2024-01-01 … 2024-04-29');
    await expect(run(store, { to: parseDay('2020-01-01') }), 'before the data').rejects.toThrow(/--to 2020-01-01 is before the first day with data/);
    await expect(run(store, { sources: ['daily'], from: start, to: (start + 10) as DayNumber }), 'valid options pass').resolves.toContain('altseason.dominance/v1');
  });
});

/** Monday snapshots of the CMC top 100 (crypto_prices_long.csv.gz, source cmc_weekly_snapshot_top100). */
function readWeeklyTop100(): Map<number, AssetCap[]> {
  const text = gunzipSync(readFileSync(sharedDataFile('crypto_prices_long.csv.gz'))).toString('utf8');
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const [iDate, iSymbol, iName, iCap, iSource] = [col('date'), col('symbol'), col('name'), col('market_cap_usd'), col('source')];
  const byDay = new Map<number, AssetCap[]>();
  for (const line of lines.slice(1)) {
    if (!line.includes('cmc_weekly_snapshot_top100')) continue;
    const fields = line.split(',');
    if (fields.length !== header.length || fields[iSource] !== 'cmc_weekly_snapshot_top100' || !fields[iCap]) continue;
    const day = parseDay(fields[iDate]!);
    const symbol = fields[iSymbol]!;
    const assetId = symbol === 'BTC' ? 'bitcoin' : symbol === 'ETH' ? 'ethereum' : `${symbol}:${fields[iName]}`;
    const caps = byDay.get(day) ?? [];
    if (!caps.some((c) => c.assetId === assetId)) caps.push({ assetId, symbol, marketCap: Number(fields[iCap]), isStablecoin: false, source: 'cmc_weekly_snapshot_top100' });
    byDay.set(day, caps);
  }
  return byDay;
}

function readDominanceFile(): Map<number, number> {
  const lines = readFileSync(sharedDataFile('btc_dominance_daily_2017_2024.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((line) => [parseDay(line.split(',')[0]!), Number(line.split(',')[1])]));
}

const STORED_UNIVERSE = /^top 125 stored assets/;

describeWithSharedData('dominance on ../shared/data', () => {
  let weekly: Map<number, AssetCap[]>;
  let file: Map<number, number>;
  let store: Store;
  beforeAll(async () => {
    weekly = readWeeklyTop100();
    file = readDominanceFile();
    store = SqliteStore.open(':memory:');
    const assets = new Map<string, { id: string; symbol: string; name: string }>();
    const observations: ObservationRecord[] = [];
    for (const [day, caps] of weekly) {
      for (const cap of caps) {
        assets.set(cap.assetId, { id: cap.assetId, symbol: cap.symbol, name: cap.assetId });
        observations.push(observation(cap.assetId, cap.symbol, day, 'cmc_weekly_snapshot_top100', cap.marketCap));
      }
    }
    const points: SeriesPointRecord[] = [...file].map(([day, value]) => ({ series: SERIES.btcDominancePct, at: msOfDay(day as DayNumber), source: 'btc_dominance_daily_2017_2024', value }));
    await store.write({ load: { source: 'cmc_weekly_snapshot_top100', origin: 'test' }, assets: [...assets.values()], observations, seriesPoints: points });
  });
  afterAll(() => store?.close());

  it('reads BTC.D from the imported file as the README states (2021-01-03 ≈ 70.3, 2021-05-19 ≈ 44.5)', async () => {
    for (const [date, expected] of [
      ['2021-01-03', 70.3],
      ['2021-05-19', 44.5],
    ] as const) {
      const json = JSON.parse(await run(store, { to: parseDay(date), from: parseDay(date) }));
      const figure = json.latest.find((f: { metric: string; universe: string }) => f.metric === 'btc_dominance_pct' && f.universe.startsWith('all coins'));
      expect(figure.value, `BTC.D from btc_dominance_daily_2017_2024.csv on ${date}`).toBeCloseTo(expected, 1);
      expect(figure.date, 'a daily series is read on the day itself').toBe(date);
    }
  });

  it('BTC’s share of the CMC weekly top 100 exceeds the all-coin file by a small amount (README: +0.32 pt on average)', () => {
    const differences: number[] = [];
    for (const [day, caps] of weekly) {
      const reported = file.get(day);
      if (reported === undefined) continue;
      const share = computeMarketAggregates(caps, { topN: null }).btcDominancePct!;
      differences.push(share - reported);
    }
    const mean = differences.reduce((a, b) => a + b, 0) / differences.length;
    expect(differences.length, 'the README counts 203 common Mondays').toBe(203);
    expect(mean, 'a top-100 universe leaves out the long tail, so BTC’s share is a little higher').toBeGreaterThan(0.1);
    expect(mean).toBeLessThan(0.6);
  });

  it('shows both definitions of BTC.D on a common Monday, and the 2021 fall below 55 % and 50 %', async () => {
    const json = JSON.parse(await run(store, { from: parseDay('2021-01-01'), to: parseDay('2021-06-30') }));
    const btcD = json.latest.filter((f: { metric: string }) => f.metric === 'btc_dominance_pct');
    const universes = btcD.map((f: { universe: string }) => f.universe).sort();
    expect(universes.length, 'the stored top 125 (here the CMC top 100) and the file, side by side').toBe(2);
    expect(universes[0], 'the file: all coins').toMatch(/^all coins/);
    expect(universes[1], 'ours').toMatch(STORED_UNIVERSE);
    const fileCrossings = json.crossings.filter((c: { universe: string }) => c.universe.startsWith('all coins'));
    const firstBelow = (threshold: number) => fileCrossings.find((c: { threshold: number; direction: string }) => c.threshold === threshold && c.direction === 'below')?.date;
    expect(firstBelow(55)! < '2021-05-19' && firstBelow(50)! <= '2021-05-19', 'by 2021-05-19 (44.5 %) BTC.D had fallen through both levels').toBe(true);
  });
});
