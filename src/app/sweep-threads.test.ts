import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asiRegimeEvaluator, asiRegimeGridValues, precomputeAsiRegime } from '../analytics/backtest/asi-regime-sweep.ts';
import { BacktestData } from '../analytics/backtest/backtest-data.ts';
import { ASI_REGIME } from '../analytics/backtest/builtin-strategies.ts';
import { ParameterGrid, parseSweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { runSweep, sweepLayout, type SweepSummary } from '../analytics/backtest/sweep.ts';
import { FoldSelector, planWalkForward } from '../analytics/backtest/walk-forward.ts';
import { overfittingFromBlocks } from '../analytics/stats/backtest-overfitting.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { parseDay, type DayNumber } from '../domain/dates.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { simulatedInputs } from '../sim/simulated-inputs.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { backtest } from './backtest.ts';
import { readContext } from './read-context.ts';
import { decideThreads, parseThreads, SweepThreads } from './sweep-threads.ts';

/** A summary as plain values (typed arrays as arrays, NaN as a string), for an exact comparison. */
function plain(summary: SweepSummary): string {
  return JSON.stringify(summary, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));
}

describe('decideThreads', () => {
  const idle = { cores: 2, load: 0.2 };
  it('uses several threads on auto only when more than one core is free and the grid repays the workers', () => {
    expect(decideThreads('auto', 96_048, 20_000, idle)).toEqual({ threads: 2, reason: '2 threads: 1.8 cores free (2 cores, load average 0.20)' });
    expect(decideThreads('auto', 96_048, 20_000, { cores: 2, load: 1.3 })).toMatchObject({ threads: 1, reason: expect.stringMatching(/^1 thread: not more than one core is free \(2 cores, load average 1\.30/) });
    expect(decideThreads('auto', 96_048, 20_000, { cores: 8, load: 5.5 }).threads).toBe(3);
    expect(decideThreads('auto', 500, 20_000, idle)).toMatchObject({ threads: 1, reason: expect.stringMatching(/500 configurations are too few/) });
    expect(decideThreads(undefined, 96_048, 20_000, { cores: 1, load: 0 }).threads).toBe(1);
  });
  it('takes a number as asked, but never more threads than configurations', () => {
    expect(decideThreads(3, 100, 20_000, { cores: 1, load: 4 })).toEqual({ threads: 3, reason: '3 threads as asked' });
    expect(decideThreads(4, 2, 20_000, idle).threads).toBe(2);
  });
  it('parses --threads, naming a bad value', () => {
    expect(parseThreads('auto')).toBe('auto');
    expect(parseThreads('4')).toBe(4);
    expect(() => parseThreads('0')).toThrow(/--threads: expected auto or a whole number 1 … 64, got "0"/);
    expect(() => parseThreads('two')).toThrow(/got "two"/);
  });
});

describe('SweepThreads (real worker threads)', () => {
  const data = new BacktestData({ panel: simulatedInputs(simulateMarket({ seed: 5, years: 3, assets: 20 })).panel });
  const from = (data.firstDay + 60) as DayNumber;
  const to = data.lastDay;
  const grid = new ParameterGrid(ASI_REGIME, { top: 5 }, [parseSweepAxis('threshold=20..80:2'), parseSweepAxis('window=20,40,60'), parseSweepAxis('exit=btc,cash')]);
  const costs = { feesBps: 15, slippageBps: 5 };
  let pool: SweepThreads;
  beforeAll(() => {
    pool = new SweepThreads(3);
  });
  afterAll(() => pool.close());

  it('gives the one-thread sweep byte for byte: figures, best, kept series, PBO block sums, PBO and walk-forward choices', async () => {
    const plan = planWalkForward(from, to, 200, 90);
    const here = new FoldSelector(from, plan, to - from);
    const one = runSweep(asiRegimeEvaluator(data, grid, from, to, costs), grid.count, { onConfiguration: here.onConfiguration });
    const pre = precomputeAsiRegime(data, asiRegimeGridValues(grid, 'window'), asiRegimeGridValues(grid, 'top'), from, to, costs);
    const there = new FoldSelector(from, plan, to - from);
    const threaded = await pool.sweep({ pre, fixed: grid.fixed, axes: grid.axes }, sweepLayout(grid.count, pre.length), there, { from, plan, length: to - from });
    expect(grid.count).toBe(186);
    expect(new Set(one.sharpe).size, 'the configurations differ').toBeGreaterThan(50);
    expect(plain(threaded)).toBe(plain(one));
    expect([...there.bestIndex]).toEqual([...here.bestIndex]);
    expect([...there.bestSharpe]).toEqual([...here.bestSharpe]);
    const pbo = await pool.overfitting(one.cscv!);
    const direct = overfittingFromBlocks(one.cscv!);
    expect(JSON.stringify({ ...pbo, logits: [...pbo.logits], selected: [...pbo.selected] })).toBe(JSON.stringify({ ...direct, logits: [...direct.logits], selected: [...direct.selected] }));
  });

  it('passes a worker’s failure back as an error, and keeps working', async () => {
    const pre = precomputeAsiRegime(data, [20], [5], from, to, costs);
    const bad = new ParameterGrid(ASI_REGIME, { top: 5, window: 20 }, [parseSweepAxis('threshold=40,60')]);
    // A precomputation without the window the grid asks for: the evaluator fails inside the worker.
    const missing = { ...pre, asi: new Map() };
    await expect(pool.sweep({ pre: missing, fixed: bad.fixed, axes: bad.axes }, sweepLayout(bad.count, pre.length), null, null)).rejects.toThrow(/a sweep worker failed/);
    const ok = await pool.sweep({ pre, fixed: bad.fixed, axes: bad.axes }, sweepLayout(bad.count, pre.length), null, null);
    expect(ok.configurations).toBe(2);
  });
});

describe('backtest use case on threads', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 11, years: 3, assets: 25 }));
  });
  afterAll(() => store.close());

  it('answers the same on 2 threads as on 1 (sweep, PBO, walk-forward), saying how many it used', async () => {
    const query = { strategy: 'asi-regime', sweep: [parseSweepAxis('threshold=30..80:5'), parseSweepAxis('window=20,40'), parseSweepAxis('top=5,10')], walkForward: { train: 300, test: 90 } };
    const context = readContext(store, { today: parseDay('2020-06-01') });
    const one = await backtest(context, { ...query, threads: 1 });
    const two = await backtest(context, { ...query, threads: 2 });
    expect([one.sweep!.threads, two.sweep!.threads]).toEqual([1, 2]);
    expect(two.sweep!.threadsNote).toBe('2 threads as asked');
    const same = (r: typeof one) => JSON.stringify({ ...r, sweep: { ...r.sweep, elapsedMs: 0, threads: 0, threadsNote: '' } });
    expect(same(two)).toBe(same(one));
    expect(one.honesty.sweep!.pbo).not.toBeNull();
  });
});
