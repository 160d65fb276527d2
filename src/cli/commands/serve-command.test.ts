import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { MetaResponse, SyncStatusResponse } from '../../server/api-types.ts';
import { today } from '../../domain/dates.ts';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../test/loopback/provider-world.ts';
import { allowFastRequests } from '../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { serveCommand, simulatedStorePath } from './serve-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port with nothing listening: connections are refused at once, as offline. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

describe('altseason serve', () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('with no data and no network, serves the simulated market from its own store file', async () => {
    vi.stubEnv('ALTSEASON_COINGECKO_URL', `http://127.0.0.1:${await closedPort()}`);
    const realPath = join(dir, 'offline', 'altseason.db');
    const running = await serveCommand(realPath, { port: 0, host: '127.0.0.1', sync: true });
    try {
      expect(running.url, 'listens on loopback').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const meta = await getJson<MetaResponse>(`${running.url}/api/meta`);
      expect(meta.simulated, 'the demo market is simulated and says so').toBe(true);
      expect(meta.dataNotice).toMatch(/SIMULATED DATA/);
      expect(meta.store, 'in its own file beside the real store').toBe(simulatedStorePath(realPath));
      const sync = await getJson<SyncStatusResponse>(`${running.url}/api/sync`);
      expect(sync.state, 'offline: no sync').toBe('off');
      expect(sync.detail).toMatch(/cannot reach http:\/\/127\.0\.0\.1/);
    } finally {
      await running.close();
    }
    const real = SqliteStore.open(realPath);
    expect((await real.summary()).observations, 'simulated data never enter the real store').toBe(0);
    await real.close();
    expect(existsSync(simulatedStorePath(realPath))).toBe(true);
  });

  it('with real data and --no-sync, serves the real store without a banner', async () => {
    const path = join(dir, 'real', 'altseason.db');
    const store = SqliteStore.open(path);
    await store.write({
      load: { source: 'user', origin: 'test' },
      assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
      observations: [{ assetId: 'bitcoin', day: 18_628 as never, source: 'user', symbol: 'BTC', price: 29_000, marketCap: 5.4e11, volume: null, rank: 1 }],
    });
    await store.close();
    const running = await serveCommand(path, { port: 0, host: '127.0.0.1', sync: false });
    try {
      const meta = await getJson<MetaResponse>(`${running.url}/api/meta`);
      expect([meta.simulated, meta.dataNotice, meta.store], 'real data, no notice, the named store').toEqual([false, null, path]);
      expect((await getJson<SyncStatusResponse>(`${running.url}/api/sync`)).detail).toMatch(/--no-sync/);
    } finally {
      await running.close();
    }
  });
});

describeWithSharedData('altseason serve with the network up (loopback providers)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('syncs in the background, says so at /api/sync, and serves the synced data when done', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const providers = await new LoopbackServer().start();
    serveProviders(providers, { today: today() });
    for (const [name, value] of Object.entries(loopbackEnv(providers))) vi.stubEnv(name, value!);
    const path = join(dir, 'online', 'altseason.db');
    const store = SqliteStore.open(path);
    await allowFastRequests(store); // the loopback world allows any rate; the real limits would take minutes
    await store.close();
    const running = await serveCommand(path, { port: 0, host: '127.0.0.1', sync: true });
    try {
      const first = await getJson<SyncStatusResponse>(`${running.url}/api/sync`);
      expect(['running', 'done', 'failed'], `a sync was started: ${first.detail}`).toContain(first.state);
      let sync = first;
      for (let i = 0; i < 600 && sync.state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        sync = await getJson<SyncStatusResponse>(`${running.url}/api/sync`);
      }
      expect(sync.state, `the sync finished: ${sync.detail}`).not.toBe('running');
      expect(sync.finishedAt).not.toBeNull();
      const meta = await getJson<MetaResponse>(`${running.url}/api/meta`);
      expect(meta.simulated, 'live data are real data').toBe(false);
      expect(meta.equitySymbols, 'the Russell 2000 arrived from the (loopback) Yahoo and is served after the refresh').toContain('^RUT');
      expect(existsSync(simulatedStorePath(path)), 'no simulated store is made when the network answers').toBe(false);
    } finally {
      await running.close();
      await providers.close();
    }
  });
});
