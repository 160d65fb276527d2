/**
 * GET /api/backtest through the app (app.request, no socket) on a simulated market: 200 in the
 * contract's schema (strict at the top level), the same answer as the backtest use case called
 * directly with the query the CLI's flags would give, and 400s naming the parameter and its value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { backtest } from '../app/backtest.ts';
import { BacktestResultSchema } from '../app/contracts/backtest.ts';
import { readContext } from '../app/read-context.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { parseDay } from '../domain/dates.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { createApp } from './create-app.ts';
import { createDashboardService } from './create-dashboard-service.ts';
import { WEB_DIST_DIR } from './start-server.ts';
import { apiAnswer } from '../../test/api-answer.ts';

const ErrorSchema = z.strictObject({ error: z.string().min(1) });
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
/** The answer without the sweep's wall-clock time (the one field two runs may differ in). */
const untimed = (result: { sweep: { elapsedMs: number } | null }) => json({ ...result, sweep: result.sweep && { ...result.sweep, elapsedMs: 0 } });

const BAD_PARAMETERS: { path: string; names: string[] }[] = [
  { path: '/api/backtest?strategy=martingale', names: ['strategy', 'asi-regime'] },
  { path: '/api/backtest', names: ['strategy'] },
  { path: '/api/backtest?strategy=asi-regime&feesBps=-3', names: ['feesBps', '"-3"'] },
  { path: '/api/backtest?strategy=asi-regime&walkForward=730', names: ['walkForward', 'TRAIN:TEST'] },
  { path: '/api/backtest?strategy=asi-regime&from=2018-02-30', names: ['from', '"2018-02-30"'] },
  { path: '/api/backtest?strategy=asi-regime&params=threshold', names: ['params', 'threshold'] },
  { path: '/api/backtest?strategy=asi-regime&params=colour=red', names: ['colour'] },
  { path: '/api/backtest?strategy=asi-regime&sweep=threshold=0..100:0.001', names: ['sweep', 'threshold', '100001'] },
  { path: '/api/backtest?strategy=asi-regime&sweep=threshold=40,60&threads=0', names: ['threads', '"0"'] },
  { path: '/api/backtest?strategy=asi-regime&sweep=threshold=40,60&threads=many', names: ['threads', 'auto'] },
];

describe('backtest API', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 11, years: 3, assets: 25 }));
    app = createApp(createDashboardService(store), WEB_DIST_DIR);
  });
  afterAll(() => store.close());

  const get = <T>(path: string, schema: z.ZodType<T>, status = 200): Promise<T> => apiAnswer(app, path, schema, status);

  it('GET /api/backtest (one configuration) → 200 in altseason.backtest/v1, the use case’s answer', async () => {
    const api = await get('/api/backtest?strategy=asi-regime&params=threshold=60,window=30,top=10&feesBps=20', BacktestResultSchema.strict());
    expect([api.schema, api.simulated, api.strategy.id, api.headline]).toEqual(['altseason.backtest/v1', true, 'asi-regime', 'single']);
    expect(api.parameters).toEqual({ threshold: 60, window: 30, top: 10, exit: 'btc' });
    const direct = await backtest(readContext(store), { strategy: 'asi-regime', parameters: { threshold: 60, window: 30, top: 10 }, feesBps: 20, slippageBps: 0, sweep: [] });
    expect(api, 'the same answer as backtest() called directly').toEqual(json(direct));
  });

  it('GET /api/backtest with a sweep, a range and walk-forward → the use case’s answer', async () => {
    const path = '/api/backtest?strategy=asi-regime&params=top=5&sweep=threshold=40..80:20;window=20,40&from=2017-03-01&to=2019-12-31&walkForward=240:120';
    const api = await get(path, BacktestResultSchema.strict());
    expect([api.headline, api.sweep!.configurations, api.honesty.sweep!.trials, api.from]).toEqual(['walk-forward', 6, 6, api.walkForward!.folds[0]!.testFrom]);
    const direct = await backtest(readContext(store), {
      strategy: 'asi-regime',
      parameters: { top: 5 },
      sweep: [parseSweepAxis('threshold=40..80:20'), parseSweepAxis('window=20,40')],
      feesBps: 10,
      slippageBps: 0,
      from: parseDay('2017-03-01'),
      to: parseDay('2019-12-31'),
      walkForward: { train: 240, test: 120 },
    });
    expect(untimed(api), 'the same answer as backtest() called directly (but for the elapsed time)').toEqual(untimed(direct));
  });

  it('GET /api/backtest with threads=2 → the sweep on 2 worker threads, the same answer as on 1', async () => {
    const path = '/api/backtest?strategy=asi-regime&params=top=5&sweep=threshold=40..80:10;window=20,40';
    const two = await get(`${path}&threads=2`, BacktestResultSchema.strict());
    const one = await get(`${path}&threads=1`, BacktestResultSchema.strict());
    expect([two.sweep!.threads, two.sweep!.threadsNote, one.sweep!.threads]).toEqual([2, '2 threads as asked', 1]);
    const same = (r: typeof one) => json({ ...r, sweep: { ...r.sweep!, elapsedMs: 0, threads: 0, threadsNote: '' } });
    expect(same(two)).toEqual(same(one));
  });

  it.each(BAD_PARAMETERS)('$path → 400 naming the parameter and the value', async ({ path, names }) => {
    const { error } = await get(path, ErrorSchema, 400);
    for (const name of names) expect(error, `the message for ${path}`).toContain(name);
  });
});
