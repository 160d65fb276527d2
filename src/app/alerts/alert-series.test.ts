/**
 * loadAlertSeries on the shared derivatives and sentiment files: the signal series equal each
 * signal's own history, and the stored inputs are read once for all the signals asked for.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData, sharedDataFile } from '../../../test/shared-data.ts';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { importFiles } from '../../data/import/import-files.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { SIGNALS } from '../../analytics/signals/signal-catalogue.ts';
import { readContext } from '../read-context.ts';
import { signalHistory } from '../signals.ts';
import { loadAlertSeries } from './alert-series.ts';

const TODAY = parseDay('2026-07-01');

/** The store with every call recorded as `method name-or-first-argument`. */
function countingReads(store: Store, reads: string[]): Store {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (reads.push(`${String(key)} ${JSON.stringify(args[0] ?? null)}`), (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

describeWithSharedData('alert signal series', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await importFiles(store, [sharedDataFile('btc_perp_funding_8h.csv'), sharedDataFile('fear_greed_daily.csv'), sharedDataFile('btc_derivatives_daily_aggregate.csv')]);
    // BTC closes for a year: an input shared by several signals (Bollinger width, momentum, …).
    const observations = [];
    for (let d = parseDay('2025-07-01'); d <= parseDay('2026-06-29'); d++) {
      const price = 40_000 + 5_000 * Math.sin(d / 20);
      observations.push({ assetId: 'bitcoin', day: d as DayNumber, source: 'test', symbol: 'BTC', price, marketCap: price * 19e6, volume: 1e10, rank: 1 });
    }
    await store.write({ load: { source: 'test', origin: 'test' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }], observations });
  });
  afterAll(() => store.close());

  it('equal each signal’s own history, every stored input read once for all of them', async () => {
    const ids = SIGNALS.map((s) => `signal:${s.name}`);
    const reads: string[] = [];
    const to = parseDay('2026-06-29');
    const series = await loadAlertSeries(readContext(countingReads(store, reads), { today: TODAY }), ids, to);
    expect([...series.keys()].sort()).toEqual([...ids].sort());
    expect(reads.length, 'some inputs were read (one signalHistory per signal made 190 calls here)').toBeGreaterThan(0);
    expect(reads.filter((r, i) => !r.startsWith('cryptoDaySpan') && reads.indexOf(r) !== i), 'no store read repeated').toEqual([]);
    for (const name of ['funding_annualised_btc', 'fear_greed', 'bollinger_width_btc']) {
      const own = await signalHistory(readContext(store, { today: TODAY }), { name, to });
      expect(own.points.length, `${name} has values in the shared files`).toBeGreaterThan(100);
      expect(series.get(`signal:${name}`)!.values, name).toEqual(own.points.map((p) => p.value));
    }
  });
});
