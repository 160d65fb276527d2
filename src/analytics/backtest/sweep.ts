/**
 * Parameter sweeps: every configuration of a grid backtested over the same days, one at a time
 * into one reused return buffer, so memory does not grow with the grid beyond a few numbers per
 * configuration (Sharpe, mean, total return, drawdown, PBO's per-block sums) and a bounded sample
 * of return series kept for the effective number of trials. Two evaluators fill the buffer: the engine itself per configuration (any strategy), and
 * the vectorised one for asi-regime (asi-regime-sweep.ts), checked equal to it.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { addCscvSeries, cscvBlocks, type CscvBlocks } from '../stats/backtest-overfitting.ts';
import type { BacktestData } from './backtest-data.ts';
import type { CostOptions } from './costs.ts';
import type { ParameterGrid } from './parameter-grid.ts';
import { runBacktest } from './run-backtest.ts';

export interface SweepEvaluator {
  /** Returns per configuration (days from+1 … to). */
  readonly length: number;
  /** Fills `out` (length `length`) with configuration i's daily returns after costs. */
  evaluate(index: number, out: Float64Array): void;
}

/** The straightforward evaluator: the full engine, one configuration at a time. */
export function engineEvaluator(data: BacktestData, grid: ParameterGrid, from: DayNumber, to: DayNumber, costs: Partial<CostOptions>): SweepEvaluator {
  return {
    length: to - from,
    evaluate(index, out) {
      out.set(runBacktest(data, grid.strategy, grid.parameters(index), { from, to, costs }).returns);
    },
  };
}

export interface SweepSummary {
  configurations: number;
  /** Per configuration: per-period Sharpe (NaN when undefined), mean daily return, total return, max drawdown. */
  sharpe: Float64Array;
  mean: Float64Array;
  totalReturn: Float64Array;
  maxDrawdown: Float64Array;
  /** Index of the configuration with the highest Sharpe (the in-sample best), -1 when none is defined. */
  best: number;
  /** Configurations whose return series were kept (evenly spaced over the grid), and the series. */
  keptIndices: Int32Array;
  kept: Float32Array[];
  /** CSCV block sums of every configuration (PBO over the whole grid); null when off or the days are too few (cscvNote says why). */
  cscv: CscvBlocks | null;
  /** The configurations in `cscv` (slot k holds configuration cscvIndices[k]); all of them up to PBO_MAX_CONFIGURATIONS. */
  cscvIndices: Int32Array | null;
  /** Why PBO is missing, or why it covers an evenly spaced sample of the grid. */
  cscvNote: string | null;
}

export interface SweepRunOptions {
  /** Keep at most this many return series (for PBO and the effective number of trials); default 500. */
  keep?: number;
  /** Called with each configuration's returns while they are in the buffer (walk-forward folds use it). */
  onConfiguration?: (index: number, returns: Float64Array) => void;
  /** S for PBO's block sums (≈ 3·S·8 bytes per configuration); default 16, null = none. */
  blocks?: number | null;
  /** PBO ranks every configuration up to this many, an evenly spaced sample of this many above; default PBO_MAX_CONFIGURATIONS. */
  pboConfigurations?: number;
}

/**
 * CSCV costs splits × configurations: ≈ 1.7 s per 1,000 configurations at S = 16 (12,870 splits)
 * on the 2-core machine of docs/backtests.md, so grids up to this size are ranked whole (≈ 3.5 s)
 * and larger ones through an evenly spaced sample of this many, said in the report.
 */
export const PBO_MAX_CONFIGURATIONS = 2000;

export const DEFAULT_KEPT_SERIES = 500;

export function runSweep(evaluator: SweepEvaluator, count: number, options: SweepRunOptions = {}): SweepSummary {
  const T = evaluator.length;
  const keep = Math.min(count, options.keep ?? DEFAULT_KEPT_SERIES);
  const keptIndices = Int32Array.from({ length: keep }, (_, k) => Math.floor((k * count) / keep));
  const kept: Float32Array[] = [];
  const summary: SweepSummary = {
    configurations: count,
    sharpe: new Float64Array(count),
    mean: new Float64Array(count),
    totalReturn: new Float64Array(count),
    maxDrawdown: new Float64Array(count),
    best: -1,
    keptIndices,
    kept,
    cscv: null,
    cscvIndices: null,
    cscvNote: null,
  };
  let cscv: CscvBlocks | null = null;
  let cscvNote: string | null = null;
  const S = options.blocks === undefined ? 16 : options.blocks;
  let cscvIndices: Int32Array | null = null;
  if (S !== null && count >= 2) {
    const slots = Math.min(count, options.pboConfigurations ?? PBO_MAX_CONFIGURATIONS);
    cscvIndices = Int32Array.from({ length: slots }, (_, k) => Math.floor((k * count) / slots));
    try {
      cscv = cscvBlocks(slots, T, S);
      if (slots < count) {
        cscvNote = `PBO over an evenly spaced ${slots.toLocaleString('en-US')} of the ${count.toLocaleString('en-US')} configurations: CSCV costs splits × configurations (≈ 1.7 s per 1,000 configurations at 16 blocks on a 2-core machine), so grids above ${slots.toLocaleString('en-US')} are sampled`;
      }
    } catch (error) {
      cscvNote = error instanceof Error ? error.message : String(error);
      cscvIndices = null;
    }
  }
  summary.cscv = cscv;
  summary.cscvIndices = cscv ? cscvIndices : null;
  summary.cscvNote = cscvNote;
  let nextCscv = 0;
  const buffer = new Float64Array(T);
  let nextKept = 0;
  let bestSharpe = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    evaluator.evaluate(i, buffer);
    let sum = 0;
    let sumSquares = 0;
    let equity = 1;
    let peak = 1;
    let drawdown = 0;
    for (let t = 0; t < T; t++) {
      const r = buffer[t]!;
      sum += r;
      sumSquares += r * r;
      equity *= 1 + r;
      if (equity > peak) peak = equity;
      else if (1 - equity / peak > drawdown) drawdown = 1 - equity / peak;
    }
    const mean = sum / T;
    const variance = T > 1 ? (sumSquares - sum * mean) / (T - 1) : Number.NaN;
    const sharpe = variance > 1e-300 ? mean / Math.sqrt(variance) : Number.NaN;
    summary.sharpe[i] = sharpe;
    summary.mean[i] = mean;
    summary.totalReturn[i] = equity - 1;
    summary.maxDrawdown[i] = drawdown;
    if (sharpe > bestSharpe) {
      bestSharpe = sharpe;
      summary.best = i;
    }
    if (nextKept < keep && keptIndices[nextKept] === i) {
      kept.push(Float32Array.from(buffer));
      nextKept++;
    }
    if (cscv && nextCscv < cscvIndices!.length && cscvIndices![nextCscv] === i) addCscvSeries(cscv, nextCscv++, buffer);
    options.onConfiguration?.(i, buffer);
  }
  return summary;
}
