import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../domain/dates.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { planMarketStore } from '../../test/fixtures/plan-market.ts';
import { PlanStatusResultSchema } from './contracts/plan-status.ts';
import { importPortfolio } from './portfolio-import.ts';
import { planCheck, savePlan } from './portfolio-plan.ts';
import { planStatus } from './portfolio-plan-status.ts';
import { readContext } from './read-context.ts';

const D0 = parseDay('2024-03-01');
// AAA bought on day 0 at 100; the +25 % rung (125) fires at the day-3 close of 130.
const CLOSES = { BTC: [40, 50, 50, 50, 50, 50], AAA: [100, 100, 110, 130, 120, 120] };
const LAST = addDays(D0, 5);

describe('plan status: every stored plan checked on one day', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await planMarketStore(D0, CLOSES);
    await importPortfolio(store, { name: 'h.csv', text: 'asset,quantity,cost_usd,acquired\nAAA,10,1000,2024-03-01\n' });
  });
  afterAll(() => store.close());

  it('with no stored plan: an empty list, no day', async () => {
    const r = PlanStatusResultSchema.parse(await planStatus(readContext(store, { today: LAST })));
    expect([r.schema, r.asOf, r.plans]).toEqual(['altseason.plan-status/v1', null, []]);
  });

  it('each plan is plan check\'s answer, with the day\'s firings counted as orders to place now', async () => {
    await savePlan(store, { name: 'p.yaml', text: 'name: ladder\nrules:\n  - { id: g25, scope: AAA, gain_pct: 25, sell_pct: 50 }\n' });
    const at = addDays(D0, 3);
    const r = PlanStatusResultSchema.parse(await planStatus(readContext(store, { today: LAST }), { at }));
    expect(r.asOf).toBe(isoDateOf(at));
    expect(r.plans.map((p) => [p.plan, p.rules, p.firesToday, p.error])).toEqual([['ladder', 1, 1, null]]);
    expect(r.plans[0]!.check, 'the same as planCheck on that day').toEqual(await planCheck(readContext(store, { today: LAST }), { name: 'ladder', at }));
    const later = await planStatus(readContext(store, { today: LAST }));
    expect([later.asOf, later.plans[0]!.firesToday, later.plans[0]!.check!.firings.length], 'two days on, the firing is history, not an order').toEqual([isoDateOf(LAST), 0, 1]);
  });
});
