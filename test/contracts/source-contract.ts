/**
 * The contract every MarketDataSource passes, against a loopback world that answers in the
 * documented shapes with real values (../shared/data). Call it from the source's test file.
 * It checks what a user relies on: a first sync stores data with its source; a second sync the
 * same day asks for nothing; the next day asks only for the new day; and a response whose shape
 * changed fails with provider, endpoint and field named, storing nothing from it.
 */
import { expect, it } from 'vitest';
import { addDays, dayOfMs, msOfDay, parseDay, type DayNumber } from '../../src/domain/dates.ts';
import { LoopbackServer } from '../loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../loopback/provider-world.ts';
import { storeContent, storeCounts, storeDigest } from '../loopback/store-digest.ts';
import { syncForTest, testSources } from '../loopback/sync-fixture.ts';
import { describeWithSharedData } from '../shared-data.ts';
import { AssetResolver } from '../../src/data/identity/asset-resolver.ts';
import { SqliteStore } from '../../src/data/store/sqlite/sqlite-store.ts';
import { storeCoverage } from '../../src/data/sync/store-coverage.ts';
import type { Store } from '../../src/data/store/store.ts';
import type { SourceName } from '../../src/data/sources/create-sources.ts';
import type { MarketDataSource } from '../../src/data/sources/market-data-source.ts';

export interface SourceContractOptions {
  /** The world's today (must lie within ../shared/data's coverage). */
  today?: DayNumber;
  sinceDays?: number;
  /** Sources whose names may appear on stored rows (fallbacks, snapshot variants). */
  storedSources?: readonly string[];
}

export function sourceContract(name: SourceName, options: SourceContractOptions = {}): void {
  const today = options.today ?? parseDay('2023-08-16');
  const sinceDays = options.sinceDays ?? 40;
  const storedSources = new Set([name, ...(options.storedSources ?? [])]);

  describeWithSharedData(`the ${name} source passes the MarketDataSource contract`, () => {
    const setup = async (world = { today }) => {
      const server = await serveProviders(new LoopbackServer(), world).start();
      const store: Store = SqliteStore.open(':memory:');
      const [source] = await testSources(store, loopbackEnv(server), [name]);
      return { server, store, source: source!, world };
    };
    const plan = async (store: Store, source: MarketDataSource, day: DayNumber) =>
      source.plan({ stored: storeCoverage(store), identity: await AssetResolver.fromStore(store), today: day, since: addDays(day, -sinceDays), top: 5 });

    it('describes itself', async () => {
      const { server, store, source } = await setup();
      try {
        expect(source.name, 'the source is named as the user selects it').toBe(name);
        expect(source.provides.length, 'a source says what it can provide').toBeGreaterThan(0);
      } finally {
        await store.close();
        await server.close();
      }
    });

    it('stores complete days with their source on a first sync, then asks for nothing the same day', async () => {
      const { server, store, source } = await setup();
      try {
        const summary = await syncForTest({ store, sources: [source], today, sinceDays });
        expect(summary.sources[0]?.errors, 'a first sync against a healthy provider has no errors').toEqual([]);
        expect(summary.ok, 'every request succeeded').toBe(true);
        const counts = await storeCounts(store);
        expect(counts.observations! + counts.equityBars! + counts.seriesPoints!, 'a first sync stores data').toBeGreaterThan(0);
        for (const o of await store.readObservations()) {
          expect(storedSources.has(o.source), `observation source ${o.source} belongs to ${name}`).toBe(true);
          expect(o.day, 'no day after today is stored').toBeLessThanOrEqual(today);
        }
        for (const seriesName of await store.listSeries()) {
          for (const p of await store.readSeries(seriesName)) {
            expect(storedSources.has(p.source), `series ${seriesName} source ${p.source} belongs to ${name}`).toBe(true);
            expect(Number.isFinite(p.value), `${seriesName} values are numbers`).toBe(true);
            expect(p.at, `${seriesName} has nothing from the future`).toBeLessThanOrEqual(msOfDay(today));
          }
        }
        const before = server.requests.length;
        const again = await plan(store, source, today);
        expect(again.requests.map((r) => r.key), 'a second sync the same day plans no request').toEqual([]);
        await syncForTest({ store, sources: [source], today, sinceDays });
        expect(server.requests.length - before, 'and sends none').toBe(0);
      } finally {
        await store.close();
        await server.close();
      }
    });

    it('asks only for the new day on the next day, and converges with a one-shot sync', async () => {
      const { server, store, source, world } = await setup();
      try {
        await syncForTest({ store, sources: [source], today, sinceDays: sinceDays });
        const tomorrow = addDays(today, 1);
        world.today = tomorrow;
        const content = await storeContent(store);
        const storedDays = [
          ...content.observations.filter((o) => o.source === name).map((o) => o.day),
          ...content.equityBars.map((b) => b.day),
          ...content.seriesPoints.map((p) => dayOfMs(p.at)),
        ];
        const lastStored = Math.max(...storedDays);
        const next = await plan(store, source, tomorrow);
        for (const request of next.requests.filter((r) => r.kind === 'history')) {
          // Intraday series (funding every 8 h) resume within the last stored day; nothing earlier is asked again.
          expect(request.from, `${request.key} resumes after what is stored (${request.description})`).toBeGreaterThanOrEqual(lastStored);
        }
        await syncForTest({ store, sources: [source], today: tomorrow, sinceDays: sinceDays + 1 });

        const clean = await setup({ today: tomorrow });
        try {
          await syncForTest({ store: clean.store, sources: [clean.source], today: tomorrow, sinceDays: sinceDays + 1 });
          const incremental = await storeCounts(store);
          const oneShot = await storeCounts(clean.store);
          // Snapshots (universe ranks, /global) exist only for days a sync ran, so compare history.
          expect(incremental.equityBars, 'incremental equity history equals a one-shot sync').toBe(oneShot.equityBars);
          const historyOf = async (s: Store) => (await s.readObservations()).filter((o) => o.source === name).map((o) => `${o.assetId}@${o.day}=${o.price}`);
          expect(await historyOf(store), 'incremental coin history equals a one-shot sync').toEqual(await historyOf(clean.store));
        } finally {
          await clean.store.close();
          await clean.server.close();
        }
      } finally {
        await store.close();
        await server.close();
      }
    });

    it('fails a response whose shape changed, naming provider and field, and stores nothing', async () => {
      const { server, store, source } = await setup();
      try {
        server.fail('*', { kind: 'replace', body: { surprise: [{ unexpected: true }] } }, 1000);
        const before = await storeDigest(store);
        const summary = await syncForTest({ store, sources: [source], today, sinceDays });
        const errors = summary.sources[0]?.errors ?? [];
        expect(summary.ok, 'schema drift is a failure, not silence').toBe(false);
        expect(errors.join('\n'), 'the message names the provider').toContain(name);
        expect(errors.join('\n'), 'the message says the shape changed').toMatch(/unexpected response shape|expected a CSV/);
        expect(await storeDigest(store), 'nothing from a drifted response is stored').toBe(before);
      } finally {
        await store.close();
        await server.close();
      }
    });
  });
}
