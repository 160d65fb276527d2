/**
 * GET /api/readiness and GET /api/readiness/evidence over real HTTP on 127.0.0.1, on a simulated
 * store: 200 with the contracts' schemas (strict at the top level, so a field added on one side
 * only fails), the same answer as the use case called directly, from/to narrowing the days, and
 * 400s that name the bad parameter and its value (create-app.test.ts covers the other routes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReadinessEvaluationResultSchema, ReadinessResultSchema } from '../app/contracts/readiness.ts';
import { readContext } from '../app/read-context.ts';
import { readiness } from '../app/readiness.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { parseDay } from '../domain/dates.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { startServer, WEB_DIST_DIR, type RunningServer } from './start-server.ts';

const ErrorSchema = z.strictObject({ error: z.string().min(1) });
const ReadinessSchema = ReadinessResultSchema.strict();
const EvidenceSchema = ReadinessEvaluationResultSchema.strict();

interface Reply {
  status: number;
  type: string;
  body: string;
}

/** node:http, so the path reaches the server exactly as written. */
function send(base: string, path: string): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson<T>(base: string, path: string, schema: z.ZodType<T>, status = 200): Promise<T> {
  const reply = await send(base, path);
  expect(reply.status, `${path}: status (body: ${reply.body.slice(0, 200)})`).toBe(status);
  expect(reply.type, `${path}: content type`).toMatch(/^application\/json/);
  const parsed = schema.safeParse(JSON.parse(reply.body));
  if (!parsed.success) throw new Error(`${path}: the response does not match the contract: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const BAD_PARAMETERS: { path: string; names: string[] }[] = [
  { path: '/api/readiness?from=2021-02-30', names: ['from', '"2021-02-30"'] },
  { path: '/api/readiness?to=yesterday', names: ['to', '"yesterday"'] },
  { path: '/api/readiness?from=2022-01-01&to=2021-01-01', names: ['from', 'to', '2022-01-01', '2021-01-01'] },
  { path: '/api/readiness?weights=fitted', names: ['unknown', 'weights', '"fitted"'] },
  { path: '/api/readiness/evidence?replicates=10', names: ['unknown', 'replicates', '"10"'] },
];

const SIMULATION = { seed: 7, years: 3, assets: 30, leadDays: 20, effect: 0.1, startDate: '2020-01-01' };

describe('readiness API on a simulated market', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-api-readiness-'));
  let store: Store;
  let server: RunningServer;

  beforeAll(async () => {
    store = SqliteStore.open(join(dir, 'simulated.db'));
    await writeSimulatedMarket(store, simulateMarket(SIMULATION));
    server = await startServer(store, { port: 0, host: '127.0.0.1', staticDir: WEB_DIST_DIR });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/readiness → 200 in the altseason.readiness/v1 contract, the use case’s answer, up to the last simulated day', async () => {
    const api = await getJson(server.url, '/api/readiness', ReadinessSchema);
    expect([api.schema, api.simulated], 'names its contract and says the data are simulated').toEqual(['altseason.readiness/v1', true]);
    expect([api.to, api.latest.date, api.days.at(-1)!.date], 'runs to the last simulated day').toEqual(['2022-12-31', '2022-12-31', '2022-12-31']);
    expect(api.days.every((d, i) => i === 0 || api.days[i - 1]!.date < d.date), 'days strictly increase').toBe(true);
    for (const s of api.seasons) expect(s.start <= s.end, `season ${s.start}–${s.end}`).toBe(true);
    expect(api, 'the same answer as readiness() called directly').toEqual(JSON.parse(JSON.stringify(await readiness(readContext(store)))));
  });

  it('GET /api/readiness?from&to → one row per day of the range', async () => {
    const api = await getJson(server.url, '/api/readiness?from=2022-06-01&to=2022-06-30', ReadinessSchema);
    expect([api.from, api.to, api.days.length, api.days[0]!.date, api.days.at(-1)!.date, api.latest.date]).toEqual(['2022-06-01', '2022-06-30', 30, '2022-06-01', '2022-06-30', '2022-06-30']);
    expect(api, 'the use case over the same range').toEqual(JSON.parse(JSON.stringify(await readiness(readContext(store), { from: parseDay('2022-06-01'), to: parseDay('2022-06-30') }))));
  });

  it('GET /api/readiness/evidence → 200 in the altseason.readiness-evaluation/v1 contract, with a verdict', async () => {
    const e = await getJson(server.url, '/api/readiness/evidence', EvidenceSchema);
    expect([e.schema, e.simulated]).toEqual(['altseason.readiness-evaluation/v1', true]);
    expect(e.verdict.headline.length, 'a headline in words').toBeGreaterThan(0);
    expect(e.bootstrap.replicates, 'the server’s replicate count').toBe(500);
    expect(e.to <= '2022-12-31' && e.from >= '2020-01-01', `the evaluated span ${e.from}–${e.to} lies in the data`).toBe(true);
  }, 180_000);

  it.each(BAD_PARAMETERS)('$path → 400 naming the parameter and the value', async ({ path, names }) => {
    const { error } = await getJson(server.url, path, ErrorSchema, 400);
    for (const name of names) expect(error, `the message for ${path}`).toContain(name);
  });
});
