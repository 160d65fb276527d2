/**
 * asi-regime sweeps over the full shared history: configurations per second of the vectorised
 * evaluation (analytics/backtest/asi-regime-sweep.ts) against the straightforward loop (the engine
 * with its point-in-time view, one configuration at a time) measured in the same run, and the heap
 * as the grid grows (it must stay flat: no per-configuration return series are kept beyond a
 * fixed sample for the effective number of trials; PBO's block sums cover at most 2,000 configurations). Worker threads are not used: this bench reports the cores and the load.
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
import { engineEvaluator, runSweep } from '../src/analytics/backtest/sweep.ts';
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
  lines.push(`cores ${availableParallelism()}, load average ${loadavg()[0]!.toFixed(2)}: worker threads not used (one core is not free on this machine)`);
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
