import { describe, expect, it } from 'vitest';
import { addDays, dayOfMs, isoDateOf, msOfDay, parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { iwmRawFactor, loadWorldData, loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { HttpClient } from '../http/http-client.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import { YahooSource } from './yahoo-source.ts';

sourceContract('yahoo');

describe('Yahoo specifics', () => {
  it('skips bars whose close is null (holidays, partial days) and dates bars in exchange time', async () => {
    const day = (text: string) => (msOfDay(parseDay(text)) + 14.5 * 3_600_000) / 1000;
    const server = await new LoopbackServer()
      .route('/v8/finance/chart/%5ERUT', () => ({
        body: {
          chart: {
            result: [{ meta: { symbol: '^RUT', gmtoffset: -18000 }, timestamp: [day('2024-01-02'), day('2024-01-03'), day('2024-01-04')], indicators: { quote: [{ open: [1, null, 3], high: [1, null, 3], low: [1, null, 3], close: [1980.5, null, 1990.25], volume: [10, null, 30] }] } }],
            error: null,
          },
        },
      }))
      .start();
    try {
      const source = new YahooSource(new HttpClient({ provider: 'yahoo', baseUrl: server.baseUrl }), ['^RUT']);
      const request = { source: 'yahoo', key: 'yahoo:chart:^RUT', kind: 'history' as const, description: '^RUT', from: parseDay('2024-01-01'), to: parseDay('2024-01-05'), calls: 1, params: { symbol: '^RUT' } };
      const bars = [];
      for await (const page of source.fetch(request, { identity: { resolve: () => '', pendingWrites: () => ({ assets: [], aliases: [] }) }, today: parseDay('2024-01-06'), now: 0 as never })) bars.push(...(page.equityBars ?? []));
      expect(bars.map((b) => [isoDateOf(b.day), b.close]), 'the null close of 2024-01-03 is skipped, not stored as 0').toEqual([
        ['2024-01-02', 1980.5],
        ['2024-01-04', 1990.25],
      ]);
      expect(server.requests[0]?.url.pathname, 'the ticker is URL-encoded').toBe('/v8/finance/chart/%5ERUT');
    } finally {
      await server.close();
    }
  });
});

describeWithSharedData('Yahoo adjusted closes', () => {
  const TODAY = parseDay('2023-08-16');

  it('stores IWM adjusted (the shared data’s closes) and the indices raw', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['yahoo']), today: TODAY });
      const shared = loadWorldData().equities.get('IWM')!;
      const bars = await store.readEquityBars('IWM');
      expect(bars.length, 'IWM was stored').toBeGreaterThan(30);
      for (const bar of bars) {
        const expected = shared.get(bar.day)!;
        expect(bar.close, `IWM ${isoDateOf(bar.day)}: adjclose, not the raw close`).toBe(expected.close);
        expect(bar.open!, 'open scaled by the same adjclose/close factor').toBeCloseTo(expected.open, 9);
        expect(bar.close, 'the raw close differed').not.toBeCloseTo(expected.close * iwmRawFactor(bar.day), 6);
      }
      const rut = await store.readEquityBars('^RUT');
      for (const bar of rut) expect(bar.close, '^RUT keeps its close (an index pays no dividend)').toBe(loadWorldData().equities.get('^RUT')!.get(bar.day)!.close);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('refuses an IWM response without adjclose rather than mixing raw closes in, naming why', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      server.fail('/v8/finance/chart/IWM', { kind: 'replace', body: { chart: { result: [{ meta: { symbol: 'IWM' }, timestamp: [1692192600], indicators: { quote: [{ close: [187.1] }] } }], error: null } } });
      const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['yahoo']), today: TODAY });
      expect(summary.sources[0]?.errors.join('\n')).toMatch(/IWM is stored with adjusted closes, but the response has no indicators\.adjclose/);
      expect(await store.readEquityBars('IWM'), 'nothing stored from it').toEqual([]);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('rewrites all of the stored IWM history on a rescale, also the days before this run’s --since', async () => {
    // A deep first sync, then daily syncs with a shorter --since (the default is 365 days): the
    // older adjusted closes must move to the new basis too, or the history jumps at --since.
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['yahoo']), today: TODAY, sinceDays: 60 });
      const before = await store.readEquityBars('IWM');
      const tomorrow = addDays(TODAY, 1);
      const world = { today: tomorrow };
      const next = await serveProviders(new LoopbackServer(), world).start();
      const plain = await serveProviders(new LoopbackServer(), world).start();
      const rescale = (body: { chart: { result: { timestamp: number[]; indicators: { adjclose: { adjclose: number[] }[] } }[] } }) => {
        const result = body.chart.result[0]!;
        result.indicators.adjclose[0]!.adjclose = result.indicators.adjclose[0]!.adjclose.map((v, i) => (dayOfMs(result.timestamp[i]! * 1000) < TODAY ? v * 0.99 : v));
        return body;
      };
      try {
        next.route('/v8/finance/chart/IWM', async (url) => ({ body: rescale((await (await fetch(`${plain.baseUrl}/v8/finance/chart/IWM${url.search}`)).json()) as never) }));
        const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(next), ['yahoo']), today: tomorrow, sinceDays: 20 });
        expect(summary.sources[0]?.errors, 'the rewrite succeeds').toEqual([]);
        const after = new Map((await store.readEquityBars('IWM')).map((b) => [b.day, b.close]));
        expect(before.some((b) => b.day < addDays(tomorrow, -20)), 'some stored days lie before the second run’s --since').toBe(true);
        for (const bar of before.filter((b) => b.day < TODAY)) expect(after.get(bar.day), `${isoDateOf(bar.day)} rewritten on the new basis`).toBeCloseTo(bar.close * 0.99, 9);
      } finally {
        await next.close();
        await plain.close();
      }
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('rewrites the stored IWM history when Yahoo rescales it (an ex-dividend day), and only then', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['yahoo']), today: TODAY });
      const before = await store.readEquityBars('IWM');
      // The next day: a dividend went ex, so Yahoo's adjclose for every earlier day is 1 % lower.
      const tomorrow = addDays(TODAY, 1);
      const world = { today: tomorrow };
      const next = await serveProviders(new LoopbackServer(), world).start();
      const plain = await serveProviders(new LoopbackServer(), world).start();
      const rescale = (body: { chart: { result: { timestamp: number[]; indicators: { adjclose: { adjclose: number[] }[] } }[] } }) => {
        const result = body.chart.result[0]!;
        result.indicators.adjclose[0]!.adjclose = result.indicators.adjclose[0]!.adjclose.map((v, i) => (dayOfMs(result.timestamp[i]! * 1000) < TODAY ? v * 0.99 : v));
        return body;
      };
      try {
        const original = `${plain.baseUrl}`;
        next.route('/v8/finance/chart/IWM', async (url) => ({ body: rescale((await (await fetch(`${original}/v8/finance/chart/IWM${url.search}`)).json()) as never) }));
        const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(next), ['yahoo']), today: tomorrow, sinceDays: 61 });
        expect(summary.sources[0]?.errors, 'the rewrite succeeds').toEqual([]);
        const after = new Map((await store.readEquityBars('IWM')).map((b) => [b.day, b.close]));
        for (const bar of before.filter((b) => b.day < TODAY)) expect(after.get(bar.day), `${isoDateOf(bar.day)} rewritten on the new basis`).toBeCloseTo(bar.close * 0.99, 9);
        expect(next.requestsTo('/v8/finance/chart/IWM'), 'one request to notice, one to rewrite').toHaveLength(2);
        expect(next.requestsTo('/v8/finance/chart/%5ERUT'), 'the indices ask only for the new day').toHaveLength(1);
      } finally {
        await next.close();
        await plain.close();
      }
    } finally {
      await store.close();
      await server.close();
    }
  });
});
