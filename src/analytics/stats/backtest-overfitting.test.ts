import { describe, expect, it } from 'vitest';
import { addCscvSeries, binomialCoefficient, cscvBlocks, logitHistogram, overfittingFromBlocks, overfittingFromSplits, overfittingSplits, probabilityOfBacktestOverfitting } from './backtest-overfitting.ts';
import { seededRandom } from './seeded-random.ts';

/** The fixed sweep also built by the Python check: T = 131 periods × N = 6 configurations. */
function fixedSweep(T = 131, N = 6): Float64Array[] {
  return Array.from({ length: N }, (_, n) =>
    Float64Array.from(
      { length: T },
      (_, t) => 0.01 * Math.sin(0.3 * t * (n + 1) + n) + 0.002 * Math.cos(1.7 * t + 0.5 * n) + (0.0005 * n * ((t % 7) - 3)) / 3,
    ),
  );
}

const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0);

describe('probability of backtest overfitting (CSCV)', () => {
  // Independent check: /usr/bin/python3 with numpy 1.24 / scipy 1.10, a direct transcription of the
  // paper — for each itertools.combinations(range(S), S/2): stack the blocks, Sharpe = mean/std(ddof=1)
  // per column, n* = argmax, ω = scipy.stats.rankdata(R_oos, 'average')[n*]/(N+1), λ = ln(ω/(1−ω));
  // numpy.polyfit(R_is[n*], R_oos[n*], 1) for the degradation.
  it('matches a direct transcription of the paper with S = 16 (12,870 splits)', () => {
    const result = probabilityOfBacktestOverfitting(fixedSweep());
    expect(result.splits).toBe(12_870);
    expect(result.blockLength).toBe(8);
    expect(result.droppedRows, '131 mod 16 oldest rows').toBe(3);
    expect(result.pbo).toBeCloseTo(0.9327894327894328, 14);
    expect(result.logits[0]).toBeCloseTo(1.7917594692280545, 12);
    expect(result.selected[0]).toBe(0);
    expect(sum(result.logits)).toBeCloseTo(-18130.656173921056, 6);
    expect(result.degradation!.slope).toBeCloseTo(-0.8574052915848169, 9);
    expect(result.degradation!.intercept).toBeCloseTo(0.010013770163272161, 10);
    expect(result.probabilityOfLoss).toBeCloseTo(0.9055944055944056, 14);
  });

  it('matches it with S = 8, for the Sharpe and the mean metric', () => {
    const sharpe = probabilityOfBacktestOverfitting(fixedSweep(), { blocks: 8 });
    expect(sharpe.splits).toBe(70);
    expect(sharpe.pbo).toBeCloseTo(0.7428571428571429, 14);
    expect(sum(sharpe.logits)).toBeCloseTo(-62.80564793202099, 9);
    expect(sharpe.degradation!.slope).toBeCloseTo(-0.9709081579058402, 9);
    expect(sharpe.probabilityOfLoss).toBeCloseTo(0.6571428571428571, 14);
    const mean = probabilityOfBacktestOverfitting(fixedSweep(), { blocks: 8, metric: 'mean' });
    expect(mean.pbo).toBeCloseTo(0.7571428571428571, 14);
    expect(sum(mean.logits)).toBeCloseTo(-65.7605582110547, 9);
    expect(mean.degradation!.slope).toBeCloseTo(-0.9889228102183982, 9);
  });

  it('finds no overfitting when one configuration has a real edge', () => {
    const random = seededRandom(7);
    const sweep = Array.from({ length: 20 }, (_, n) => Float64Array.from({ length: 800 }, () => 0.01 * random.normal() + (n === 3 ? 0.004 : 0)));
    const result = probabilityOfBacktestOverfitting(sweep);
    expect(result.pbo).toBe(0);
    expect(Array.from(result.selected).every((n) => n === 3)).toBe(true);
  });

  it('averages tied ranks: identical configurations give ω̄ = ½ and λ = 0, counted as overfit', () => {
    const same = Float64Array.from({ length: 64 }, (_, t) => Math.sin(t));
    const result = probabilityOfBacktestOverfitting([same, same, same], { blocks: 4 });
    expect(Array.from(result.relativeRanks)).toEqual(new Array(6).fill(0.5));
    expect(result.pbo).toBe(1);
  });

  it('rejects what it cannot split', () => {
    expect(() => probabilityOfBacktestOverfitting([new Float64Array(40)])).toThrow(/at least 2 configurations/);
    expect(() => probabilityOfBacktestOverfitting([new Float64Array(40), new Float64Array(40)], { blocks: 5 })).toThrow(/even/);
    expect(() => probabilityOfBacktestOverfitting([new Float64Array(40), new Float64Array(39)])).toThrow(/configuration 1 has 39/);
    expect(() => probabilityOfBacktestOverfitting([new Float64Array(10), new Float64Array(10)])).toThrow(/too few/);
  });

  it('counts C(n, k) exactly', () => {
    expect(binomialCoefficient(16, 8)).toBe(12_870);
    expect(binomialCoefficient(8, 4)).toBe(70);
    expect(binomialCoefficient(5, 7)).toBe(0);
  });
});

describe('CSCV splits in ranges', () => {
  it('join to exactly the whole computation, whatever the ranges (each split is independent)', () => {
    const series = fixedSweep(131, 9);
    const blocks = cscvBlocks(9, 131, 16);
    series.forEach((r, n) => addCscvSeries(blocks, n, r));
    const whole = overfittingFromBlocks(blocks);
    const plain = (o: typeof whole) => JSON.stringify({ ...o, logits: [...o.logits], relativeRanks: [...o.relativeRanks], selected: [...o.selected], inSampleMetric: [...o.inSampleMetric], outOfSampleMetric: [...o.outOfSampleMetric] });
    expect(whole.pbo, 'the same as from the series').toBe(probabilityOfBacktestOverfitting(series).pbo);
    for (const cuts of [[0, 12_870], [0, 1, 12_870], [0, 5000, 9001, 12_870]]) {
      const ranges = cuts.slice(1).map((last, k) => overfittingSplits(blocks, 'sharpe', cuts[k]!, last));
      expect(plain(overfittingFromSplits(blocks, ranges.reverse())), cuts.join(',')).toBe(plain(whole));
    }
    expect(() => overfittingFromSplits(blocks, [overfittingSplits(blocks, 'sharpe', 0, 100)])).toThrow(/cover 100 of 12870/);
  });
});

describe('logit histogram', () => {
  it('bins on a grid aligned at 0', () => {
    const bins = logitHistogram([-1.2, -0.1, 0, 0.3, 0.49, 1.6]);
    expect(bins.map((b) => [b.from, b.count])).toEqual([
      [-1.5, 1],
      [-1, 0],
      [-0.5, 1],
      [0, 3],
      [0.5, 0],
      [1, 0],
      [1.5, 1],
    ]);
    expect(logitHistogram([])).toEqual([]);
  });
});
