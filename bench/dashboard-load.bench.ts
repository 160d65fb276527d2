/**
 * The dashboard under load: the server (src/server/start-server.ts) on 127.0.0.1, each endpoint hit
 * by autocannon for a bounded time (10 connections × 5 s, one endpoint at a time), after one warm-up
 * request each (the first /api/status loads the panel; the ASI history is cached per window).
 * Reference measured in the same run: GET /index.html, a static file read from dist/web; every
 * endpoint's requests/s is given as a ratio to it.
 * Store: ALTSEASON_BENCH_DB if set, else ../shared/data imported into a temporary store, else a
 * simulated market (said so in the output). Asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';
import { importFiles } from '../src/data/import/import-files.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import { addDays, isoDateOf, parseDay } from '../src/domain/dates.ts';
import { startServer, WEB_DIST_DIR, webBuildPath } from '../src/server/start-server.ts';
import { simulateMarket } from '../src/sim/simulate-market.ts';
import { writeSimulatedMarket } from '../src/sim/write-simulated-market.ts';

const CONNECTIONS = 10;
const DURATION_S = 5;
const HOST = '127.0.0.1';

interface Measured {
  label: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  bytesPerResponse: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function measure(base: string, label: string, path: string): Promise<Measured> {
  const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S, timeout: 30 });
  return {
    label,
    path,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${bytes.toFixed(0)} B`);
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

export default async function dashboardLoadBench(): Promise<string[]> {
  const lines: string[] = [];
  if (!existsSync(webBuildPath())) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  const tempDir = mkdtempSync(join(tmpdir(), 'altseason-load-'));
  let path = process.env.ALTSEASON_BENCH_DB;
  let kind: string;
  try {
    if (path) kind = `ALTSEASON_BENCH_DB=${path}`;
    else if (hasSharedData) {
      path = join(tempDir, 'shared.db');
      const store = SqliteStore.open(path);
      const started = performance.now();
      await importFiles(store, [SHARED_DATA_DIR]);
      await store.close();
      kind = `../shared/data imported into a temporary store (${((performance.now() - started) / 1000).toFixed(1)} s)`;
    } else {
      path = join(tempDir, 'simulated.db');
      const store = SqliteStore.open(path);
      await writeSimulatedMarket(store, simulateMarket({ seed: 1, years: 6, assets: 120, leadDays: 20, effect: 0.1, startDate: '2019-01-01' }));
      await store.close();
      kind = 'SIMULATED market (no shared data): 6 years, 120 alts';
    }

    const store = SqliteStore.open(path);
    const server = await startServer(store, { port: 0, host: HOST, staticDir: WEB_DIST_DIR });
    try {
      const meta = await server.service.meta();
      // A date a year before the end: inside the data, with a full window behind it.
      const explainDate = isoDateOf(addDays(parseDay(meta.lastDate!), -365));
      const endpoints: [string, string][] = [
        ['reference: static /index.html', '/index.html'],
        ['/api/meta', '/api/meta'],
        ['/api/status', '/api/status'],
        ['/api/index?window=90', '/api/index?window=90'],
        ['/api/index/explain', `/api/index/explain?date=${explainDate}`],
        ['/api/dominance', '/api/dominance'],
        ['/api/rut', '/api/rut'],
      ];
      const warm: string[] = [];
      for (const [label, endpoint] of endpoints) {
        const started = performance.now();
        const reply = await fetch(server.url + endpoint);
        await reply.arrayBuffer();
        if (!reply.ok) throw new Error(`${endpoint} answered ${reply.status} during warm-up`);
        warm.push(`${label.replace('reference: static ', '')} ${(performance.now() - started).toFixed(0)} ms`);
      }
      lines.push(`store: ${kind}; ${meta.assets} assets, ${meta.observations.toLocaleString('en-US')} observations, ${meta.firstDate} → ${meta.lastDate}${meta.simulated ? ' (simulated)' : ''}`);
      lines.push(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads, Node ${process.version}; server and autocannon share this process`);
      lines.push(`first (cold) request each: ${warm.join(', ')}`);
      lines.push(`autocannon: ${CONNECTIONS} connections × ${DURATION_S} s per endpoint, ${HOST}, one endpoint at a time; explain date ${explainDate}`);
      lines.push('');

      const results: Measured[] = [];
      for (const [label, endpoint] of endpoints) results.push(await measure(server.url, label, endpoint));
      const reference = results[0]!;
      const header = `${pad('endpoint', 30)} ${pad('req/s', 9, true)} ${pad('p50 ms', 8, true)} ${pad('p99 ms', 8, true)} ${pad('response', 10, true)} ${pad('vs static', 10, true)}`;
      lines.push(header);
      for (const r of results) {
        const ratio = r === reference ? '1' : r.rps / reference.rps >= 0.1 ? (r.rps / reference.rps).toFixed(2) : (r.rps / reference.rps).toExponential(1);
        const problems = r.non2xx + r.errors > 0 ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : '';
        lines.push(
          `${pad(r.label, 30)} ${pad(r.rps.toFixed(0), 9, true)} ${pad(String(r.p50), 8, true)} ${pad(String(r.p99), 8, true)} ${pad(size(r.bytesPerResponse), 10, true)} ${pad(`${ratio}×`, 10, true)}${problems}`,
        );
      }
      lines.push('');
      lines.push(`"vs static": the endpoint's requests/s divided by the reference's (${reference.rps.toFixed(0)} req/s for a ${size(reference.bytesPerResponse)} file) in this run.`);
    } finally {
      await server.close();
      await store.close();
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return lines;
}
