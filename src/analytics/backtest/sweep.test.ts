import { describe, expect, it } from 'vitest';
import { mergeSweepParts, runSweep, sweepLayout, sweepPart, sweepRanges, type SweepEvaluator, type SweepSummary } from './sweep.ts';

/**
 * Configurations with seeded returns; configurations 3 and 7 are copies of 2 (a Sharpe tie the
 * first must win), 5 is all cash (an undefined Sharpe), 9 holds NaN days (skipped by PBO's sums).
 */
function evaluator(count: number, T: number): SweepEvaluator {
  const rows = Array.from({ length: count }, (_, i) => {
    let state = (i + 1) * 2654435761;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    return Float64Array.from({ length: T }, () => (random() - 0.49) * 0.04);
  });
  rows[3] = rows[2]!;
  rows[7] = rows[2]!;
  rows[5] = new Float64Array(T); // all cash
  rows[9] = Float64Array.from(rows[9]!, (r, t) => (t % 17 === 0 ? Number.NaN : r));
  return { length: T, evaluate: (i, out) => out.set(rows[i]!) };
}

/** Every typed array and number of a summary, as plain values (NaN kept as a string) for exact comparison. */
function plain(summary: SweepSummary): unknown {
  const values = (a: ArrayLike<number>) => Array.from(a, (x) => (Number.isNaN(x) ? 'NaN' : x));
  const c = summary.cscv;
  return {
    ...summary,
    sharpe: values(summary.sharpe),
    mean: values(summary.mean),
    totalReturn: values(summary.totalReturn),
    maxDrawdown: values(summary.maxDrawdown),
    keptIndices: values(summary.keptIndices),
    kept: summary.kept.map(values),
    cscvIndices: summary.cscvIndices && values(summary.cscvIndices),
    cscv: c && { ...c, centers: values(c.centers), blockSum: values(c.blockSum), blockSquares: values(c.blockSquares), blockCount: values(c.blockCount) },
  };
}

describe('sweep parts', () => {
  const count = 23;
  const T = 400;
  const e = evaluator(count, T);
  const options = { keep: 7, blocks: 8, pboConfigurations: 11 };
  const whole = runSweep(e, count, options);

  it('merge to exactly the one-part sweep, however the grid is cut (ties to the first, NaN Sharpe, sampled PBO slots)', () => {
    expect(whole.best, 'configuration 2 ties with 3 and 7: the first wins').not.toBe(3);
    expect(Number.isNaN(whole.sharpe[5]!)).toBe(true);
    expect(whole.cscv!.configurations).toBe(11);
    const layout = sweepLayout(count, T, options);
    for (const cuts of [2, 3, 5, 23]) {
      const parts = sweepRanges(count, cuts).map(([a, b]) => sweepPart(e, layout, a, b));
      expect(parts).toHaveLength(cuts);
      // Given in reverse: the merge orders the parts itself.
      expect(plain(mergeSweepParts(layout, parts.reverse())), `${cuts} parts`).toEqual(plain(whole));
    }
  });

  it('the first of tied configurations stays best when the tie straddles two parts', () => {
    // Configurations 2, 3 and 7 are one series; make it the best by scaling the others down.
    const tied: SweepEvaluator = { length: T, evaluate: (i, out) => { e.evaluate(i, out); if (![2, 3, 7].includes(i)) for (let t = 0; t < T; t++) out[t] = out[t]! * 0.1 - 0.001; } };
    const layout = sweepLayout(count, T, options);
    const one = runSweep(tied, count, options);
    expect(one.best).toBe(2);
    const merged = mergeSweepParts(layout, [sweepPart(tied, layout, 0, 3), sweepPart(tied, layout, 3, count)]);
    expect(merged.best).toBe(2);
  });

  it('refuse parts that leave a gap or overlap', () => {
    const layout = sweepLayout(count, T, options);
    expect(() => mergeSweepParts(layout, [sweepPart(e, layout, 0, 10), sweepPart(e, layout, 11, count)])).toThrow(/configurations 10 … 10 are missing/);
    expect(() => mergeSweepParts(layout, [sweepPart(e, layout, 0, 10)])).toThrow(/cover 10 of 23/);
  });

  it('cut ranges into nearly equal contiguous pieces, never more than the configurations', () => {
    expect(sweepRanges(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(sweepRanges(2, 8)).toEqual([[0, 1], [1, 2]]);
    expect(sweepRanges(5, 1)).toEqual([[0, 5]]);
  });

  it('say why PBO is missing when the days are too few for the blocks', () => {
    const layout = sweepLayout(4, 10, { blocks: 16 });
    expect([layout.blocks, layout.cscvIndices]).toEqual([null, null]);
    expect(layout.cscvNote).toMatch(/10 periods are too few for 16 blocks/);
  });
});
