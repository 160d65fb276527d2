import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../../domain/dates.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { storeCounts, storeDigest } from '../../../test/loopback/store-digest.ts';
import { allowFastRequests, syncForTest, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SyncFailedError } from '../../domain/errors.ts';
import { parseSyncOptions, syncCommand } from './sync-command.ts';

const TODAY = '2023-08-16';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs `altseason ARGS` in a child process (from the sources, as vitest's env says). */
function altseason(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'altseason.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

function capture() {
  const stream = new PassThrough() as PassThrough & NodeJS.WriteStream;
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return { stream, text: () => text };
}

describe('parseSyncOptions', () => {
  it('defaults to every source, the top 100 and the past 365 days', () => {
    const options = parseSyncOptions({ today: TODAY });
    expect(options.sources, 'all providers by default').toEqual(['coingecko', 'coinmetrics', 'yahoo', 'binance', 'defillama', 'fred', 'deribit', 'alternative-me', 'coinmetrics-flows', 'okx', 'defillama-chains', 'bybit']);
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
      // CoinGecko's first sync: 1 universe page, /global, the category list with its 4 excluded and
      // 10 sector member lists, then 100 histories: 117 calls; 112 beyond the burst of 5 at 5/min
      // take 22.4 min.
      expect(out.text(), 'per-provider totals with the rate limit').toMatch(/^coingecko\s+3\s+117\s+5\/60s\s+22\.4$/m);

      const json = capture();
      await syncCommand(store, parseSyncOptions({ today: TODAY, top: '100', dryRun: true, format: 'json' }), { out: json.stream, err: capture().stream, env: loopbackEnv(server) });
      const plan = JSON.parse(json.text()) as { requests: { source: string; kind: string; calls: number }[]; totals: Record<string, unknown>[] };
      expect(plan.totals.find((t) => t.source === 'coingecko'), '--format json is one document with the requests and the totals').toMatchObject({ requests: 3, calls: 117, minutes: 22.4 });
      expect(
        plan.requests.filter((r) => r.source === 'coingecko').map((r) => [r.kind, r.calls]),
        'CoinGecko: universe, /global, categories, then the estimated history',
      ).toEqual([
        ['snapshot', 1],
        ['snapshot', 1],
        ['reference', 15],
        ['history', 100],
      ]);
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

  it('prints every retry with its reason and wait while it waits', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: parseDay(TODAY) }).start();
    const store = SqliteStore.open(':memory:');
    try {
      await allowFastRequests(store);
      server.fail('/v8/finance/chart/%5ERUT', { kind: 'status', status: 429, retryAfter: '0' }).fail('/v8/finance/chart/%5ERUT', { kind: 'status', status: 503, body: 'upstream down' });
      const err = capture();
      await syncCommand(store, parseSyncOptions({ today: TODAY, since: '2023-07-01', source: ['yahoo'] }), { out: capture().stream, err: err.stream, env: loopbackEnv(server) });
      const retries = err
        .text()
        .split('\n')
        .filter((line) => line.includes('"event":"retry"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(
        retries.map(({ source, endpoint, attempt, maxAttempts, reason }) => ({ source, endpoint, attempt, maxAttempts, reason })),
        'each retry is on stderr with the provider, the endpoint, the attempt and why',
      ).toEqual([
        { source: 'yahoo', endpoint: '/v8/finance/chart', attempt: 1, maxAttempts: 4, reason: 'HTTP 429: injected 429' },
        { source: 'yahoo', endpoint: '/v8/finance/chart', attempt: 2, maxAttempts: 4, reason: 'HTTP 503: upstream down' },
      ]);
      expect(retries[0]?.delayMs, 'the wait Retry-After asked for').toBe(0);
      expect(retries[1]?.delayMs, 'then the backoff: 1 s base, half to full jitter').toSatisfy((ms: number) => ms >= 1000 && ms <= 2000);
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

describeWithSharedData('altseason sync in a child process', () => {
  it('--dry-run without a store plans a first sync and creates no store (nor its folder)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'altseason-dry-'));
    const server = await serveProviders(new LoopbackServer(), { today: parseDay(TODAY) }).start();
    try {
      const path = join(directory, 'not-yet', 'altseason.db');
      const run = altseason(['--db', path, 'sync', '--dry-run', '--today', TODAY, '--top', '5', '--source', 'coingecko'], loopbackEnv(server));
      const { code } = await run.exited;
      expect(code, `the dry run succeeds (stderr: ${run.stderr().slice(-400)})`).toBe(0);
      expect(existsSync(dirname(path)), 'a dry run creates neither the store nor its folder').toBe(false);
      expect(run.stderr(), 'it says the plan starts from nothing stored').toContain(`note: no store at ${path} yet: this is the plan of a first sync from nothing stored (the dry run created no store)`);
      expect(run.stdout(), 'the plan of a first sync: today’s universe first').toContain('the top 5 coins by market cap on 2023-08-16');
      expect(server.requests, 'and it sends nothing').toEqual([]);
    } finally {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('--dry-run on an existing store leaves the file untouched', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'altseason-dry-'));
    const server = await serveProviders(new LoopbackServer(), { today: parseDay(TODAY) }).start();
    try {
      const path = join(directory, 'altseason.db');
      const store = SqliteStore.open(path);
      await allowFastRequests(store);
      const loadsBefore = (await store.listLoads()).length;
      await store.close();
      const bytesBefore = createHash('sha256').update(readFileSync(path)).digest('hex');
      const run = altseason(['--db', path, 'sync', '--dry-run', '--today', TODAY, '--top', '5', '--source', 'yahoo'], loopbackEnv(server));
      expect((await run.exited).code, `the dry run succeeds (stderr: ${run.stderr().slice(-400)})`).toBe(0);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex'), 'the store file is byte for byte the same').toBe(bytesBefore);
      const after = SqliteStore.open(path, { readOnly: true });
      expect((await after.listLoads()).length, 'no load was recorded').toBe(loadsBefore);
      await after.close();
      expect(run.stdout(), 'the plan lists Yahoo’s requests').toContain('^RUT');
    } finally {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('Ctrl-C stops between writes, says what was stored and how to resume, exits 130, and the resumed run converges', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'altseason-sigint-'));
    const today = parseDay(TODAY);
    const world = { today, coinMetricsPageSize: 15 };
    const slow = await serveProviders(new LoopbackServer(), world).start();
    const fast = await serveProviders(new LoopbackServer(), world).start();
    try {
      const path = join(directory, 'interrupted.db');
      const prepared = SqliteStore.open(path);
      await allowFastRequests(prepared);
      await prepared.close();
      slow.delayMs = 40;
      const args = ['--db', path, 'sync', '--today', TODAY, '--since', isoDateOf(addDays(today, -60)), '--top', '5'];
      const run = altseason(args, loopbackEnv(slow));

      // Wait until some pages are committed (but not all), then press Ctrl-C.
      const watcher = SqliteStore.open(path, { readOnly: true });
      let loads = 0;
      for (let i = 0; i < 2000 && loads < 4 && run.child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 10));
        loads = (await watcher.listLoads()).length;
      }
      await watcher.close();
      run.child.kill('SIGINT');
      const exit = await run.exited;
      expect(loads, `the child committed some pages before Ctrl-C (stderr: ${run.stderr().slice(-500)})`).toBeGreaterThanOrEqual(4);
      expect(exit, `Ctrl-C exits with 130, not killed by the signal (stderr: ${run.stderr().slice(-800)})`).toEqual({ code: 130, signal: null });

      const stored = SqliteStore.open(path);
      const counts = await storeCounts(stored);
      const rows = counts.observations! + counts.equityBars! + counts.seriesPoints! + counts.categoryRules!;
      const said = /sync interrupted: stored (\d+) rows \((\d+) request\(s\) finished, (\d+) planned request\(s\) not finished\)/.exec(run.stderr());
      expect(said, `stderr says what was stored (${run.stderr().slice(-800)})`).not.toBeNull();
      expect(Number(said![1]), 'the rows it says were stored are the rows in the store').toBe(rows);
      expect(Number(said![3]), 'some planned requests were not finished').toBeGreaterThan(0);
      expect(run.stderr(), 'and how to resume: the same command').toContain(`to resume, run the same command again (it asks only for what is still missing): altseason ${args.join(' ')}`);
      expect(run.stdout(), 'the summary table is printed').toMatch(/^source\s+requests\s+succeeded/m);

      const clean = SqliteStore.open(join(directory, 'clean.db'));
      await syncForTest({ store: clean, sources: await testSources(clean, loopbackEnv(fast)), today, sinceDays: 60 });
      const resumed = await syncForTest({ store: stored, sources: await testSources(stored, loopbackEnv(fast)), today, sinceDays: 60 });
      expect(resumed.sources.flatMap((s) => s.errors), 'the resumed run completes without errors').toEqual([]);
      expect(await storeDigest(stored), 'the resumed store has exactly the content of a clean run').toBe(await storeDigest(clean));
      await stored.close();
      await clean.close();
    } finally {
      await slow.close();
      await fast.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
