import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { simulatedInputs } from '../../sim/simulated-inputs.ts';
import { asiRegimeEvaluator } from './asi-regime-sweep.ts';
import { BacktestData } from './backtest-data.ts';
import { ASI_REGIME } from './builtin-strategies.ts';
import { ParameterGrid, parseSweepAxis } from './parameter-grid.ts';
import { engineEvaluator, runSweep } from './sweep.ts';

describe('asiRegimeEvaluator', () => {
  const sim = simulateMarket({ seed: 3, years: 3, assets: 30 });
  const data = new BacktestData({ panel: simulatedInputs(sim).panel });
  const from = (data.firstDay + 100) as DayNumber;
  const to = data.lastDay;
  const delisted = sim.groundTruth.listings.filter((l) => l.delisted !== null).length;

  it.each([
    ['last-price', 10, 5],
    ['zero', 25, 0],
  ] as const)('gives the engine’s returns for every configuration (delisting %s, fees %d bps, slippage %d bps)', (delisting, feesBps, slippageBps) => {
    const grid = new ParameterGrid(ASI_REGIME, {}, [parseSweepAxis('threshold=30..70:20'), parseSweepAxis('window=20,60'), parseSweepAxis('top=3,8'), parseSweepAxis('exit=btc,cash')]);
    const costs = { feesBps, slippageBps, delisting };
    const fast = asiRegimeEvaluator(data, grid, from, to, costs);
    const slow = engineEvaluator(data, grid, from, to, costs);
    const a = new Float64Array(fast.length);
    const b = new Float64Array(slow.length);
    const finals = new Set<number>();
    for (let i = 0; i < grid.count; i++) {
      fast.evaluate(i, a);
      slow.evaluate(i, b);
      for (let t = 0; t < a.length; t++) expect(a[t]).toBeCloseTo(b[t]!, 12);
      finals.add(Math.round(a.reduce((e, r) => e * (1 + r), 1) * 1e9));
    }
    // The configurations really differ (the comparison is not of one series with itself).
    expect(finals.size).toBeGreaterThan(grid.count / 2);
    expect(delisted).toBeGreaterThan(0);
  });

  it('summarises a sweep: the best configuration is the one with the highest Sharpe', () => {
    const grid = new ParameterGrid(ASI_REGIME, { exit: 'btc' }, [parseSweepAxis('threshold=40..80:10'), parseSweepAxis('window=30,90')]);
    const summary = runSweep(asiRegimeEvaluator(data, grid, from, to, {}), grid.count, { keep: 4 });
    expect(summary.configurations).toBe(10);
    const sharpes = Array.from(summary.sharpe);
    expect(summary.best).toBe(sharpes.indexOf(Math.max(...sharpes)));
    expect(Array.from(summary.keptIndices)).toEqual([0, 2, 5, 7]);
    expect(summary.kept).toHaveLength(4);
  });
});
