import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msOfDay, parseDay, type DayNumber } from '../../domain/dates.ts';
import { SERIES, seriesName } from '../../domain/series-names.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { runSignalHistory, runSignals } from './signals-command.ts';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('altseason signals / signal', () => {
  let store: Store;
  const first = parseDay('2023-01-01');
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const seriesPoints = [];
    for (let i = 0; i < 400; i++) {
      const day = (first + i) as DayNumber;
      seriesPoints.push({ series: SERIES.fearGreed, at: msOfDay(day), source: 'alternative.me', value: 20 + (i % 60) });
      // Three settlements a day of 0.0001 + i·1e-7 per 8 h.
      for (const hour of [0, 8, 16]) seriesPoints.push({ series: seriesName(SERIES.fundingRate8h, 'BTCUSDT'), at: (msOfDay(day) + hour * 3_600_000) as typeof seriesPoints[number]['at'], source: 'binance', value: 0.0001 + i * 1e-7 });
    }
    await store.write({ load: { source: 'test', origin: 'test' }, seriesPoints });
  });
  afterAll(() => store.close());

  it('lists the signals with data in a table, and every signal in CSV', async () => {
    const table = capture();
    await runSignals(store, { format: 'table', at: parseDay('2024-01-20') }, table.out);
    expect(table.text()).toContain('Confirmation signals as of 2024-01-20');
    expect(table.text()).toMatch(/funding_annualised_btc\s+\d+\.\d\d% p\.a\./);
    const csv = capture();
    await runSignals(store, { format: 'csv', at: parseDay('2024-01-20') }, csv.out);
    const lines = csv.text().trim().split('\n');
    expect(lines[0]).toBe('name,group,label,value,unit,date,age_days,stale,percentile1y,reading,rule,note');
    // i = 384 on 2024-01-20: (0.0001 + 384e-7) × 3 × 365 × 100.
    const funding = lines.find((l) => l.startsWith('funding_annualised_btc,'))!;
    expect(Number(funding.split(',')[3])).toBeCloseTo((0.0001 + 384e-7) * 3 * 365 * 100, 4);
    expect(lines.length - 1, 'one row per signal').toBeGreaterThan(30);
  });

  it('charts one signal over a range', async () => {
    const chart = capture();
    await runSignalHistory(store, { name: 'fear_greed', from: parseDay('2023-06-01'), to: parseDay('2023-12-31'), format: 'table' }, chart.out);
    expect(chart.text()).toContain('Crypto Fear & Greed (fear_greed), 2023-06-01 … 2023-12-31: 214 days');
    expect(chart.text()).toContain('┤');
    const json = capture();
    await runSignalHistory(store, { name: 'fear_greed', from: parseDay('2023-06-01'), to: parseDay('2023-06-03'), format: 'json' }, json.out);
    expect((JSON.parse(json.text()) as { points: { value: number }[] }).points.map((p) => p.value)).toEqual([20 + (151 % 60), 20 + (152 % 60), 20 + (153 % 60)]);
  });
});
