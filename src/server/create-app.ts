/**
 * The dashboard's HTTP app: a JSON API under /api that validates every query parameter (400 with
 * a message on bad ones) and the built front end from dist/web. Requests from other names or other
 * sites' pages are refused (http-security.ts); heavy answers are computed a bounded number at a
 * time (heavy-work.ts) and kept as JSON text until the data change (http-data-version.ts); the
 * thesis runs in a worker thread (heavy-thesis-job.ts). docs/api.md documents all of it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AltseasonError, InvalidInputError, NoDataError, NothingStoredError, ServerBusyError } from '../domain/errors.ts';
import type { SyncStatusResponse } from './api-types.ts';
import type { DashboardService } from './dashboard-service.ts';
import { HeavyWork, type HeavyWorkOptions } from './heavy-work.ts';
import { ThesisJob, type ThesisPendingResponse } from './heavy-thesis-job.ts';
import { watchDataVersion } from './http-data-version.ts';
import { checkRange, decimalParameter, isoDateParameter, parseQuery, wholeNumberParameter } from './http-query.ts';
import { allowedHostNames, hostGuard, originGuard, securityHeaders } from './http-security.ts';
import { LruCache } from './lru-cache.ts';

const noQuery = z.object({});
const indexQuery = z.object({ window: wholeNumberParameter(7, 730, 90), top: wholeNumberParameter(5, 250, 50), from: isoDateParameter.optional(), to: isoDateParameter.optional() });
const explainQuery = z.object({ date: isoDateParameter, window: wholeNumberParameter(7, 730, 90), top: wholeNumberParameter(5, 250, 50) });
const rangeQuery = z.object({ from: isoDateParameter.optional(), to: isoDateParameter.optional() });
const rutQuery = rangeQuery.extend({ breakoutDrawdown: decimalParameter(0, 100, 10) });

const backtestQuery = rangeQuery.extend({
  strategy: z.enum(['asi-regime', 'dominance-breakdown', 'rut-breakout', 'sector-momentum', 'hold'], { error: 'expected asi-regime, dominance-breakdown, rut-breakout, sector-momentum or hold' }),
  params: z.string().max(400).optional(),
  sweep: z.string().max(400).optional(),
  feesBps: wholeNumberParameter(0, 1000, 10),
  slippageBps: wholeNumberParameter(0, 1000, 0),
  walkForward: z.string().regex(/^\d+:\d+$/, { message: 'expected TRAIN:TEST in days, such as 365:90' }).optional(),
  threads: z.string().regex(/^(auto|\d{1,2})$/, { message: 'expected auto or a whole number 1 … 64' }).optional(),
});

const leadMarginMessage = 'expected a fraction from 0 up to 1, such as 0.02';
const riskOffMessage = 'expected a fraction between -1 and 0, such as -0.15';
const rotationQuery = rangeQuery.extend({
  window: wholeNumberParameter(7, 365, 30),
  weighting: z.enum(['cap', 'equal'], { error: 'expected cap or equal' }).default('cap'),
  // The phase rule's thresholds (docs/rotation.md); defaults as on the CLI.
  leadMargin: z.string().regex(/^\d*\.?\d+$/, { message: leadMarginMessage }).transform(Number).pipe(z.number().min(0, { message: leadMarginMessage }).lt(1, { message: leadMarginMessage })).default(0.02),
  riskOffBtcReturn: z.string().regex(/^-\d*\.?\d+$/, { message: riskOffMessage }).transform(Number).pipe(z.number().gt(-1, { message: riskOffMessage }).lt(0, { message: riskOffMessage })).default(-0.15),
  confirmDays: wholeNumberParameter(1, 90, 5),
});
const sectorsQuery = z.object({ date: isoDateParameter.optional(), sector: z.string().max(64).optional() });
const signalsQuery = z.object({ at: isoDateParameter.optional() });
const portfolioQuery = z.object({ date: isoDateParameter.optional() });
const signalQuery = rangeQuery.extend({ name: z.string().regex(/^[a-z0-9_]{1,64}$/, 'expected a signal name (altseason signals lists them)') });

const SYNC_OFF: SyncStatusResponse = { state: 'off', detail: 'no background sync in this process', startedAt: null, finishedAt: null };

export const NOT_BUILT_MESSAGE = 'The dashboard front end is not built: run `npm run build` (or `npx vite build` for the front end alone).';

export interface AppOptions {
  /** The built front end (dist/web). */
  staticDir: string;
  syncStatus?: () => SyncStatusResponse;
  /** The address the server listens on: its own name is allowed as a Host besides the loopback names. */
  listenHost?: string;
  /** More Host names to answer to (`--allowed-host`). */
  allowedHosts?: readonly string[];
  /** Bounds on concurrent heavy computations. */
  heavyWork?: HeavyWorkOptions;
  /** The thesis computation; by default the service's, in this thread. */
  thesis?: ThesisJob;
  /** A cheap version of the stored data (the latest load id): when it changes, every cached answer is dropped. */
  dataVersion?: () => Promise<unknown>;
  /** How often the data version is read at most (default 1000 ms). */
  dataVersionIntervalMs?: number;
}

export interface DashboardApp {
  app: Hono;
  /** Drops every cached answer and the thesis report (the data changed). */
  refresh(): void;
}

export function createDashboardApp(service: DashboardService & { refresh?(): void }, options: AppOptions): DashboardApp {
  const app = new Hono();
  const syncStatus = options.syncStatus ?? (() => SYNC_OFF);
  const heavy = new HeavyWork(options.heavyWork);
  const thesis = options.thesis ?? new ThesisJob(() => ({ result: service.computeThesis(), cancel: () => {} }));
  // The JSON text of each answer, keyed by endpoint and parameters: a cached answer is sent
  // without waiting for a heavy-work slot, and /api/index and /api/dominance (0.5–1.2 MB) are
  // serialised once. A new cache per data version, so an answer computed from old data that
  // finishes after a refresh lands in the old one.
  const newCache = () => new LruCache<string, string>(32);
  let answers = newCache();

  const refresh = () => {
    service.refresh?.();
    answers = newCache();
    thesis.reset();
  };

  const sendJson = (c: Context, text: string, status: 200 | 202 = 200) => c.body(text, status, { 'content-type': 'application/json' });
  const heavyAnswer = (key: string, compute: () => Promise<object>) => answers.getOrCompute(key, () => heavy.run(async () => JSON.stringify(await compute())));
  const lightAnswer = (key: string, compute: () => Promise<object>) => answers.getOrCompute(key, async () => JSON.stringify(await compute()));

  app.onError((error, c) => {
    if (error instanceof InvalidInputError) return c.json({ error: error.message }, 400);
    if (error instanceof NoDataError) return c.json({ error: error.message }, 404);
    if (error instanceof ServerBusyError) return c.json({ error: error.message }, 503, { 'retry-after': String(error.retryAfterSeconds) });
    if (error instanceof AltseasonError) return c.json({ error: error.message }, 500);
    console.error(error);
    return c.json({ error: 'internal error' }, 500);
  });

  app.use('*', securityHeaders());
  app.use('*', hostGuard(allowedHostNames(options.listenHost ?? '127.0.0.1', options.allowedHosts)));
  app.use('*', originGuard());
  if (options.dataVersion) {
    const watcher = watchDataVersion(options.dataVersion, refresh, { intervalMs: options.dataVersionIntervalMs ?? 1000 });
    void watcher.check().catch(() => undefined); // the version the cached answers start from
    app.use('/api/*', async (_c, next) => {
      await watcher.check();
      await next();
    });
  }

  app.get('/api/meta', async (c) => (parseQuery(noQuery, c.req.url), sendJson(c, await lightAnswer('meta', () => service.meta()))));
  app.get('/api/status', async (c) => (parseQuery(noQuery, c.req.url), sendJson(c, await heavyAnswer('status', () => service.status()))));
  app.get('/api/index', async (c) => {
    const query = checkRange(parseQuery(indexQuery, c.req.url));
    return sendJson(c, await heavyAnswer(`index:${JSON.stringify(query)}`, () => service.index(query)));
  });
  app.get('/api/index/explain', async (c) => {
    const query = parseQuery(explainQuery, c.req.url);
    return sendJson(c, await heavyAnswer(`explain:${JSON.stringify(query)}`, () => service.explain(query)));
  });
  app.get('/api/dominance', async (c) => {
    const query = checkRange(parseQuery(rangeQuery, c.req.url));
    return sendJson(c, await heavyAnswer(`dominance:${JSON.stringify(query)}`, () => service.dominance(query)));
  });
  app.get('/api/rut', async (c) => {
    const query = checkRange(parseQuery(rutQuery, c.req.url));
    const rut = { from: query.from, to: query.to, breakoutDrawdownPct: query.breakoutDrawdown };
    return sendJson(c, await heavyAnswer(`rut:${JSON.stringify(rut)}`, () => service.rut(rut)));
  });
  app.get('/api/backtest', async (c) => {
    const query = checkRange(parseQuery(backtestQuery, c.req.url));
    const run = service.backtest;
    if (!run) return c.json({ error: 'this server runs no backtests' }, 404);
    return sendJson(c, await heavyAnswer(`backtest:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  app.get('/api/rotation', async (c) => {
    const query = checkRange(parseQuery(rotationQuery, c.req.url));
    const run = service.rotation;
    if (!run) return c.json({ error: 'this server has no rotation' }, 404);
    return sendJson(c, await heavyAnswer(`rotation:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  app.get('/api/sectors', async (c) => {
    const query = parseQuery(sectorsQuery, c.req.url);
    const run = service.sectors;
    if (!run) return c.json({ error: 'this server has no sectors' }, 404);
    return sendJson(c, await heavyAnswer(`sectors:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  // The user's portfolio: computed for each request (an import does not change the load id), never kept in the answer cache.
  app.get('/api/portfolio', async (c) => {
    const query = parseQuery(portfolioQuery, c.req.url);
    const run = service.portfolio;
    if (!run) return c.json({ error: 'this server has no portfolio' }, 404);
    try {
      return sendJson(c, await heavy.run(async () => JSON.stringify(await run.call(service, query))));
    } catch (error) {
      // No portfolio imported yet: an empty answer (204), so a dashboard without one logs no error.
      if (error instanceof NothingStoredError) return c.body(null, 204);
      throw error;
    }
  });
  app.get('/api/risk', async (c) => {
    const query = parseQuery(portfolioQuery, c.req.url);
    const run = service.risk;
    if (!run) return c.json({ error: 'this server has no portfolio risk' }, 404);
    return sendJson(c, await heavy.run(async () => JSON.stringify(await run.call(service, query))));
  });
  app.get('/api/plans', async (c) => {
    const query = parseQuery(portfolioQuery, c.req.url);
    const run = service.plans;
    if (!run) return c.json({ error: 'this server has no profit-taking plans' }, 404);
    return sendJson(c, await heavy.run(async () => JSON.stringify(await run.call(service, query))));
  });
  app.get('/api/signals', async (c) => {
    const query = parseQuery(signalsQuery, c.req.url);
    const run = service.signals;
    if (!run) return c.json({ error: 'this server has no signals' }, 404);
    return sendJson(c, await heavyAnswer(`signals:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  app.get('/api/signal', async (c) => {
    const query = checkRange(parseQuery(signalQuery, c.req.url));
    const run = service.signalHistory;
    if (!run) return c.json({ error: 'this server has no signals' }, 404);
    return sendJson(c, await heavyAnswer(`signal:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  app.get('/api/readiness', async (c) => {
    const query = checkRange(parseQuery(rangeQuery, c.req.url));
    const run = service.readiness;
    if (!run) return c.json({ error: 'this server has no readiness score' }, 404);
    return sendJson(c, await heavyAnswer(`readiness:${JSON.stringify(query)}`, () => run.call(service, query)));
  });
  app.get('/api/readiness/evidence', async (c) => {
    parseQuery(noQuery, c.req.url);
    const run = service.readinessEvidence;
    if (!run) return c.json({ error: 'this server has no readiness evidence' }, 404);
    return sendJson(c, await heavyAnswer('readiness-evidence', () => run.call(service)));
  });
  app.get('/api/sync', (c) => (parseQuery(noQuery, c.req.url), c.json(syncStatus())));
  // The thesis tests take several seconds: computed when asked (POST), in a worker, then kept.
  // GET answers the report once it is done (the same JSON as POST and `altseason thesis --format
  // json`), and before that the state: 200 not-computed or failed, 202 computing.
  app.get('/api/thesis', (c) => {
    parseQuery(noQuery, c.req.url);
    const { report, ...state } = thesis.status();
    if (report) return c.json(report);
    return c.json(state as ThesisPendingResponse, state.state === 'computing' ? 202 : 200);
  });
  app.post('/api/thesis', async (c) => (parseQuery(noQuery, c.req.url), c.json(await thesis.compute())));
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  app.all('/api', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

  app.get('*', staticFiles(options.staticDir));
  return { app, refresh };
}

/** The app alone (tests and callers that need no refresh handle). */
export function createApp(service: DashboardService, staticDir: string, syncStatus?: () => SyncStatusResponse): Hono {
  return createDashboardApp(service, { staticDir, ...(syncStatus ? { syncStatus } : {}) }).app;
}

/**
 * The built front end through @hono/node-server's serveStatic (which refuses `..`, encoded
 * separators and doubled slashes): hashed /assets/ files are cached for good, index.html is
 * revalidated on every load so a rebuild shows at once; 503 saying how to build when it is not.
 */
function staticFiles(staticDir: string): MiddlewareHandler {
  // Made when the build exists (serveStatic logs an error for a missing root), so building while
  // the server runs works.
  let files: MiddlewareHandler | null = null;
  return async (c) => {
    if (!existsSync(join(staticDir, 'index.html'))) return c.text(NOT_BUILT_MESSAGE, 503);
    files ??= serveStatic({
      root: staticDir,
      onFound: (_path, context) => {
        context.header('cache-control', context.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // serveStatic calls `next` when there is no such file: end there with a 404 of our own.
    const response = await files(c, async () => {});
    return response ?? c.text('not found', 404);
  };
}
