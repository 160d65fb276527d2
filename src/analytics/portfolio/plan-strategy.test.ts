import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import { BacktestData } from '../backtest/backtest-data.ts';
import { computeMetrics } from '../backtest/backtest-metrics.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import { planStrategy, sellFactors } from './plan-strategy.ts';
import { evaluatePlan, type PlanPosition, type ProfitPlan } from './profit-plan.ts';

const D0 = parseDay('2024-03-01');
const day = (k: number) => (D0 + k) as DayNumber;
// AAA 100 → 110 → 130 → 120; BTC flat. A +25 % rung (limit 125) selling half of Q₀ fires on day 2.
const AAA = [100, 110, 130, 120];
const panel = makePanel([
  { id: 'bitcoin', symbol: 'BTC', firstDay: D0, price: [50, 50, 50, 50], marketCap: [1e12, 1e12, 1e12, 1e12] },
  { id: 'aaa', symbol: 'AAA', firstDay: D0, price: AAA, marketCap: [1e9, 1e9, 1e9, 1e9] },
]);
const data = new BacktestData({ panel });
const plan: ProfitPlan = { name: 'ladder', rules: [{ id: 'g25', scope: 'aaa', trigger: { type: 'gain', pct: 25 }, sell: 0.5 }] };
const positions: PlanPosition[] = [{ assetId: 'aaa', quantity: new Decimal(10), cost: new Decimal(1000), entryDay: day(0) }];
const close = (_id: string, d: DayNumber) => AAA[d - D0] ?? null;

describe('a profit-taking plan as a backtest strategy', () => {
  it('sells the rung at the close it fires and pays the engine\'s fees on the purchase and the sale (P&L by hand)', () => {
    const evaluation = evaluatePlan(plan, positions, { close }, day(3));
    expect(evaluation.firings.map((f) => [f.ruleId, f.day - D0, f.quantity.toNumber(), f.price])).toEqual([['g25', 2, 5, 130]]);
    expect(sellFactors(positions, evaluation.firings).get(day(2))?.get('aaa')).toBe(0.5);

    const options = { from: day(0), to: day(3), costs: { feesBps: 10 } };
    const run = runBacktest(data, planStrategy('ladder', positions, evaluation.firings), {}, options);
    const hold = runBacktest(data, planStrategy('hold-book', positions, []), {}, options);

    // By hand, in dollars, with the engine's convention (a fee is a fraction of equity at the trade):
    // $1000 buys AAA paying 10 bps: $1 fee, $999 of AAA (9.99 units).
    // Day 2 close 130: 9.99 × 130 = $1298.70. Sell half ($649.35 of turnover): fee 0.1 % × 649.35 = $0.64935,
    // leaving $1298.05065, half cash ($649.025325) and half AAA ($649.025325 = 4.992502… units).
    // Day 3 close 120: AAA part × 120/130 = $599.100300; total $1248.125625.
    const planDollars = 649.025325 + (649.025325 * 120) / 130;
    expect(planDollars).toBeCloseTo(1248.125625, 6);
    expect(run.turnover[0]).toBeCloseTo(1, 12);
    expect(run.turnover[2]).toBeCloseTo(0.5, 12);
    expect(run.equity[3]! * 1000).toBeCloseTo(planDollars, 6);
    // Holding: $999 of AAA × 120/100 = $1198.80.
    expect(hold.equity[3]! * 1000).toBeCloseTo(1198.8, 6);
    expect(hold.turnover[2]).toBe(0);

    const btc = runBacktest(data, planStrategy('hold-book', [{ ...positions[0]!, assetId: 'bitcoin' }], []), {}, options);
    const metrics = computeMetrics(run, btc);
    expect(metrics.totalReturn.value).toBeCloseTo(0.248125625, 9);
    // BTC flat: bought with the same $1 fee → −0.1 %.
    expect(metrics.excessReturnVsBtc.value).toBeCloseTo(0.248125625 - -0.001, 9);
    // Costs as the engine sums them: fractions of equity at each trade, 0.1 % × 1 + 0.1 % × 0.5.
    expect(metrics.costsPaid.value).toBeCloseTo(0.001 + 0.0005, 12);
  });

  it('keeps drifted weights (no trade) on days without a firing', () => {
    const s = planStrategy('ladder', positions, []);
    const run = runBacktest(data, s, {}, { from: day(0), to: day(3), costs: { feesBps: 10 } });
    expect(Array.from(run.turnover)).toEqual([1, 0, 0]);
  });
});
