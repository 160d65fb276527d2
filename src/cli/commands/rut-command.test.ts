import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedDataFile } from '../../../test/shared-data.ts';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import type { EquityBarRecord } from '../../domain/records.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { runRut, type RutOptions } from './rut-command.ts';

/** The shared equity CSVs have `date,open,high,low,close,volume`; only date and close matter here. */
function readEquityCsv(file: string, symbol: string, source: string): EquityBarRecord[] {
  const lines = readFileSync(sharedDataFile(file), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [date, open, high, low, close, volume] = line.split(',');
    return { symbol, day: parseDay(date!), source, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
  });
}

async function run(store: Store, options: Partial<RutOptions>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runRut(store, { breakoutDrawdownPct: 10, records: false, format: 'json', symbol: '^RUT', benchmark: '^GSPC', ...options }, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('altseason rut on hand-made bars', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const closes = [100, 120, 90, 95, 130, 125];
    const bars = closes.map((close, i): EquityBarRecord => ({ symbol: '^RUT', day: (parseDay('2024-01-01') + i) as DayNumber, source: 'test', open: null, high: null, low: null, close, volume: null }));
    await store.write({ load: { source: 'test', origin: 'test' }, equityBars: bars });
  });
  afterAll(() => store.close());

  it('reports the record, distance and breakout without a benchmark', async () => {
    const json = JSON.parse(await run(store, {}));
    expect(json.recordClose, '130 is the highest close').toBe(130);
    expect(json.distanceFromRecordPct, '125 is 3.85 % below 130').toBeCloseTo(-3.8462, 3);
    expect(json.breakouts.map((b: { date: string }) => b.date), '130 follows a 25 % drawdown from 120').toEqual(['2024-01-05']);
    expect(json.relativeStrength, 'no ^GSPC stored: relative strength is null, not zero').toBeNull();
  });

  it('--to computes as of that date, ignoring later closes', async () => {
    const json = JSON.parse(await run(store, { to: parseDay('2024-01-04') }));
    expect([json.asOf, json.recordClose, json.breakouts.length], 'as of 01-04 the record is still 120 and no breakout happened').toEqual(['2024-01-04', 120, 0]);
  });

  it('table and csv formats render', async () => {
    expect(await run(store, { format: 'table', records: true }), 'the summary names the record').toMatch(/record close\s+130\.00 on 2024-01-05/);
    const csv = (await run(store, { format: 'csv', records: true })).trim().split('\n');
    expect(csv.length, 'header plus the three record days').toBe(4);
  });

  it('--from after the last close is an error naming it, and a missing --benchmark is named', async () => {
    await expect(run(store, { from: parseDay('2030-01-01') })).rejects.toThrow('--from 2030-01-01 is after the last ^RUT close: the stored ^RUT closes cover 2024-01-01 … 2024-01-06');
    expect(await run(store, { format: 'table', benchmark: '^NDX' }), 'the symbol asked for, not ^GSPC').toMatch(/relative strength: no \^NDX bars stored \(--benchmark\)/);
  });
});

describeWithSharedData('altseason rut on ../shared/data (rut_daily.csv, spx_daily.csv)', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await store.write({ load: { source: 'rut_daily', origin: 'rut_daily.csv' }, equityBars: readEquityCsv('rut_daily.csv', '^RUT', 'rut_daily') });
    await store.write({ load: { source: 'spx_daily', origin: 'spx_daily.csv' }, equityBars: readEquityCsv('spx_daily.csv', '^GSPC', 'spx_daily') });
  });
  afterAll(() => store.close());

  it('finds the 2021-11-08 record close of 2442.74 and the 2020-11-13 and 2025-09-18 breakouts', async () => {
    const json = JSON.parse(await run(store, { records: true, from: parseDay('2018-01-01') }));
    const record2021 = json.records.find((r: { date: string }) => r.date === '2021-11-08');
    expect(record2021?.close, 'the 2021 cycle top is a record close of 2442.74').toBe(2442.74);
    const breakouts = Object.fromEntries(json.breakouts.map((b: { date: string; drawdownPct: number }) => [b.date, b.drawdownPct]));
    expect(Object.keys(breakouts), 'two ≥ 10 % breakouts since 2018').toEqual(['2020-11-13', '2025-09-18']);
    expect(breakouts['2020-11-13'], 'after the 2018-08-31 → 2020-03-18 drawdown of 43 %').toBeCloseTo(43.06, 1);
    expect(breakouts['2025-09-18'], 'after the 2021-11-08 → 2023-10-27 drawdown of 33 %').toBeCloseTo(32.99, 1);
  });

  it('as of 2025-09-17, the 2021 record still stands; a higher threshold drops the smaller breakouts', async () => {
    const json = JSON.parse(await run(store, { to: parseDay('2025-09-17') }));
    expect([json.recordDate, json.recordClose], 'the day before the breakout').toEqual(['2021-11-08', 2442.74]);
    expect(json.daysSinceRecord, '2021-11-08 → 2025-09-17').toBe(1409);
    const deep = JSON.parse(await run(store, { breakoutDrawdownPct: 40 }));
    expect(deep.breakouts.map((b: { date: string }) => b.date).slice(-2), 'only drawdowns ≥ 40 % (2009 and 2020 cycles)').toEqual(['2011-04-27', '2020-11-13']);
  });

  it('computes RUT/SPX relative strength with 50- and 200-session averages', async () => {
    const json = JSON.parse(await run(store, { to: parseDay('2025-12-31') }));
    const rs = json.relativeStrength;
    expect(rs.asOf, 'both indices trade on 2025-12-31').toBe('2025-12-31');
    expect(rs.ratio, 'RUT/SPX has been between 0.25 and 0.5 for decades').toBeGreaterThan(0.25);
    expect(rs.ratio).toBeLessThan(0.5);
    expect(typeof rs.sma50.movingAverage === 'number' && typeof rs.sma200.movingAverage === 'number', 'enough history for both averages').toBe(true);
  });
});
