/**
 * The PostgreSQL store on the real data of ../shared/data, through the CLI as a user runs it:
 * an import killed with SIGKILL mid-write leaves nothing half-written and a re-run completes with
 * the content of a clean run (the SQLite store of test/global-setup.ts); every read command's JSON
 * is then byte for byte what it is on SQLite; two `serve` processes share the database and each
 * notices another process's load; two imports of one file at once store it once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeWithPostgres, dropTestObjects, freshDatabaseUrl, withAdminClient } from '../../../../test/contracts/postgres-test-db.ts';
import { storeDigest } from '../../../../test/loopback/store-digest.ts';
import { describeWithSharedData, SHARED_DATA_DIR, sharedDataFile } from '../../../../test/shared-data.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import { PostgresStore } from './postgres-store.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CLI = join(ROOT, 'bin', 'altseason.js');
/** The read commands whose JSON must not depend on the store. */
const COMMANDS = ['status', 'index', 'dominance', 'rut', 'assets', 'sources'];

const cacheHome = mkdtempSync(join(tmpdir(), 'altseason-pg-cache-'));
afterAll(async () => {
  await dropTestObjects();
  rmSync(cacheHome, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the sources; `onStart` gets the child (to kill it). */
function cli(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((done, fail) => {
    // The panel cache of a PostgreSQL store goes to the user's cache directory: a temporary one here.
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ALTSEASON_FROM_SOURCE: '1', XDG_CACHE_HOME: cacheHome }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code, signal, stdout, stderr }));
    onStart?.(child);
  });
}

/** Whether the process `pid` holds the store's advisory write lock: it is inside a write(). */
async function holdsWriteLock(url: string, pid: number): Promise<boolean> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND a.application_name LIKE $2`,
      [0x414c5401, `altseason[${pid}]%`],
    );
    return rows.length > 0;
  }, url);
}

/** `altseason serve --no-sync --port 0` on the store; resolves once it says where it listens. */
async function startServe(url: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, '--db', url, 'serve', '--port', '0', '--no-sync'], {
    env: { ...process.env, ALTSEASON_FROM_SOURCE: '1', XDG_CACHE_HOME: cacheHome, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let output = '';
  const base = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dashboard:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) done(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => fail(new Error(`serve exited before listening: ${output.slice(-800)}`)));
  });
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function getJson(address: string): Promise<Record<string, unknown>> {
  const response = await fetch(address);
  expect(response.status, address).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describeWithSharedData('the PostgreSQL store on ../shared/data', () => {
  describeWithPostgres('through the CLI', () => {
    let url: string;
    let reference: string;

    beforeAll(async () => {
      url = await freshDatabaseUrl('shared');
      const path = inject('realDataDb');
      if (path === null) throw new Error('the global setup did not build the real-data store');
      reference = path;
    });

    it('survives a SIGKILL in the middle of a write, and a re-run completes with the content of a clean run', async () => {
      let killedWhileWriting = false;
      const killed = await cli(['--db', url, 'import', sharedDataFile('crypto_prices_long.csv.gz')], (child) => {
        const watch = async () => {
          while (child.exitCode === null && !killedWhileWriting) {
            if (await holdsWriteLock(url, child.pid!)) {
              killedWhileWriting = true;
              child.kill('SIGKILL');
              return;
            }
            await new Promise((r) => setTimeout(r, 20));
          }
        };
        void watch();
      });
      expect(killedWhileWriting, `the import was killed inside its write transaction (stderr: ${killed.stderr.slice(-400)})`).toBe(true);
      expect(killed.signal).toBe('SIGKILL');

      const after = PostgresStore.open(url, { readOnly: true });
      const summary = await after.summary();
      await after.close();
      expect({ loads: summary.loads, observations: summary.observations, assets: summary.assets }, 'nothing of the killed write is visible').toEqual({ loads: 0, observations: 0, assets: 0 });

      const rerun = await cli(['--db', url, 'import', SHARED_DATA_DIR, '--format', 'json']);
      expect(rerun.code, `the re-run completes (stderr: ${rerun.stderr.slice(-400)})`).toBe(0);
      const postgres = PostgresStore.open(url, { readOnly: true });
      const sqlite = SqliteStore.open(reference, { readOnly: true });
      try {
        expect(await postgres.summary(), 'as many rows of each kind, loads included, as the clean SQLite run').toEqual(await sqlite.summary());
        expect(await storeDigest(postgres), 'exactly the content of the clean run').toBe(await storeDigest(sqlite));
      } finally {
        await postgres.close();
        await sqlite.close();
      }
    }, 240_000);

    it.each(COMMANDS)('gives the JSON of `%s` that the SQLite store gives', async (command) => {
      const [onPostgres, onSqlite] = await Promise.all([cli(['--db', url, command, '--format', 'json']), cli(['--db', reference, command, '--format', 'json'])]);
      expect(onPostgres.code, onPostgres.stderr).toBe(0);
      expect(onSqlite.code, onSqlite.stderr).toBe(0);
      expect(onPostgres.stdout.length, 'a real answer').toBeGreaterThan(100);
      expect(onPostgres.stdout === onSqlite.stdout, `${command}: identical JSON on PostgreSQL and SQLite`).toBe(true);
    });

    it('serves one database from two `serve` processes, each noticing a load the other did not make', async () => {
      const servers = await Promise.all([startServe(url), startServe(url)]);
      try {
        const [meta, otherMeta] = await Promise.all(servers.map((server) => getJson(`${server.base}/api/meta`)));
        expect(meta, 'both answer the same').toEqual(otherMeta);
        expect(String(meta!.store), 'the store is named without its password').toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\//);
        expect(String(meta!.store)).not.toContain(new URL(url).password);
        const [status0, status1] = await Promise.all(servers.map((server) => getJson(`${server.base}/api/status`)));
        expect(status0, 'the same status from both processes').toEqual(status1);

        // A third process (here: another connection) writes a load; each server sees it by its load id.
        const writer = PostgresStore.open(url);
        await writer.write({
          load: { source: 'test', origin: 'serve-test' },
          assets: [{ id: 'zz-serve-test-coin', symbol: 'ZZST', name: 'Serve test coin' }],
          observations: [{ assetId: 'zz-serve-test-coin', day: 17_000 as never, source: 'test', symbol: 'ZZST', price: 1, marketCap: 1, volume: 1, rank: null }],
        });
        await writer.close();
        const before = Number(meta!.observations);
        for (const server of servers) {
          let observations = before;
          for (let i = 0; i < 100 && observations === before; i++) {
            await new Promise((r) => setTimeout(r, 100));
            observations = Number((await getJson(`${server.base}/api/meta`)).observations);
          }
          expect(observations, 'the new load is noticed, the cached answers dropped').toBe(before + 1);
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    }, 120_000);

    it('stores a file imported by two processes at once once', async () => {
      const fresh = await freshDatabaseUrl('twice');
      const files = [sharedDataFile('rut_daily.csv'), sharedDataFile('spx_daily.csv')];
      const runs = await Promise.all([cli(['--db', fresh, 'import', ...files, '--format', 'json']), cli(['--db', fresh, 'import', ...files, '--format', 'json'])]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const skipped = runs.flatMap((run) => (JSON.parse(run.stdout) as { results: { skipped: boolean }[] }).results.filter((r) => r.skipped));
      expect(skipped.length, 'each file written by one import, skipped by the other').toBe(2);
      const store = PostgresStore.open(fresh, { readOnly: true });
      const summary = await store.summary();
      await store.close();
      expect({ loads: summary.loads, equityBars: summary.equityBars }, 'one load per file, each bar once').toEqual({ loads: 2, equityBars: 9_685 + 24_656 });
    }, 120_000);
  });
});
