import { afterEach, describe, expect, it } from 'vitest';
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { NoDataError } from '../../domain/errors.ts';
import type { EquityBarRecord } from '../../domain/records.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { loadEquitySeries, loadEquitySeriesIfStored } from './load-equity-series.ts';

const bar = (iso: string, source: string, close: number): EquityBarRecord => ({ symbol: '^RUT', day: parseDay(iso), source, open: null, high: null, low: null, close, volume: null });

describe('loadEquitySeries', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('picks one bar per day by source precedence and says which source each day came from', async () => {
    store = SqliteStore.open(':memory:');
    await store.write({ load: { source: 'rut_daily', origin: 'test' }, equityBars: [bar('2024-01-02', 'rut_daily', 1), bar('2024-01-03', 'rut_daily', 2)] });
    await store.write({ load: { source: 'yahoo', origin: 'test' }, equityBars: [bar('2024-01-03', 'yahoo', 20), bar('2024-01-04', 'yahoo', 30)] });
    await store.setSourcePrecedence(['yahoo', 'rut_daily']);
    const loaded = await loadEquitySeries(store, '^RUT');
    expect(Array.from(loaded.series.days).map((day) => isoDateOf(day as DayNumber)), 'one row per day').toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(Array.from(loaded.series.values), 'yahoo outranks the CSV on 01-03').toEqual([1, 20, 30]);
    expect(loaded.sourceOfDay, 'the choice is inspectable').toEqual(['rut_daily', 'yahoo', 'yahoo']);
    expect(loaded.daysBySource, 'and counted').toEqual({ rut_daily: 1, yahoo: 2 });
  });

  it('respects the day range and names the symbol when nothing is stored', async () => {
    store = SqliteStore.open(':memory:');
    await store.write({ load: { source: 'rut_daily', origin: 'test' }, equityBars: [bar('2024-01-02', 'rut_daily', 1), bar('2024-01-03', 'rut_daily', 2)] });
    const loaded = await loadEquitySeries(store, '^RUT', { to: parseDay('2024-01-02') });
    expect(loaded.series.days.length, '--to excludes 01-03').toBe(1);
    await expect(loadEquitySeries(store, '^GSPC'), 'a missing symbol is a NoDataError that names it').rejects.toThrow(NoDataError);
    await expect(loadEquitySeries(store, '^GSPC')).rejects.toThrow(/\^GSPC/);
    expect(await loadEquitySeriesIfStored(store, '^GSPC'), 'optional benchmarks come back as null').toBeNull();
  });

  it('picks the field from the highest-precedence source that HAS it that day (a close-only CSV does not hide Yahoo\'s open)', async () => {
    store = SqliteStore.open(':memory:');
    await store.write({ load: { source: 'rut_daily', origin: 'test' }, equityBars: [bar('2024-01-02', 'rut_daily', 1)] });
    await store.write({ load: { source: 'yahoo', origin: 'test' }, equityBars: [{ ...bar('2024-01-02', 'yahoo', 1.1), open: 0.9 }] });
    await store.setSourcePrecedence(['rut_daily', 'yahoo']);
    const open = await loadEquitySeries(store, '^RUT', { field: 'open' });
    expect(Array.from(open.series.values), 'the CSV has no open that day; Yahoo does').toEqual([0.9]);
    expect(open.sourceOfDay).toEqual(['yahoo']);
    const close = await loadEquitySeries(store, '^RUT');
    expect(Array.from(close.series.values), 'the close still comes from the CSV').toEqual([1]);
  });
});

