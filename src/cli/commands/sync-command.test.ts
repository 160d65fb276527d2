import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { allowFastRequests } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { parseSyncOptions, syncCommand, SyncFailedError } from './sync-command.ts';

const TODAY = '2023-08-16';

function capture() {
  const stream = new PassThrough() as PassThrough & NodeJS.WriteStream;
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return { stream, text: () => text };
}

describe('parseSyncOptions', () => {
  it('defaults to every source, the top 100 and the past 365 days', () => {
    const options = parseSyncOptions({ today: TODAY });
    expect(options.sources, 'all providers by default').toEqual(['coingecko', 'coinmetrics', 'yahoo', 'binance', 'defillama', 'fred']);
    expect(options.top).toBe(100);
    expect(options.since, 'a year back by default, what CoinGecko free serves').toBe(parseDay('2022-08-16'));
  });

  it('refuses unknown sources and bad numbers with the value quoted', () => {
    expect(() => parseSyncOptions({ source: ['coinbase'] }), 'a typo in --source is named').toThrow(/--source: expected one of .* got "coinbase"/);
    expect(() => parseSyncOptions({ top: 'ten' }), '--top must be a number').toThrow(/--top: .* got "ten"/);
    expect(() => parseSyncOptions({ since: '2999-01-01', today: TODAY }), '--since in the future is refused').toThrow(/--since: must be before today/);
  });
});

describeWithSharedData('altseason sync', () => {
  it('--dry-run shows the plan, its calls and time under the rate limits, and sends nothing', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: parseDay(TODAY) }).start();
    const store = SqliteStore.open(':memory:');
    try {
      const out = capture();
      const err = capture();
      await syncCommand(store, parseSyncOptions({ today: TODAY, top: '100', dryRun: true }), { out: out.stream, err: err.stream, env: loopbackEnv(server) });
      expect(server.requests, 'a dry run sends no request').toHaveLength(0);
      expect(out.text(), 'the universe request is listed').toContain('the top 100 coins by market cap');
      expect(out.text(), 'the history that follows is estimated').toContain('daily history of the top 100');
      expect(out.text(), 'per-provider totals with the rate limit').toMatch(/coingecko\s+\d+\s+\d+\s+5\/60s/);

      const json = capture();
      await syncCommand(store, parseSyncOptions({ today: TODAY, top: '100', dryRun: true, format: 'json' }), { out: json.stream, err: capture().stream, env: loopbackEnv(server) });
      const plan = JSON.parse(json.text()) as { requests: { source: string }[]; totals: { source: string; rate_limit: string }[] };
      expect(plan.totals.find((t) => t.source === 'coingecko')?.rate_limit, '--format json is one document with the requests and the totals').toBe('5/60s');
      expect(plan.requests.length).toBeGreaterThan(0);
      const csv = capture();
      await syncCommand(store, parseSyncOptions({ today: TODAY, top: '100', dryRun: true, format: 'csv' }), { out: csv.stream, err: capture().stream, env: loopbackEnv(server) });
      const lines = csv.text().trim().split('\n');
      expect(lines[0], '--format csv is one table with one header').toBe('source,kind,request,calls');
      expect(lines.filter((line) => line.startsWith('source,')), 'a single header').toHaveLength(1);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('syncs, prints a summary, and fails with the reasons when a provider is down', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: parseDay(TODAY) }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await allowFastRequests(store);
      server.fail('/stablecoincharts/all', { kind: 'status', status: 404, body: { message: 'gone' } }, 10);
      const out = capture();
      const err = capture();
      const error = await syncCommand(store, parseSyncOptions({ today: TODAY, since: '2023-07-01', top: '5', source: ['yahoo,defillama'] }), { out: out.stream, err: err.stream, env: loopbackEnv(server) }).catch((e: unknown) => e);
      expect(error, 'a failed provider makes the command fail').toBeInstanceOf(SyncFailedError);
      expect((error as Error).message, 'the failure says which provider and why').toMatch(/failures in defillama[\s\S]*HTTP 404/);
      expect(out.text(), 'the summary lists each provider').toMatch(/yahoo\s+3\s+3\s+0/);
      expect(err.text(), 'without a terminal, progress is structured log lines').toContain('"event":"request-done"');
      expect((await store.readEquityBars('^RUT')).length, 'the healthy provider stored its data').toBeGreaterThan(0);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
