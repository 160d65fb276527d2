/**
 * A running dashboard sees data another process loaded: the store's latest load id is read at
 * most once per interval, and a new one drops every cached answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { DayNumber } from '../domain/dates.ts';
import { createDashboardApp } from './create-app.ts';
import { watchDataVersion } from './http-data-version.ts';
import { testService } from '../../test/fixtures/dashboard-test-service.ts';

describe('watchDataVersion', () => {
  it('reads the version at most once per interval and reports only a change', async () => {
    let clock = 0;
    let version = 1;
    let reads = 0;
    let changes = 0;
    const watcher = watchDataVersion(
      async () => (reads++, version),
      () => changes++,
      { intervalMs: 1000, now: () => clock },
    );
    await watcher.check();
    await watcher.check();
    expect([reads, changes], 'the first read only records the version; a second within the interval reads nothing').toEqual([1, 0]);
    version = 2;
    clock = 999;
    await watcher.check();
    expect(changes, 'not read again before a second has passed').toBe(0);
    clock = 1000;
    await watcher.check();
    expect([reads, changes], 'a new version is a change').toEqual([2, 1]);
    clock = 2000;
    await watcher.check();
    expect(changes, 'the same version again is no change').toBe(1);
  });
});

describe('the dashboard and another process writing the same store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-data-version-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an import by another handle on the file shows up in /api/meta (the cached answers are dropped)', async () => {
    const path = join(dir, 'altseason.db');
    const served = SqliteStore.open(path);
    const importer = SqliteStore.open(path);
    const load = (day: number) =>
      importer.write({
        load: { source: 'user', origin: `day ${day}` },
        assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
        observations: [{ assetId: 'bitcoin', day: day as DayNumber, source: 'user', symbol: 'BTC', price: 29_000, marketCap: 5.4e11, volume: null, rank: 1 }],
      });
    try {
      await load(18_628);
      const service = testService({
        meta: async () => {
          const summary = await served.summary();
          return { store: path, observations: summary.observations } as never;
        },
      });
      const { app } = createDashboardApp(service, { staticDir: '/nonexistent', dataVersion: () => served.latestLoadId(), dataVersionIntervalMs: 0 });
      const observations = async () => ((await (await app.request('/api/meta', { headers: { host: 'localhost' } })).json()) as { observations: number }).observations;
      expect(await observations()).toBe(1);
      expect(await observations(), 'cached while nothing changes').toBe(1);
      expect(service.refreshes).toBe(0);
      await load(18_629);
      expect(await observations(), 'the other process’s import is served without a restart').toBe(2);
      expect(service.refreshes, 'the service’s caches were refreshed once').toBe(1);
    } finally {
      await importer.close();
      await served.close();
    }
  });
});
