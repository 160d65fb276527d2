import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf } from '../domain/dates.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { DAYS, FIRST_DAY, fixtureCloses, HOLDINGS_CSV, LAST_DAY, portfolioMarketStore } from '../../test/fixtures/portfolio-market.ts';
import { PlanCheckResultSchema } from './contracts/portfolio.ts';
import { importPortfolio } from './portfolio-import.ts';
import { listPlans, planCheck, removePlan, savePlan } from './portfolio-plan.ts';
import { readContext } from './read-context.ts';

describe('plan check and simulate on a hand-made market', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await portfolioMarketStore();
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV.replace(/2023-01-01/g, '2023-02-01') });
    await savePlan(store, { name: 'p.yaml', text: 'name: timed\nrules:\n  - { id: d10, scope: AAA, days: 10, sell_pct: 40 }\n  - { id: d20, scope: AAA, days: 20, sell_pct: 60 }\n' });
  });
  afterAll(() => store.close());
  const context = () => readContext(store, { today: LAST_DAY });

  it('fires time exits n days after the stored entry, marks the day\'s own firing as an order, and values the replay exactly', async () => {
    const entry = addDays(FIRST_DAY, 31);
    const at = addDays(entry, 20);
    const r = PlanCheckResultSchema.parse(await planCheck(context(), { name: 'timed', at }));
    expect(r.firings.map((f) => [f.ruleId, f.date, f.quantity, f.firesToday])).toEqual([
      ['d10', isoDateOf(addDays(entry, 10)), '48', false],
      ['d20', isoDateOf(at), '72', true],
    ]);
    const closes = fixtureCloses().get('AAA')!;
    expect(r.firings[0]!.priceUsd).toBeCloseTo(closes[41]!, 8);
    expect(Number(r.firings[0]!.proceedsUsd)).toBeCloseTo(48 * closes[41]!, 2);
    expect(r.remaining.find((x) => x.id === 'aaa')!.quantity).toBe('0');
  });

  it('simulates from an entry day: every holding bought at that close, the plan replayed to the end', async () => {
    const from = addDays(FIRST_DAY, 100);
    const r = await planCheck(context(), { name: 'timed', entryAt: from });
    expect(r.simulatedEntry).toBe(isoDateOf(from));
    expect(r.firings.map((f) => f.date)).toEqual([isoDateOf(addDays(from, 10)), isoDateOf(addDays(from, 20))]);
    // Hold: Q₀ × the last close (1.0) over the book = 1000.
    expect(r.replay!.holdValueUsd).toBe('1000.00');
    expect(DAYS).toBeGreaterThan(121);
    await expect(planCheck(context(), { name: 'timed', entryAt: LAST_DAY })).rejects.toThrow(/must be before/);
  });

  it('lists and removes plans, and names a missing one', async () => {
    expect((await listPlans(store)).map((p) => p.name)).toEqual(['timed']);
    await expect(planCheck(context(), { name: 'nope' })).rejects.toThrow(/plan "nope": no such plan/);
    await removePlan(store, 'timed');
    await expect(removePlan(store, 'timed')).rejects.toThrow(/no such plan/);
  });
});
