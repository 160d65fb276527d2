/**
 * The dashboard's HTTP app: a JSON API under /api that validates every query parameter (400 with
 * a message on bad ones) and the built front end from dist/web.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { tryParseDay } from '../domain/dates.ts';
import { AltseasonError, InvalidInputError, NoDataError } from '../domain/errors.ts';
import type { SyncStatusResponse } from './api-types.ts';
import type { DashboardService } from './dashboard-service.ts';

const isoDate = z.string({ error: 'required, as YYYY-MM-DD' }).refine((text) => tryParseDay(text) !== null, { message: 'expected a date as YYYY-MM-DD' });
// Digits only: Number() would also take "1e2", "0x10" or " " (as 0).
const intIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { message: `expected a whole number from ${min} to ${max}` }).max(max, { message: `expected a whole number from ${min} to ${max}` }))
    .default(fallback);

const indexQuery = z.object({ window: intIn(7, 730, 90), top: intIn(5, 250, 50), from: isoDate.optional(), to: isoDate.optional() }).strict();
const explainQuery = z.object({ date: isoDate, window: intIn(7, 730, 90), top: intIn(5, 250, 50) }).strict();
const rangeQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
const rutQuery = rangeQuery.extend({ breakoutDrawdown: z.coerce.number().gt(0).lt(100).default(10) }).strict();

/** One value per parameter: `?window=90&window=30` is ambiguous, so it is refused. */
function singleValues(queries: Record<string, string[]>): Record<string, string> {
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(queries)) {
    if (values.length > 1) throw new InvalidInputError(`${name}: given ${values.length} times (${values.map((v) => JSON.stringify(v)).join(', ')}); give it once`);
    single[name] = values[0] ?? '';
  }
  return single;
}

function parseQuery<T>(schema: z.ZodType<T>, queries: Record<string, string[]>): T {
  const query = singleValues(queries);
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'query');
  const value = query[issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0])];
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  const message = issue.code === 'unrecognized_keys' ? `unknown query parameter ${field}${shown}` : `${field}: ${issue.message}${shown}`;
  throw new InvalidInputError(message);
}

function checkRange<T extends { from?: string | undefined; to?: string | undefined }>(query: T): T {
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`to ${query.to} is before from ${query.from}`);
  return query;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * The service keeps its answers (same object until refresh), so their JSON text is kept beside
 * them: /api/index and /api/dominance are 0.5–1.2 MB and serialising them was most of each request.
 */
const serialized = new WeakMap<object, string>();
function jsonText(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

const SYNC_OFF: SyncStatusResponse = { state: 'off', detail: 'no background sync in this process', startedAt: null, finishedAt: null };

export function createApp(service: DashboardService, staticDir: string, syncStatus: () => SyncStatusResponse = () => SYNC_OFF): Hono {
  const app = new Hono();

  const sendJson = (c: Context, value: object) => c.body(jsonText(value), 200, { 'content-type': 'application/json' });

  app.onError((error, c) => {
    if (error instanceof InvalidInputError) return c.json({ error: error.message }, 400);
    if (error instanceof NoDataError) return c.json({ error: error.message }, 404);
    if (error instanceof AltseasonError) return c.json({ error: error.message }, 500);
    console.error(error);
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/api/meta', async (c) => (parseQuery(z.object({}).strict(), c.req.queries()), sendJson(c, await service.meta())));
  app.get('/api/status', async (c) => (parseQuery(z.object({}).strict(), c.req.queries()), sendJson(c, await service.status())));
  app.get('/api/index', async (c) => sendJson(c, await service.index(checkRange(parseQuery(indexQuery, c.req.queries())))));
  app.get('/api/index/explain', async (c) => sendJson(c, await service.explain(parseQuery(explainQuery, c.req.queries()))));
  app.get('/api/dominance', async (c) => sendJson(c, await service.dominance(checkRange(parseQuery(rangeQuery, c.req.queries())))));
  app.get('/api/rut', async (c) => {
    const query = checkRange(parseQuery(rutQuery, c.req.queries()));
    return sendJson(c, await service.rut({ from: query.from, to: query.to, breakoutDrawdownPct: query.breakoutDrawdown }));
  });
  app.get('/api/sync', (c) => (parseQuery(z.object({}).strict(), c.req.queries()), c.json(syncStatus())));
  // The thesis tests take about 10 s on the shared data: computed on request, then kept.
  app.get('/api/thesis', async (c) => {
    parseQuery(z.object({}).strict(), c.req.queries());
    const report = await service.thesis();
    if (!report) return c.json({ error: 'the thesis report has not been computed yet: POST /api/thesis runs it (about 10 s), or run `altseason thesis`' }, 404);
    return c.json(report);
  });
  app.post('/api/thesis', async (c) => (parseQuery(z.object({}).strict(), c.req.queries()), sendJson(c, await service.computeThesis())));
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

  app.get('*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const root = normalize(staticDir + sep);
    const file = normalize(join(staticDir, path));
    // A prefix test on root + separator (…/web-other is not inside …/web); directories are not files.
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      if (!existsSync(join(staticDir, 'index.html'))) {
        return c.text('The dashboard front end is not built: run `npm run build:web` (npm start does it for you).', 503);
      }
      return c.text('not found', 404);
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(readFileSync(file), 200, { 'content-type': type, 'cache-control': cache });
  });
  return app;
}
