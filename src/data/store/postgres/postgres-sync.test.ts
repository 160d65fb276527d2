/**
 * `altseason sync` against PostgreSQL: a child process syncing from a slow loopback world is
 * killed with SIGKILL once some pages are committed; the store is consistent and a re-run ends
 * with exactly the content of a clean run (same digest as a clean SQLite run). Two syncs running
 * at once on one database store every row once, with the same content.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../../../domain/dates.ts';
import { describeWithPostgres, dropTestObjects, freshDatabaseUrl, freshSchemaUrl } from '../../../../test/contracts/postgres-test-db.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { storeCounts, storeDigest } from '../../../../test/loopback/store-digest.ts';
import { allowFastRequests, syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import { PostgresStore } from './postgres-store.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const TODAY = parseDay('2023-08-16');
const SINCE_DAYS = 60;

afterAll(() => dropTestObjects());

describeWithSharedData('sync against PostgreSQL', () => {
  describeWithPostgres('a killed sync and two at once', () => {
    it('a SIGKILL leaves a consistent store, the next run converges to a clean run; two syncs at once store each row once', async () => {
      const world = { today: TODAY, coinMetricsPageSize: 15 };
      const slow = await serveProviders(new LoopbackServer(), world).start();
      const fast = await serveProviders(new LoopbackServer(), world).start();
      const quiet = { onLockWait: () => {} };
      try {
        const url = await freshDatabaseUrl('sync');
        const prepared = PostgresStore.open(url);
        await allowFastRequests(prepared);
        await prepared.close();

        slow.delayMs = 40;
        const child = spawn(
          process.execPath,
          [join(ROOT, 'bin', 'altseason.js'), '--db', url, 'sync', '--today', isoDateOf(TODAY), '--since', isoDateOf(addDays(TODAY, -SINCE_DAYS)), '--top', '5'],
          { env: { ...process.env, ALTSEASON_FROM_SOURCE: '1', ...loopbackEnv(slow) }, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
        const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

        // Wait until some pages are committed (but not all), then kill without warning.
        const watcher = PostgresStore.open(url, { readOnly: true });
        let loads = 0;
        for (let i = 0; i < 2000 && loads < 6 && child.exitCode === null; i++) {
          await new Promise((r) => setTimeout(r, 10));
          loads = (await watcher.listLoads()).length;
        }
        await watcher.close();
        child.kill('SIGKILL');
        await exited;
        expect(loads, `the child committed some pages before the kill (stderr: ${stderr.slice(-500)})`).toBeGreaterThanOrEqual(6);

        const clean = SqliteStore.open(':memory:');
        await syncForTest({ store: clean, sources: await testSources(clean, loopbackEnv(fast)), today: TODAY, sinceDays: SINCE_DAYS });
        const full = await storeCounts(clean);
        const digest = await storeDigest(clean);
        await clean.close();

        const killed = PostgresStore.open(url, quiet);
        const partial = await storeCounts(killed);
        expect(partial.observations! + partial.seriesPoints! + partial.equityBars!, 'the kill came before the sync finished').toBeLessThan(full.observations! + full.seriesPoints! + full.equityBars!);
        const summary = await syncForTest({ store: killed, sources: await testSources(killed, loopbackEnv(fast)), today: TODAY, sinceDays: SINCE_DAYS });
        expect(summary.sources.flatMap((s) => s.errors), 'the re-run completes without errors').toEqual([]);
        expect(await storeCounts(killed), 'the resumed store has as many rows as a clean run').toEqual(full);
        expect(await storeDigest(killed), 'the resumed store has exactly the content of a clean (SQLite) run').toBe(digest);
        await killed.close();

        // Two syncs at once, as two processes would: two handles (pools) on one fresh schema.
        const { url: shared } = await freshSchemaUrl('two_syncs');
        const first = PostgresStore.open(shared, quiet);
        const second = PostgresStore.open(shared, quiet);
        const [sourcesA, sourcesB] = [await testSources(first, loopbackEnv(fast)), await testSources(second, loopbackEnv(fast))];
        const both = await Promise.all([
          syncForTest({ store: first, sources: sourcesA, today: TODAY, sinceDays: SINCE_DAYS }),
          syncForTest({ store: second, sources: sourcesB, today: TODAY, sinceDays: SINCE_DAYS }),
        ]);
        expect(both.flatMap((run) => run.sources.flatMap((s) => s.errors)), 'neither fails').toEqual([]);
        expect(await storeCounts(first), 'no row twice').toEqual(full);
        expect(await storeDigest(second), 'the content of one clean run').toBe(digest);
        await first.close();
        await second.close();
      } finally {
        await slow.close();
        await fast.close();
      }
    }, 180_000);
  });
});
