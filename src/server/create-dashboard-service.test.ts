import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import type { ObservationRecord } from '../domain/records.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { marketStatus } from '../app/market-status.ts';
import { readContext } from '../app/read-context.ts';
import { createDashboardService } from './create-dashboard-service.ts';

const FIRST = parseDay('2024-01-01');

describe('the dashboard service answers with the use cases', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const coins = [
      { id: 'bitcoin', symbol: 'BTC', cap: 1000 },
      { id: 'ethereum', symbol: 'ETH', cap: 500 },
      { id: 'dogecoin', symbol: 'DOGE', cap: 100 },
    ];
    const observations = coins.flatMap((c) =>
      Array.from({ length: 120 }, (_, i): ObservationRecord => ({ assetId: c.id, day: (FIRST + i) as DayNumber, source: 'test', symbol: c.symbol, price: c.id === 'ethereum' ? 10 + i : 100, marketCap: c.cap, volume: null, rank: null })),
    );
    const equityBars = Array.from({ length: 100 }, (_, i) => ({ symbol: '^RUT', day: (FIRST + i) as DayNumber, source: 'test', open: null, high: null, low: null, close: 2000 + i, volume: null }));
    await store.write({ load: { source: 'test', origin: 'unit' }, assets: coins.map((c) => ({ id: c.id, symbol: c.symbol, name: c.symbol })), observations, equityBars });
  });
  afterAll(() => store.close());

  it('gives the same status as the CLI', async () => {
    const service = createDashboardService(store);
    const fromService = await service.status();
    const fromCli = await marketStatus(readContext(store));
    expect(fromService.items, 'one use case, so one answer').toEqual(fromCli.items);
  });

  it('answers a range outside the data with no data (404), naming the field and the span, on every endpoint', async () => {
    const service = createDashboardService(store);
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['index after the data', () => service.index({ window: 30, top: 5, from: '2030-01-01' }), /^from 2030-01-01 is after the last day with data: the stored crypto data cover 2024-01-01 … 2024-04-29$/],
      ['index before the data', () => service.index({ window: 30, top: 5, from: '2000-01-01', to: '2001-01-01' }), /^to 2001-01-01 is before the first day with data/],
      ['explain after the data', () => service.explain({ date: '2030-01-01', window: 30, top: 5 }), /^date 2030-01-01 is after the last day with data/],
      ['Russell 2000 before its closes', () => service.rut({ to: '1900-01-01', breakoutDrawdownPct: 10 }), /^to 1900-01-01 is before the first \^RUT close: the stored \^RUT closes cover 2024-01-01 … 2024-04-09$/],
      ['Russell 2000 after its closes', () => service.rut({ from: '2030-01-01', breakoutDrawdownPct: 10 }), /^from 2030-01-01 is after the last \^RUT close/],
    ];
    for (const [what, call, message] of cases) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error, what).toBeInstanceOf(NoDataError);
      expect((error as Error).message, what).toMatch(message);
    }
  });
});
