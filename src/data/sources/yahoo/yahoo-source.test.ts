import { describe, expect, it } from 'vitest';
import { isoDateOf, msOfDay, parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { HttpClient } from '../http/http-client.ts';
import { sourceContract } from '../source-contract.ts';
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
