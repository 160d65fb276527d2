import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../domain/dates.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { planMarketStore } from '../../test/fixtures/plan-market.ts';
import { importPortfolio } from './portfolio-import.ts';
import { savePlan } from './portfolio-plan.ts';
import { PlanSimulateResultSchema } from './contracts/plan-simulate.ts';
import { planSimulate } from './portfolio-plan-simulate.ts';
import { readContext } from './read-context.ts';

const D0 = parseDay('2024-03-01');
// Day 1 is the entry (close 100); the +25 % rung (limit 125) fires at the day-3 close of 130.
const CLOSES = { BTC: [40, 50, 50, 50, 50, 50], AAA: [90, 100, 110, 130, 120, 120] };
const LAST = addDays(D0, 5);

describe('plan simulate through the backtest engine', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await planMarketStore(D0, CLOSES);
    await importPortfolio(store, { name: 'h.csv', text: 'asset,quantity,cost_usd,acquired\nAAA,10,500,2024-03-01\n' });
    await savePlan(store, { name: 'p.yaml', text: 'name: ladder\nrules:\n  - { id: g25, scope: AAA, gain_pct: 25, sell_pct: 50 }\n' });
  });
  afterAll(() => store.close());

  it('buys the book at the close of --from, sells the rung when it fires, and reports the engine\'s metrics for plan, hold and BTC', async () => {
    const r = PlanSimulateResultSchema.parse(await planSimulate(readContext(store, { today: LAST }), { name: 'ladder', from: addDays(D0, 1) }));
    expect([r.from, r.to]).toEqual([isoDateOf(addDays(D0, 1)), isoDateOf(LAST)]);
    expect(r.firings.map((f) => [f.ruleId, f.date, f.quantity, f.priceUsd])).toEqual([['g25', isoDateOf(addDays(D0, 3)), '5', 130]]);
    expect(r.costs).toEqual({ feesBps: 10, slippageBps: 0 });
    // By hand: $1000 (10 × 100) pays a $1 fee → $999 of AAA; at 130 it is $1298.70; selling half pays
    // 0.1 % × $649.35 = $0.64935 out of equity → $649.025325 cash + $649.025325 of AAA; AAA then
    // × 120/130 (and flat after) → $649.025325 + $599.100300 = $1248.125625. Holding: $999 × 1.2 = $1198.80.
    expect(r.entryValueUsd).toBe('1000.00');
    expect(r.planValueUsd).toBe('1248.13');
    expect(r.holdValueUsd).toBe('1198.80');
    expect(r.differenceUsd).toBe('49.33');
    expect(r.metrics.plan.totalReturn.value).toBeCloseTo(0.248126, 6);
    expect(r.metrics.hold.totalReturn.value).toBeCloseTo(0.1988, 6);
    // BTC flat from the entry: only its purchase fee.
    expect(r.metrics.btc.totalReturn.value).toBeCloseTo(-0.001, 6);
    expect(r.metrics.plan.excessReturnVsBtc.value).toBeCloseTo(0.249126, 6);
    expect(r.metrics.plan.costsPaid.value).toBeCloseTo(0.0015, 9);
  });

  it('charges --fees-bps: without fees the plan ends at exactly 10 × (65 + 60)', async () => {
    const r = await planSimulate(readContext(store, { today: LAST }), { name: 'ladder', from: addDays(D0, 1), feesBps: 0 });
    expect(r.planValueUsd).toBe('1250.00');
    expect(r.holdValueUsd).toBe('1200.00');
  });

  it('names an entry that is not before the end', async () => {
    await expect(planSimulate(readContext(store, { today: LAST }), { name: 'ladder', from: LAST })).rejects.toThrow(/must be before/);
  });
});
