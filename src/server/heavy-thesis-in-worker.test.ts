/**
 * The thesis runs in a worker thread: the same report as in this thread, errors keep their class
 * (so the API still answers 404 for no data), and the server answers other requests meanwhile.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { NoDataError } from '../domain/errors.ts';
import { runThesis } from '../app/run-thesis.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { createDashboardApp } from './create-app.ts';
import { runThesisInWorker } from './heavy-thesis-in-worker.ts';
import { ThesisJob, type ThesisPendingResponse } from './heavy-thesis-job.ts';
import { testService } from '../../test/fixtures/dashboard-test-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-thesis-worker-'));
const simulatedPath = join(dir, 'simulated.db');

beforeAll(async () => {
  const store = SqliteStore.open(simulatedPath);
  await writeSimulatedMarket(store, simulateMarket({ seed: 7, years: 3, assets: 30, leadDays: 20, effect: 0.1, startDate: '2020-01-01' }));
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runThesisInWorker', () => {
  it('computes the same report as in this thread', async () => {
    const inWorker = await runThesisInWorker(simulatedPath).result;
    const store = SqliteStore.open(simulatedPath);
    try {
      const here = await runThesis(store);
      expect(inWorker.verdict, 'the same verdict').toEqual(here.verdict);
      expect(inWorker.groundTruth, 'and the simulated ground truth').toEqual(here.groundTruth);
    } finally {
      await store.close();
    }
  });

  it('an error keeps its class (NoDataError → 404) and message', async () => {
    const emptyPath = join(dir, 'empty.db');
    await SqliteStore.open(emptyPath).close();
    const error = await runThesisInWorker(emptyPath).result.catch((e: unknown) => e);
    expect(error, `got ${String(error)}`).toBeInstanceOf(NoDataError);
  });
});

describe('the thesis in a worker, behind the API', () => {
  let server: ServerType;
  let base: string;
  let job: ThesisJob;

  beforeAll(async () => {
    job = new ThesisJob(() => runThesisInWorker(simulatedPath));
    const { app } = createDashboardApp(testService(), { staticDir: '/nonexistent', thesis: job });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('GET before any POST: 200 not-computed (no 404 on every page load); while computing 202; then the report itself', async () => {
    const before = await fetch(`${base}/api/thesis`);
    expect(before.status, 'nothing asked yet is not an error').toBe(200);
    expect(((await before.json()) as ThesisPendingResponse).state).toBe('not-computed');

    let thesisFinished = false;
    const post = fetch(`${base}/api/thesis`, { method: 'POST' }).then(async (reply) => {
      thesisFinished = true;
      return reply;
    });
    // Give the POST time to reach the server and start the worker.
    let state: ThesisPendingResponse['state'] = 'not-computed';
    while (state === 'not-computed') state = ((await (await fetch(`${base}/api/thesis`)).json()) as ThesisPendingResponse).state;
    const during = await fetch(`${base}/api/thesis`);
    const meta = await fetch(`${base}/api/meta`);
    expect(meta.status).toBe(200);
    expect(thesisFinished, '/api/meta answered while the thesis was still running: the event loop is free').toBe(false);
    expect([during.status, ((await during.json()) as ThesisPendingResponse).state], 'computing: 202').toEqual([202, 'computing']);

    const reply = await post;
    expect(reply.status).toBe(200);
    const report = (await reply.json()) as { simulated: boolean };
    expect(report.simulated).toBe(true);
    const after = await fetch(`${base}/api/thesis`);
    expect(after.status).toBe(200);
    expect(await after.json(), 'GET returns the kept report itself, as POST did').toEqual(report);
  });
});
