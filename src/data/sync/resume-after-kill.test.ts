/**
 * Kill -9 in the middle of a sync: a child process runs `altseason sync` against a slow loopback
 * world and is killed once some pages are committed. The store must open cleanly, and a re-run
 * must end with exactly the content of a clean run (same digest: no duplicate, no missing day).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../../domain/dates.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { storeCounts, storeDigest } from '../../../test/loopback/store-digest.ts';
import { allowFastRequests, syncForTest, testSources } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TODAY = parseDay('2023-08-16');
const SINCE_DAYS = 60;

describeWithSharedData('a sync killed with SIGKILL', () => {
  it('leaves a consistent store, and the next run converges to a clean run', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'altseason-kill-'));
    const world = { today: TODAY, coinMetricsPageSize: 15 };
    const slow = await serveProviders(new LoopbackServer(), world).start();
    const fast = await serveProviders(new LoopbackServer(), world).start();
    try {
      const killedPath = join(directory, 'killed.db');
      const prepared = SqliteStore.open(killedPath);
      await allowFastRequests(prepared);
      await prepared.close();

      slow.delayMs = 40;
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin', 'altseason.js'), '--db', killedPath, 'sync', '--today', isoDateOf(TODAY), '--since', isoDateOf(addDays(TODAY, -SINCE_DAYS)), '--top', '5'],
        { env: { ...process.env, ...loopbackEnv(slow) }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

      // Wait until some pages are committed (but not all), then kill without warning.
      const watcher = SqliteStore.open(killedPath);
      let loads = 0;
      for (let i = 0; i < 2000 && loads < 6 && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 10));
        loads = (await watcher.listLoads()).length;
      }
      await watcher.close();
      child.kill('SIGKILL');
      await exited;
      expect(loads, `the child committed some pages before the kill (stderr: ${stderr.slice(-500)})`).toBeGreaterThanOrEqual(6);

      const killed = SqliteStore.open(killedPath);
      const partial = await storeCounts(killed);
      const cleanStore = SqliteStore.open(join(directory, 'clean.db'));
      await syncForTest({ store: cleanStore, sources: await testSources(cleanStore, loopbackEnv(fast)), today: TODAY, sinceDays: SINCE_DAYS });
      const full = await storeCounts(cleanStore);
      expect(partial.observations! + partial.seriesPoints! + partial.equityBars!, 'the kill came before the sync finished').toBeLessThan(full.observations! + full.seriesPoints! + full.equityBars!);

      const summary = await syncForTest({ store: killed, sources: await testSources(killed, loopbackEnv(fast)), today: TODAY, sinceDays: SINCE_DAYS });
      expect(summary.sources.flatMap((s) => s.errors), 'the re-run completes without errors').toEqual([]);
      expect(await storeCounts(killed), 'the resumed store has as many rows as a clean run').toEqual(full);
      expect(await storeDigest(killed), 'the resumed store has exactly the content of a clean run').toBe(await storeDigest(cleanStore));
      await killed.close();
      await cleanStore.close();
    } finally {
      await slow.close();
      await fast.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
