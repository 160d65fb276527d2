/**
 * GET /api/portfolio, /api/risk and /api/plans through the app (app.request, no socket), on the hand-made
 * portfolio market: 200 in the contracts' schemas (strict at the top level), the same answer as the
 * use cases called directly, ?date narrowing to a day, 400s naming the parameter and its value —
 * and the portfolio never leaves the machine: no socket is opened and fetch is never called while
 * the answers are computed.
 */
import { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { PlanStatusResultSchema } from '../app/contracts/plan-status.ts';
import { PortfolioResultSchema } from '../app/contracts/portfolio.ts';
import { RiskResultSchema } from '../app/contracts/risk.ts';
import { importPortfolio } from '../app/portfolio-import.ts';
import { savePlan } from '../app/portfolio-plan.ts';
import { planStatus } from '../app/portfolio-plan-status.ts';
import { portfolioShow } from '../app/portfolio-show.ts';
import { readContext } from '../app/read-context.ts';
import { risk } from '../app/risk.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { parseDay } from '../domain/dates.ts';
import { HOLDINGS_CSV, portfolioMarketStore } from '../../test/fixtures/portfolio-market.ts';
import { createApp } from './create-app.ts';
import { createDashboardService } from './create-dashboard-service.ts';
import { WEB_DIST_DIR } from './start-server.ts';
import { apiAnswer } from '../../test/api-answer.ts';

const ErrorSchema = z.strictObject({ error: z.string().min(1) });
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

const BAD_PARAMETERS: { path: string; names: string[] }[] = [
  { path: '/api/portfolio?date=2023-02-30', names: ['date', '"2023-02-30"'] },
  { path: '/api/risk?date=yesterday', names: ['date', '"yesterday"'] },
  { path: '/api/risk?window=30', names: ['unknown', 'window', '"30"'] },
  { path: '/api/portfolio?at=2023-05-01', names: ['unknown', 'at'] },
  { path: '/api/plans?date=2023-13-01', names: ['date', '"2023-13-01"'] },
];

describe('portfolio and risk API', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  /** Every outgoing connection or fetch attempted while a test runs. */
  let outgoing: string[];
  const realConnect = Socket.prototype.connect;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    store = await portfolioMarketStore();
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
    await savePlan(store, { name: 'plan.yaml', text: 'name: ladder\nrules:\n  - { id: plus10, scope: alts, gain_pct: 10, sell_pct: 25 }\n' });
    app = createApp(createDashboardService(store), WEB_DIST_DIR);
  });
  afterAll(() => store.close());

  beforeEach(() => {
    outgoing = [];
    Socket.prototype.connect = function connect(this: Socket, ...args: unknown[]) {
      outgoing.push(`socket ${JSON.stringify(args[0])}`);
      return realConnect.apply(this, args as never);
    } as typeof Socket.prototype.connect;
    globalThis.fetch = vi.fn(async (input: unknown) => {
      outgoing.push(`fetch ${String(input)}`);
      throw new Error('no network in this test');
    }) as typeof fetch;
  });
  afterEach(() => {
    Socket.prototype.connect = realConnect;
    globalThis.fetch = realFetch;
    expect(outgoing, 'the portfolio is never sent anywhere: no socket, no fetch').toEqual([]);
  });

  const get = <T>(path: string, schema: z.ZodType<T>, status = 200): Promise<T> => apiAnswer(app, path, schema, status);

  it('GET /api/portfolio → 200 in altseason.portfolio/v1, the use case’s answer', async () => {
    const api = await get('/api/portfolio', PortfolioResultSchema.strict());
    expect([api.schema, api.simulated, api.asOf, api.holdings.length, api.totalValueUsd]).toEqual(['altseason.portfolio/v1', false, '2023-05-30', 19, '1000.00']);
    expect(api, 'the same answer as portfolioShow() called directly').toEqual(json(await portfolioShow(readContext(store))));
  });

  it('GET /api/risk → 200 in altseason.risk/v1, the use case’s answer, with the 12 % position flagged', async () => {
    const api = await get('/api/risk', RiskResultSchema.strict());
    expect([api.schema, api.asOf, api.returnPeriodDays]).toEqual(['altseason.risk/v1', '2023-05-30', 1]);
    expect(api.findings.find((f) => f.kind === 'position-cap'), 'the 12 % position breaches the 5 % cap').toMatchObject({ subject: 'aaa', value: 0.12, limit: 0.05 });
    expect(api.valueAtRisk.filter((v) => v.method === 'historical').map((v) => [v.confidence, v.horizonDays]), 'historical VaR at 95/99 %, 1 and 10 days').toEqual([[0.95, 1], [0.99, 1], [0.95, 10], [0.99, 10]]);
    expect(api, 'the same answer as risk() called directly').toEqual(json(await risk(readContext(store))));
  });

  it('GET /api/plans → 200 in altseason.plan-status/v1, the use case’s answer: each stored plan checked on the day', async () => {
    const api = await get('/api/plans', PlanStatusResultSchema.strict());
    expect([api.schema, api.asOf, api.plans.map((p) => [p.plan, p.rules, p.error])]).toEqual(['altseason.plan-status/v1', '2023-05-30', [['ladder', 1, null]]]);
    expect(api, 'the same answer as planStatus() called directly').toEqual(json(await planStatus(readContext(store))));
    const early = await get('/api/plans?date=2023-02-01', PlanStatusResultSchema.strict());
    expect(early).toEqual(json(await planStatus(readContext(store), { at: parseDay('2023-02-01') })));
  });

  it('?date= is the use case at that day', async () => {
    const portfolio = await get('/api/portfolio?date=2023-05-20', PortfolioResultSchema.strict());
    expect(portfolio.asOf).toBe('2023-05-20');
    expect(portfolio).toEqual(json(await portfolioShow(readContext(store), { at: parseDay('2023-05-20') })));
    const atDay = await get('/api/risk?date=2023-05-20', RiskResultSchema.strict());
    expect(atDay).toEqual(json(await risk(readContext(store), { at: parseDay('2023-05-20') })));
  });

  it.each(BAD_PARAMETERS)('$path → 400 naming the parameter and the value', async ({ path, names }) => {
    const { error } = await get(path, ErrorSchema, 400);
    for (const name of names) expect(error, `the message for ${path}`).toContain(name);
  });
});

describe('GET /api/portfolio before any import', () => {
  it('answers 204 (nothing stored), not an error a dashboard would log', async () => {
    const empty = await portfolioMarketStore();
    try {
      const response = await createApp(createDashboardService(empty), WEB_DIST_DIR).request('/api/portfolio');
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    } finally {
      empty.close();
    }
  });
});
