/**
 * The PostgreSQL store against the SQLite store, measured in the same run on the same data
 * (../shared/data):
 *   1. import: importFiles(../shared/data) into a new SQLite file and into a new PostgreSQL database;
 *   2. the full-history daily index as a user runs it, whole processes
 *      (`altseason --db STORE index --from 2013-04-28 --to 2025-07-28 --format csv`), with the
 *      panel cache off (every run reads all observations from the store) and on (warm);
 *      the outputs are compared byte for byte;
 *   3. the dashboard API under load (autocannon, 10 connections × 5 s per endpoint, once every
 *      server answered every endpoint): one `serve` process on SQLite, one on PostgreSQL, and two
 *      `serve` processes on the one PostgreSQL database (5 connections each, at the same time;
 *      requests/s summed).
 * PostgreSQL: ALTSEASON_BENCH_PG_URL or ALTSEASON_TEST_PG_URL (a database on a server this user
 * may create databases on), else a throwaway cluster started with .ci/pg-cluster.sh and stopped
 * at the end. Asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { importFiles } from '../src/data/import/import-files.ts';
import { PostgresStore } from '../src/data/store/postgres/postgres-store.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/data/store/store.ts';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';
import { BIN, REPO, cliMode, fmt, interleavedMedians, runProcess } from './cli-startup.bench.ts';

const FROM = '2013-04-28';
const TO = '2025-07-28';
const RUNS = 3;
const CONNECTIONS = 10;
const DURATION_S = 5;
const ENDPOINTS = ['/api/meta', '/api/status', '/api/index?window=90', '/api/rut'];

/** A database to bench in: a new one on the given server, or on a throwaway cluster. */
async function postgresDatabase(work: string): Promise<{ url: string; describe: string; stop: () => Promise<void> }> {
  let server = process.env.ALTSEASON_BENCH_PG_URL || process.env.ALTSEASON_TEST_PG_URL || '';
  let stop = () => {};
  let describe = 'the server of ALTSEASON_BENCH_PG_URL / ALTSEASON_TEST_PG_URL';
  if (!server) {
    const cluster = join(work, 'cluster');
    const started = spawnSync('bash', [join(REPO, '.ci', 'pg-cluster.sh'), 'start', cluster], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`could not start a PostgreSQL cluster: ${started.stderr}`);
    server = started.stdout.trim();
    stop = () => void spawnSync('bash', [join(REPO, '.ci', 'pg-cluster.sh'), 'stop', cluster]);
    describe = 'a throwaway cluster (.ci/pg-cluster.sh: fsync off, loopback)';
  }
  const name = `altseason_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    describe: `PostgreSQL ${version} on ${describe}`,
    stop: async () => {
      const cleanup = new pg.Client({ connectionString: server });
      try {
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end().catch(() => {});
        stop();
      }
    },
  };
}

async function timedImport(store: Store): Promise<number> {
  const started = performance.now();
  await importFiles(store, [SHARED_DATA_DIR]);
  const ms = performance.now() - started;
  await store.close();
  return ms;
}

interface Serving {
  base: string;
  child: ChildProcess;
}

function serve(db: string, env: NodeJS.ProcessEnv): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--no-sync'], { cwd: REPO, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dashboard:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) done({ base: match[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`serve exited (${code}) before listening: ${output.slice(-800)}`)));
  });
}

async function stopAll(servers: readonly Serving[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((done) => {
          if (s.child.exitCode !== null) return done();
          s.child.once('exit', () => done());
          s.child.kill('SIGTERM');
        }),
    ),
  );
}

/** Asks every server for every endpoint once: the panel loaded, the answers cached (what a running dashboard has). */
async function warmUp(servers: readonly Serving[]): Promise<void> {
  for (const s of servers) {
    for (const path of ENDPOINTS) {
      const warm = await fetch(s.base + path);
      await warm.arrayBuffer();
      if (!warm.ok) throw new Error(`${path} answered ${warm.status} during warm-up`);
    }
  }
}

/** Requests/s over the servers at once, the connections split between them. */
async function throughput(servers: readonly Serving[], path: string): Promise<{ rps: number; p99: number; errors: number }> {
  const results = await Promise.all(servers.map((s) => autocannon({ url: s.base + path, connections: Math.max(1, Math.round(CONNECTIONS / servers.length)), duration: DURATION_S, timeout: 30 })));
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}

export default async function postgresStoreBench(): Promise<string[]> {
  if (!hasSharedData) return ['skipped: no shared data (../shared/data)'];
  const work = mkdtempSync(join(tmpdir(), 'altseason-pg-bench-'));
  const lines: string[] = [];
  let database: Awaited<ReturnType<typeof postgresDatabase>> | null = null;
  try {
    database = await postgresDatabase(work);
    const sqlitePath = join(work, 'shared.db');
    const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache') };
    lines.push(`${database.describe}; SQLite file in ${tmpdir()}; ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads, Node ${process.version}`);
    lines.push(`CLI: ${cliMode()}`);

    const sqliteImport = await timedImport(SqliteStore.open(sqlitePath));
    const postgresImport = await timedImport(PostgresStore.open(database.url));
    lines.push('');
    lines.push(`import ../shared/data: SQLite ${fmt(sqliteImport)}, PostgreSQL ${fmt(postgresImport)} (${(postgresImport / sqliteImport).toFixed(2)}× SQLite's time)`);

    const indexArgs = (db: string) => ['--db', db, 'index', '--from', FROM, '--to', TO, '--format', 'csv'];
    const cli = (db: string, cache: boolean) => () => runProcess(process.execPath, [BIN, ...indexArgs(db)], { env: { ...env, ALTSEASON_PANEL_CACHE: cache ? '1' : '0' } });
    const sqliteOut = cli(sqlitePath, true)().stdout; // also warms the SQLite panel cache
    const postgresOut = cli(database.url, true)().stdout;
    const [sqliteCold, postgresCold, sqliteWarm, postgresWarm] = interleavedMedians(RUNS, [cli(sqlitePath, false), cli(database.url, false), cli(sqlitePath, true), cli(database.url, true)]);
    lines.push(`full-history index (${FROM} → ${TO}, whole process, median of ${RUNS}):`);
    lines.push(`  panel cache off (all observations read from the store): SQLite ${fmt(sqliteCold!)}, PostgreSQL ${fmt(postgresCold!)} (${(postgresCold! / sqliteCold!).toFixed(2)}×)`);
    lines.push(`  panel cache warm:                                       SQLite ${fmt(sqliteWarm!)}, PostgreSQL ${fmt(postgresWarm!)} (${(postgresWarm! / sqliteWarm!).toFixed(2)}×)`);
    lines.push(`  outputs: ${sqliteOut === postgresOut ? 'identical' : 'DIFFERENT'} (${sqliteOut.split('\n').length - 2} days)`);

    lines.push('');
    lines.push(`dashboard API, autocannon ${CONNECTIONS} connections × ${DURATION_S} s per endpoint (the connections split between the processes); req/s (p99 ms)`);
    lines.push(`${'endpoint'.padEnd(22)} ${'1 serve, SQLite'.padStart(18)} ${'1 serve, PostgreSQL'.padStart(20)} ${'2 serve, PostgreSQL'.padStart(20)}`);
    const configurations: [string, number][] = [
      [sqlitePath, 1],
      [database.url, 1],
      [database.url, 2],
    ];
    const table = new Map<string, string[]>(ENDPOINTS.map((e) => [e, []]));
    for (const [db, count] of configurations) {
      const servers = await Promise.all(Array.from({ length: count }, () => serve(db, env)));
      try {
        await warmUp(servers);
        // serve warms status, index and dominance in the background as it starts: let that end.
        await new Promise((r) => setTimeout(r, 3000));
        await warmUp(servers);
        for (const endpoint of ENDPOINTS) {
          const r = await throughput(servers, endpoint);
          table.get(endpoint)!.push(`${r.rps.toFixed(0)} (${r.p99})${r.errors > 0 ? ` ${r.errors} err` : ''}`);
        }
      } finally {
        await stopAll(servers);
      }
    }
    for (const [endpoint, cells] of table) lines.push(`${endpoint.padEnd(22)} ${cells[0]!.padStart(18)} ${cells[1]!.padStart(20)} ${cells[2]!.padStart(20)}`);
    lines.push(`the servers, autocannon and PostgreSQL share this machine's ${availableParallelism()} threads: a second process adds throughput only where a core is idle.`);
  } finally {
    await database?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return lines;
}
