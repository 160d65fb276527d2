import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/seeded-random.ts';
import { probabilityOfBacktestOverfitting } from '../stats/backtest-overfitting.ts';
import { probabilisticSharpeRatio, sharpeEstimate } from '../stats/sharpe-statistics.ts';
import { seriesHonesty, sweepHonesty, verdictOf } from './backtest-honesty.ts';
import { runSweep, type SweepEvaluator } from './sweep.ts';

/** N configurations of i.i.d. noise (no edge), or with a drift planted in configuration `edge`. */
function noise(count: number, T: number, seed: number, edge = -1, drift = 0): SweepEvaluator {
  return {
    length: T,
    evaluate(index, out) {
      const random = seededRandom(seed * 100_003 + index);
      for (let t = 0; t < T; t++) out[t] = 0.02 * random.normal() + (index === edge ? drift : 0);
    },
  };
}

describe('backtest honesty', () => {
  it('calls the best of many no-edge configurations luck, and a strong planted edge not', () => {
    const T = 1500;
    const luck = runSweep(noise(100, T, 1), 100, { keep: 100 });
    const best = new Float64Array(T);
    noise(100, T, 1).evaluate(luck.best, best);
    const sweep = sweepHonesty(luck, best, { blocks: 8 });
    expect(sweep.trials).toBe(100);
    expect(sweep.deflated!.deflatedSharpe).toBeLessThan(0.95);
    // The best raw Sharpe looks significant on its own (PSR), which is the point of deflating.
    expect(probabilisticSharpeRatio(sharpeEstimate(best)!)).toBeGreaterThan(sweep.deflated!.deflatedSharpe);
    const verdict = verdictOf(seriesHonesty(best, null, { replicates: 200 }), sweep, 'The best configuration');
    expect(verdict.indistinguishableFromLuck).toBe(true);
    expect(verdict.lines[0]).toMatch(/indistinguishable from luck: its deflated Sharpe ratio is .* after 100 configurations tried/);

    const planted = noise(100, T, 2, 37, 0.004);
    const edge = runSweep(planted, 100, { keep: 100 });
    expect(edge.best).toBe(37);
    planted.evaluate(37, best);
    const strong = sweepHonesty(edge, best, { blocks: 8 });
    expect(strong.deflated!.deflatedSharpe).toBeGreaterThan(0.95);
    expect(strong.pbo!.pbo).toBeLessThan(0.2);
    expect(verdictOf(seriesHonesty(best, null, { replicates: 200 }), strong, 'The best configuration').indistinguishableFromLuck).toBe(false);
  });

  it('computes PBO over every configuration of the grid, not over the kept sample of series', () => {
    const T = 400;
    const count = 700;
    const evaluator = noise(count, T, 5, 123, 0.003);
    const all: Float64Array[] = [];
    const summary = runSweep(evaluator, count, { keep: 10, onConfiguration: (_, returns) => all.push(Float64Array.from(returns)) });
    expect(summary.kept, 'only 10 series are kept in memory').toHaveLength(10);
    const best = Float64Array.from(all[summary.best]!);
    const sweep = sweepHonesty(summary, best);
    const expected = probabilityOfBacktestOverfitting(all, { blocks: 16 });
    expect(sweep.pbo!.configurations, 'CSCV ranks all 700 configurations').toBe(700);
    expect(sweep.pbo!.splits).toBe(12_870);
    expect(sweep.pbo!.pbo, 'the same PBO as CSCV over all 700 full series').toBe(expected.pbo);
    expect(Array.from(sweep.pbo!.selected)).toEqual(Array.from(expected.selected));
    expect(sweep.pboNote, 'nothing sampled, nothing to say').toBeNull();

    const capped = runSweep(evaluator, count, { keep: 10, pboConfigurations: 70 });
    const cappedSweep = sweepHonesty(capped, best);
    const sample = Array.from({ length: 70 }, (_, k) => all[Math.floor((k * count) / 70)]!);
    expect(cappedSweep.pbo!.configurations).toBe(70);
    expect(cappedSweep.pbo!.pbo, 'above the limit: CSCV over an evenly spaced sample').toBe(probabilityOfBacktestOverfitting(sample).pbo);
    expect(cappedSweep.pboNote).toMatch(/PBO over an evenly spaced 70 of the 700 configurations: CSCV costs splits × configurations/);
  });

  it('gives bootstrap intervals for the Sharpe ratio and the excess return over BTC', () => {
    const random = seededRandom(4);
    const btc = Float64Array.from({ length: 800 }, () => 0.03 * random.normal());
    const strategy = btc.map((b) => b + 0.001 + 0.002 * random.normal());
    const h = seriesHonesty(strategy, btc, { replicates: 300 });
    expect(h.excessInterval!.lower).toBeGreaterThan(0);
    expect(h.excessInterval!.estimate).toBeCloseTo(strategy.reduce((a, s, i) => a + s - btc[i]!, 0) / 800, 12);
    expect(h.sharpeInterval!.lower).toBeLessThan(h.sharpeInterval!.upper);
  });
});
