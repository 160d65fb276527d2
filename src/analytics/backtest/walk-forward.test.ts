import { describe, expect, it } from 'vitest';
import { addDays, type DayNumber } from '../../domain/dates.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { simulatedInputs } from '../../sim/simulated-inputs.ts';
import { asiRegimeEvaluator } from './asi-regime-sweep.ts';
import { BacktestData } from './backtest-data.ts';
import { ASI_REGIME } from './builtin-strategies.ts';
import { ParameterGrid, parseSweepAxis } from './parameter-grid.ts';
import { runBacktest } from './run-backtest.ts';
import { runSweep, sweepLayout, sweepPart, sweepRanges } from './sweep.ts';
import { FoldSelector, parseWalkForward, planWalkForward, stitchWalkForward } from './walk-forward.ts';

describe('walk-forward', () => {
  const data = new BacktestData({ panel: simulatedInputs(simulateMarket({ seed: 5, years: 3, assets: 20 })).panel });
  const from = (data.firstDay + 60) as DayNumber;
  const to = data.lastDay;
  const grid = new ParameterGrid(ASI_REGIME, { top: 5 }, [parseSweepAxis('threshold=30..80:10'), parseSweepAxis('window=20,40')]);

  it('tiles the test windows and picks each fold from in-sample returns only', () => {
    const plan = planWalkForward(from, to, 200, 90);
    expect(plan.boundaries[0]).toBe(addDays(from, 200));
    expect(plan.boundaries[1]! - plan.boundaries[0]!).toBe(90);
    const selector = new FoldSelector(from, plan, to - from);
    runSweep(asiRegimeEvaluator(data, grid, from, to, {}), grid.count, { onConfiguration: selector.onConfiguration });
    const result = stitchWalkForward(data, grid, selector, plan, {});
    expect(result.folds).toHaveLength(plan.boundaries.length);
    expect(result.folds[1]!.testFrom).toBe(result.folds[0]!.testTo);
    // The stitched curve is one engine run with the chosen parameters switched at each boundary.
    const again = runBacktest(data, ASI_REGIME, plan.boundaries.map((t, k) => ({ fromDay: t, parameters: result.folds[k]!.parameters })), { from: plan.boundaries[0]!, to });
    expect(Array.from(again.equity)).toEqual(Array.from(result.stitched.equity));
    // Fold 0's choice is the best in-sample Sharpe over its own training days.
    const buffer = new Float64Array(to - from);
    const evaluator = asiRegimeEvaluator(data, grid, from, to, {});
    const sharpeOn = (i: number) => {
      evaluator.evaluate(i, buffer);
      const slice = buffer.subarray(0, 200);
      const m = slice.reduce((a, b) => a + b, 0) / 200;
      const sd = Math.sqrt(slice.reduce((a, b) => a + (b - m) ** 2, 0) / 199);
      return m / sd;
    };
    const sharpes = Array.from({ length: grid.count }, (_, i) => sharpeOn(i));
    expect(result.folds[0]!.chosen).toBe(sharpes.indexOf(Math.max(...sharpes.filter(Number.isFinite))));
    expect(result.folds[0]!.inSampleSharpe).toBeCloseTo(Math.max(...sharpes.filter(Number.isFinite)), 10);
  });

  it('chooses the same per fold when parts of the sweep are absorbed in order as when one selector sees them all', () => {
    const plan = planWalkForward(from, to, 120, 60);
    const whole = new FoldSelector(from, plan, to - from);
    const evaluator = asiRegimeEvaluator(data, grid, from, to, {});
    runSweep(evaluator, grid.count, { onConfiguration: whole.onConfiguration });
    const layout = sweepLayout(grid.count, evaluator.length);
    const [first, ...later] = sweepRanges(grid.count, 3).map(([a, b]) => {
      const selector = new FoldSelector(from, plan, to - from);
      sweepPart(evaluator, layout, a, b, selector.onConfiguration);
      return selector;
    });
    for (const part of later) first!.absorb(part.choices());
    expect(new Set(whole.bestIndex).size, 'folds choose different configurations').toBeGreaterThan(1);
    expect([...first!.bestIndex]).toEqual([...whole.bestIndex]);
    expect([...first!.bestSharpe]).toEqual([...whole.bestSharpe]);
    expect([...first!.bestAnnualReturn]).toEqual([...whole.bestAnnualReturn]);
  });

  it('parses TRAIN:TEST and rejects a range shorter than one fold', () => {
    expect(parseWalkForward('365:90')).toEqual({ train: 365, test: 90 });
    expect(() => parseWalkForward('365')).toThrow(/TRAIN:TEST/);
    expect(() => planWalkForward(from, addDays(from, 100), 365, 90)).toThrow(/shorter than one training window/);
  });
});
