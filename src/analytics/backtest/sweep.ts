/**
 * Parameter sweeps: every configuration of a grid backtested over the same days, one at a time
 * into one reused return buffer, so memory does not grow with the grid beyond a few numbers per
 * configuration (Sharpe, mean, total return, drawdown) and a bounded sample of return series kept
 * for PBO. Two evaluators fill the buffer: the engine itself per configuration (any strategy), and
 * the vectorised one for asi-regime (asi-regime-sweep.ts), checked equal to it.
 */
import type { DayNumber } from '../../domain/dates.ts';
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
}

export interface SweepRunOptions {
  /** Keep at most this many return series (for PBO and the effective number of trials); default 500. */
  keep?: number;
  /** Called with each configuration's returns while they are in the buffer (walk-forward folds use it). */
  onConfiguration?: (index: number, returns: Float64Array) => void;
}

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
  };
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
    options.onConfiguration?.(i, buffer);
  }
  return summary;
}
