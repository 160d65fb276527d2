import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { MetaResponse, SyncStatusResponse } from '../../server/api-types.ts';
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
