import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
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
import { simulatedStorePath } from '../context.ts';
import { exposureWarning, serveCommand } from './serve-command.ts';

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

/** The status of a GET with a chosen Host header (fetch does not let a caller set it). */
function statusWithHost(base: string, path: string, host: string): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('altseason serve: where it listens', () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('a busy port is a clear error naming the port and what to do, not a raw EADDRINUSE', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const error = await serveCommand(join(dir, 'busy', 'altseason.db'), { port, host: '127.0.0.1', sync: false }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is in use: is another \`altseason serve\` running? use --port N`);
      expect((error as Error).name, 'an AltseasonError: the CLI prints its message without a stack').not.toBe('Error');
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it('warns that the dashboard has no authentication when it listens beyond loopback', () => {
    expect(exposureWarning('0.0.0.0')).toMatch(/--host 0\.0\.0\.0 listens beyond this machine and the dashboard has no authentication.*--allowed-host NAME/);
    expect(exposureWarning('192.168.1.20')).toMatch(/no authentication.*192\.168\.1\.20/);
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(exposureWarning(host), host).toBeNull();
  });

  it('--host 0.0.0.0 prints the warning; only loopback and --allowed-host names are answered', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const running = await serveCommand(join(dir, 'exposed', 'altseason.db'), { port: 0, host: '0.0.0.0', sync: false, allowedHosts: ['dash.lan'] });
    try {
      expect(stderr.mock.calls.map((c) => String(c[0])).join(''), 'the user is told before anyone connects').toMatch(/warning: --host 0\.0\.0\.0 .*no authentication/);
      const base = running.url.replace('0.0.0.0', '127.0.0.1');
      const port = new URL(base).port;
      expect(await statusWithHost(base, '/api/meta', `dash.lan:${port}`), 'an allowed name').toBe(200);
      expect(await statusWithHost(base, '/api/meta', `127.0.0.1:${port}`), 'loopback').toBe(200);
      expect(await statusWithHost(base, '/api/meta', `attacker.example:${port}`), 'any other name').toBe(421);
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
