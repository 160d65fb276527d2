/**
 * asi-regime sweeps over the full shared history: configurations per second of the vectorised
 * evaluation (analytics/backtest/asi-regime-sweep.ts) against the straightforward loop (the engine
 * with its point-in-time view, one configuration at a time) measured in the same run, and the heap
 * as the grid grows (it must stay flat: no per-configuration return series are kept beyond a
 * fixed sample for the effective number of trials; PBO's block sums cover at most 2,000 configurations);
 * then the largest grid and its PBO (CSCV over 2,000 configurations) on 1 thread and on worker
 * threads (app/sweep-threads.ts: 2, and every core when there are more), with their results checked
 * byte-identical. Worker start-up is timed on its own (the pool is started before the clock runs).
 *
 * `npm run bench -- backtest-sweep` (ALTSEASON_BENCH_DB=path uses an existing store).
 */
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { asiRegimeEvaluator } from '../src/analytics/backtest/asi-regime-sweep.ts';
import { BacktestData } from '../src/analytics/backtest/backtest-data.ts';
import { ASI_REGIME } from '../src/analytics/backtest/builtin-strategies.ts';
import { ParameterGrid, parseSweepAxis } from '../src/analytics/backtest/parameter-grid.ts';
import { engineEvaluator, runSweep, sweepLayout, type SweepSummary } from '../src/analytics/backtest/sweep.ts';
import { overfittingFromBlocks } from '../src/analytics/stats/backtest-overfitting.ts';
import { asiRegimeGridEvaluator, asiRegimeGridValues, precomputeAsiRegime } from '../src/analytics/backtest/asi-regime-sweep.ts';
import { SweepThreads } from '../src/app/sweep-threads.ts';
import { isoDateOf, type DayNumber } from '../src/domain/dates.ts';
import { loadSharedPanel, NO_SHARED_DATA } from './backtest-shared-panel.ts';

const WINDOWS = 'window=30,60,90,120,180,365';
const TOPS = 'top=10,20,30,50';
const EXITS = 'exit=btc,cash';
/** Configurations of the reference loop (it takes ~10 ms each): spread over the largest grid. */
const REFERENCE_SAMPLE = 24;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** JavaScript heap plus typed-array buffers (which live outside the heap). */
function retainedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** A full garbage collection, so heap figures are what is retained (not what awaits collection). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export default async function run(): Promise<string[]> {
  const panel = await loadSharedPanel();
  if (!panel) return [NO_SHARED_DATA];
  const lines: string[] = [];
  const data = new BacktestData({ panel });
  const from = (data.firstDay + 365) as DayNumber;
  const to = data.lastDay;
  lines.push(`full shared history ${isoDateOf(from)} … ${isoDateOf(to)} (${to - from} daily returns per configuration), fees 10 bps`);
  lines.push(`cores ${availableParallelism()}, load average ${loadavg()[0]!.toFixed(2)} at the start`);
  const grids = [
    ['threshold=40..90:5', 'window=30,90', 'exit=btc'],
    ['threshold=30..90:1', WINDOWS, TOPS, EXITS],
    ['threshold=30..90:0.25', WINDOWS, TOPS, EXITS],
    ['threshold=0..100:0.05', WINDOWS, TOPS, EXITS],
  ];
  lines.push('  configurations   precompute (ASI per window, one run per top N)   sweep   configurations/s (with precompute)   heap + buffers retained after GC');
  let lastGrid: ParameterGrid | null = null;
  let vectorisedRate = 0;
  for (const axes of grids) {
    const grid = new ParameterGrid(ASI_REGIME, {}, axes.map((a) => parseSweepAxis(a)));
    // Fresh data so each grid pays its own ASI and basket precomputation.
    const fresh = new BacktestData({ panel });
    collect();
    const heapBefore = retainedBytes();
    const t0 = performance.now();
    const evaluator = asiRegimeEvaluator(fresh, grid, from, to, { feesBps: 10 });
    const t1 = performance.now();
    const summary = runSweep(evaluator, grid.count);
    const t2 = performance.now();
    collect();
    // Retained by the sweep (its per-configuration figures and the fixed sample of series), the evaluator's precomputation included.
    const heapAfter = retainedBytes();
    const rate = grid.count / ((t2 - t1) / 1000);
    const withPre = grid.count / ((t2 - t0) / 1000);
    lines.push(`  ${String(grid.count).padStart(14)}   ${`${(t1 - t0).toFixed(0)} ms`.padStart(10)}   ${`${(t2 - t1).toFixed(0)} ms`.padStart(40)}   ${Math.round(rate).toLocaleString('en-US').padStart(10)} (${Math.round(withPre).toLocaleString('en-US')})   ${mb(heapAfter - heapBefore)} (best Sharpe ${(summary.sharpe[summary.best]! * Math.sqrt(365)).toFixed(2)})`);
    void evaluator;
    lastGrid = grid;
    vectorisedRate = rate;
  }
  lines.push(...(await threaded(data, lastGrid!, from, to)));
  // The reference: the engine per configuration, on configurations spread over the largest grid.
  const grid = lastGrid!;
  const reference = engineEvaluator(data, grid, from, to, { feesBps: 10 });
  const fast = asiRegimeEvaluator(data, grid, from, to, { feesBps: 10 });
  const a = new Float64Array(reference.length);
  const b = new Float64Array(reference.length);
  // Warm the caches the engine shares across configurations (ASI per window, universes) first.
  for (let k = 0; k < 6; k++) reference.evaluate(Math.floor((k * grid.count) / 6), a);
  let worst = 0;
  const t0 = performance.now();
  for (let k = 0; k < REFERENCE_SAMPLE; k++) reference.evaluate(Math.floor(((k + 0.5) * grid.count) / REFERENCE_SAMPLE), a);
  const t1 = performance.now();
  for (let k = 0; k < REFERENCE_SAMPLE; k++) {
    const i = Math.floor(((k + 0.5) * grid.count) / REFERENCE_SAMPLE);
    reference.evaluate(i, a);
    fast.evaluate(i, b);
    for (let t = 0; t < a.length; t++) worst = Math.max(worst, Math.abs(a[t]! - b[t]!));
  }
  const referenceRate = REFERENCE_SAMPLE / ((t1 - t0) / 1000);
  lines.push(`reference loop (engine + point-in-time view per configuration, caches warm): ${referenceRate.toFixed(1)} configurations/s on ${REFERENCE_SAMPLE} of them`);
  lines.push(`vectorised / reference: ×${Math.round(vectorisedRate / referenceRate).toLocaleString('en-US')} (largest grid); largest |difference| of a daily return: ${worst.toExponential(1)}`);
  return lines;
}

/** Summary as plain values, for an exact comparison of one thread's sweep with the workers'. */
function plain(summary: SweepSummary): string {
  return JSON.stringify(summary, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));
}

/** The largest grid and its PBO on one thread, then on worker threads (precomputed once, pools started before the clock). */
async function threaded(data: BacktestData, grid: ParameterGrid, from: DayNumber, to: DayNumber): Promise<string[]> {
  const lines: string[] = [];
  const costs = { feesBps: 10 };
  const pre = precomputeAsiRegime(data, asiRegimeGridValues(grid, 'window'), asiRegimeGridValues(grid, 'top'), from, to, costs);
  const layout = sweepLayout(grid.count, pre.length);
  const evaluator = asiRegimeGridEvaluator(pre, grid);
  const t0 = performance.now();
  const one = runSweep(evaluator, grid.count);
  const t1 = performance.now();
  const pboOne = overfittingFromBlocks(one.cscv!);
  const t2 = performance.now();
  const sweepOne = t1 - t0;
  const pboOneMs = t2 - t1;
  lines.push(`largest grid, ${grid.count.toLocaleString('en-US')} configurations, load average ${loadavg()[0]!.toFixed(2)}:`);
  lines.push(`  1 thread:  sweep ${sweepOne.toFixed(0)} ms (${Math.round(grid.count / (sweepOne / 1000)).toLocaleString('en-US')} configurations/s), PBO over ${one.cscv!.configurations.toLocaleString('en-US')} configurations ${pboOneMs.toFixed(0)} ms, together ${(sweepOne + pboOneMs).toFixed(0)} ms`);
  const sizes = [...new Set([2, availableParallelism()])].filter((n) => n >= 2);
  for (const size of sizes) {
    const s0 = performance.now();
    const pool = new SweepThreads(size);
    // A tiny task per worker: each has started and loaded its modules before the clock runs.
    const tiny = new ParameterGrid(ASI_REGIME, { window: grid.axes.find((a) => a.name === 'window')!.values[0]!, top: grid.axes.find((a) => a.name === 'top')!.values[0]! }, [parseSweepAxis(`threshold=${Array.from({ length: size }, (_, k) => 40 + k).join(',')}`)]);
    await pool.sweep({ pre, fixed: tiny.fixed, axes: tiny.axes }, sweepLayout(tiny.count, pre.length, { blocks: null }), null, null);
    const s1 = performance.now();
    const many = await pool.sweep({ pre, fixed: grid.fixed, axes: grid.axes }, layout, null, null);
    const s2 = performance.now();
    const pboMany = await pool.overfitting(many.cscv!);
    const s3 = performance.now();
    await pool.close();
    const same = plain(many) === plain(one) && JSON.stringify([...pboMany.logits]) === JSON.stringify([...pboOne.logits]) && pboMany.pbo === pboOne.pbo;
    const sweepMs = s2 - s1;
    const pboMs = s3 - s2;
    lines.push(
      `  ${size} threads: sweep ${sweepMs.toFixed(0)} ms (${Math.round(grid.count / (sweepMs / 1000)).toLocaleString('en-US')} configurations/s, ×${(sweepOne / sweepMs).toFixed(2)}), PBO ${pboMs.toFixed(0)} ms (×${(pboOneMs / pboMs).toFixed(2)}), together ×${((sweepOne + pboOneMs) / (sweepMs + pboMs)).toFixed(2)}; workers started in ${(s1 - s0).toFixed(0)} ms (here under tsx; two start and answer in ≈ 90 ms from the CLI bundle); results ${same ? 'byte-identical' : 'DIFFERENT'}`,
    );
  }
  return lines;
}
