import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { addDays, dayOfMs, isoDateOf, msOfDay, parseDay, type DayNumber } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loadWorldData, loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { storeContent, storeDigest } from '../../../../test/loopback/store-digest.ts';
import { allowFastRequests, syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';

sourceContract('binance', { storedSources: ['bybit'] });

describeWithSharedData('Binance → Bybit funding fallback', () => {
  const TODAY = parseDay('2023-08-16');
  const fundingTimes = async (store: SqliteStore) =>
    (await storeContent(store)).seriesPoints.filter((p) => p.series === 'funding_rate_8h:BTCUSDT').map((p) => p.at).sort((a, b) => a - b);

  it('leaves no gap when a run stops part-way through Bybit’s newest-first funding pages', async () => {
    const server = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const cleanServer = await serveProviders(new LoopbackServer(), { today: TODAY }).start();
    const store = SqliteStore.open(':memory:');
    const clean = SqliteStore.open(':memory:');
    try {
      // 200 days of 8-hourly funding is three Bybit pages of 200; the third one is refused (not retried).
      server.fail('/fapi/v1/fundingRate', { kind: 'status', status: 451 });
      server.fail('/v5/market/funding/history', { kind: 'pass' }, 2).fail('/v5/market/funding/history', { kind: 'status', status: 400 });
      const first = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['binance']), today: TODAY, sinceDays: 200 });
      expect(first.ok, 'the run stopped part-way').toBe(false);

      await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['binance']), today: TODAY, sinceDays: 200 });
      await syncForTest({ store: clean, sources: await testSources(clean, loopbackEnv(cleanServer), ['binance']), today: TODAY, sinceDays: 200 });
      const expected = await fundingTimes(clean);
      expect(expected.length, 'the clean run has more than two Bybit pages of settlements').toBeGreaterThan(400);
      expect(await fundingTimes(store), 'the resumed run holds every settlement a clean run holds').toEqual(expected);
    } finally {
      await store.close();
      await clean.close();
      await server.close();
      await cleanServer.close();
    }
  });
});

describeWithSharedData('Binance open interest and long/short: 30-day windows accumulate', () => {
  // The world's market data end 2023-08-27: every sync day below lies before.
  const D1 = parseDay('2023-06-01');
  const OI = 'open_interest_usd:BTCUSDT';
  const LS = 'long_short_ratio:BTCUSDT';
  const rowsOf = async (store: SqliteStore, series: string) => (await storeContent(store)).seriesPoints.filter((p) => p.series === series);
  const days = (from: DayNumber, to: DayNumber) => Array.from({ length: to - from + 1 }, (_, i) => isoDateOf((from + i) as DayNumber));
  const syncOn = async (store: SqliteStore, today: DayNumber) => {
    const server = await serveProviders(new LoopbackServer(), { today }).start();
    try {
      const summary = await syncForTest({ store, sources: await testSources(store, loopbackEnv(server), ['binance']), today, sinceDays: 40 });
      expect(summary.sources.flatMap((x) => x.errors), `the sync of ${isoDateOf(today)} has no errors`).toEqual([]);
    } finally {
      await server.close();
    }
  };

  it('two syncs ten days apart (windows overlapping by 20 days) hold every day once, with the value served for it', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      await syncOn(store, D1);
      const D2 = addDays(D1, 10);
      await syncOn(store, D2);
      // The world serves open interest = BTC's market cap / 2000 for each of the last 30 days
      // before its today, and the ratio 1 + (day mod 7) / 10.
      const btc = loadWorldData().coins.find((c) => c.id === 'bitcoin')!;
      for (const [series, expected] of [
        [OI, (day: number) => btc.days.get(day)!.cap! / 2000],
        [LS, (day: number) => 1 + (day % 7) / 10],
      ] as const) {
        const rows = await rowsOf(store, series);
        const stored = rows.map((p) => isoDateOf(dayOfMs(p.at)));
        expect(stored, `${series}: D1 − 30 … D2 − 1, each day once (no gap at the seam, no duplicate)`).toEqual(days(addDays(D1, -30), addDays(D2, -1)));
        for (const p of rows) {
          expect(p.at % 86_400_000, 'stamped at the day’s start').toBe(0);
          expect(p.source).toBe('binance');
          expect(p.value, `${series} ${isoDateOf(dayOfMs(p.at))}`).toBeCloseTo(expected(dayOfMs(p.at)), 6);
        }
      }
      // A third sync the same day adds nothing.
      const before = await storeDigest(store);
      await syncOn(store, D2);
      expect(await storeDigest(store), 'a repeated sync stores nothing new').toBe(before);
    } finally {
      await store.close();
    }
  });

  it('after a gap longer than the window, stores the 30 days Binance still serves (the days between are lost)', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      await syncOn(store, D1);
      const D3 = addDays(D1, 45);
      await syncOn(store, D3);
      const stored = (await rowsOf(store, OI)).map((p) => isoDateOf(dayOfMs(p.at)));
      expect(stored, 'D1 − 30 … D1 − 1, then D3 − 30 … D3 − 1: the 15 days between are no longer served').toEqual([...days(addDays(D1, -30), addDays(D1, -1)), ...days(addDays(D3, -30), addDays(D3, -1))]);
    } finally {
      await store.close();
    }
  });

  it('a sync killed with SIGKILL mid-way converges, re-run the same day, to the store of uninterrupted syncs, and stays so the next day', async () => {
    const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
    const directory = mkdtempSync(join(tmpdir(), 'altseason-binance-kill-'));
    const slow = await serveProviders(new LoopbackServer(), { today: D1 }).start();
    try {
      const killedPath = join(directory, 'killed.db');
      const prepared = SqliteStore.open(killedPath);
      await allowFastRequests(prepared);
      await prepared.close();
      // Six requests (funding, open interest, ratio × BTCUSDT, ETHUSDT), each answered slowly.
      slow.delayMs = 500;
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'altseason.js'), '--db', killedPath, 'sync', '--source', 'binance', '--today', isoDateOf(D1), '--since', isoDateOf(addDays(D1, -40))], {
        env: { ...process.env, ...loopbackEnv(slow) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      const watcher = SqliteStore.open(killedPath);
      let loads = 0;
      for (let i = 0; i < 3000 && loads < 2 && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 10));
        loads = (await watcher.listLoads()).length;
      }
      await watcher.close();
      child.kill('SIGKILL');
      await exited;
      expect(loads, `some requests were stored before the kill (stderr: ${stderr.slice(-500)})`).toBeGreaterThanOrEqual(2);

      // The killed store resumes with the next day's sync; a clean store syncs on both days.
      const killed = SqliteStore.open(killedPath);
      const clean = SqliteStore.open(join(directory, 'clean.db'));
      try {
        const partial = (await storeContent(killed)).seriesPoints.length;
        await syncOn(clean, D1);
        expect(partial, 'the kill came before the sync finished').toBeLessThan((await storeContent(clean)).seriesPoints.length);
        // Re-run the same day: what the killed run missed is still in Binance's window.
        await syncOn(killed, D1);
        expect(await storeDigest(killed), 'the re-run on the day of the kill has exactly the content of a clean run').toBe(await storeDigest(clean));
        // And the next day's syncs keep them equal, history accumulating.
        const D2 = addDays(D1, 1);
        await syncOn(killed, D2);
        await syncOn(clean, D2);
        const oiDays = (await rowsOf(killed, OI)).map((p) => p.at);
        expect(new Set(oiDays).size, 'no duplicate open-interest day').toBe(oiDays.length);
        expect(oiDays, 'D1 − 30 … D2 − 1').toEqual(Array.from({ length: 31 }, (_, i) => msOfDay(addDays(D1, i - 30))));
        expect(await storeDigest(killed), 'the resumed store has exactly the content of uninterrupted syncs').toBe(await storeDigest(clean));
      } finally {
        await killed.close();
        await clean.close();
      }
    } finally {
      await slow.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
