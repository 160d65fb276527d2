import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber } from '../domain/dates.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { FIRST_DAY, HOLDINGS_CSV, portfolioMarketStore } from '../../test/fixtures/portfolio-market.ts';
import { PlanSweepResultSchema } from './contracts/plan-sweep.ts';
import { importPortfolio } from './portfolio-import.ts';
import { savePlan } from './portfolio-plan.ts';
import { planSimulate } from './portfolio-plan-simulate.ts';
import { planSweep } from './portfolio-plan-sweep.ts';
import { readContext } from './read-context.ts';

describe('plan sweep: ladder variants through the backtest engine, judged by DSR and PBO', () => {
  let store: SqliteStore;
  const from = (FIRST_DAY + 10) as DayNumber;
  beforeAll(async () => {
    store = await portfolioMarketStore();
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
    await savePlan(store, { name: 'p.yaml', text: 'name: ladder\nrules:\n  - { id: g10, scope: alts, gain_pct: 10, sell_pct: 25 }\n  - { id: g20, scope: alts, gain_pct: 20, sell_pct: 25 }\n' });
  });
  afterAll(() => store.close());

  it('replays each variant as plan simulate does: the unscaled variant is the plan itself', async () => {
    const r = PlanSweepResultSchema.parse(await planSweep(readContext(store), { name: 'ladder', from, gainScales: [0.5, 1, 2], sellScales: [1, 2] }));
    expect(r.variants.map((v) => [v.gainScale, v.sellScale])).toEqual([[0.5, 1], [0.5, 2], [1, 1], [1, 2], [2, 1], [2, 2]]);
    const simulated = await planSimulate(readContext(store), { name: 'ladder', from });
    const identity = r.variants[2]!;
    expect(identity.totalReturn, 'variant (1, 1) = plan simulate\'s total return').toBeCloseTo(simulated.metrics.plan.totalReturn.value!, 6);
    expect(identity.firings).toBe(simulated.firings.length);
    expect(r.hold.totalReturn, 'hold = plan simulate\'s hold').toBeCloseTo(simulated.metrics.hold.totalReturn.value!, 6);
    const sharpes = r.variants.map((v) => v.sharpe ?? Number.NEGATIVE_INFINITY);
    expect(r.best, 'the best is the highest Sharpe').toBe(sharpes.indexOf(Math.max(...sharpes)));
  });

  it('counts every variant as a trial: DSR against the expected maximum of 6 trials, PBO over C(16, 8) splits', async () => {
    const r = await planSweep(readContext(store), { name: 'ladder', from, gainScales: [0.5, 1, 2], sellScales: [1, 2] });
    expect(r.honesty.trials).toBe(6);
    expect(r.honesty.pboSplits, `PBO computed (${r.honesty.pboNote})`).toBe(12_870);
    expect(r.honesty.pbo! >= 0 && r.honesty.pbo! <= 1).toBe(true);
    expect(r.honesty.deflatedSharpe! >= 0 && r.honesty.deflatedSharpe! <= 1).toBe(true);
    // SR₀ by METHODS.md from the variants' own Sharpe ratios (per period = annual / √365; variance
    // over the 6 with T − 1), Φ⁻¹ from scipy.stats.norm.ppf for N = 6.
    const perPeriod = r.variants.map((v) => v.sharpe! / Math.sqrt(365));
    const mean = perPeriod.reduce((a, b) => a + b, 0) / 6;
    const V = perPeriod.reduce((a, b) => a + (b - mean) ** 2, 0) / 5;
    const gamma = 0.5772156649;
    const z1 = 0.967421566101701; // Φ⁻¹(1 − 1/6)
    const z2 = 1.5438425504501445; // Φ⁻¹(1 − 1/(6e))
    const sr0 = Math.sqrt(V) * ((1 - gamma) * z1 + gamma * z2) * Math.sqrt(365);
    expect(r.honesty.expectedMaxSharpe!, 'SR₀ (annualised) over the 6 variants').toBeCloseTo(sr0, 3);
    expect(r.honesty.verdict).toMatch(/^The best ladder variant of ladder is /);
  });

  it('refuses a sweep of one variant', async () => {
    await expect(planSweep(readContext(store), { name: 'ladder', from, gainScales: [1], sellScales: [1] })).rejects.toThrow(/at least 2 variants/);
  });
});
