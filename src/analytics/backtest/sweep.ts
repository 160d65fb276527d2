/**
 * Parameter sweeps: every configuration of a grid backtested over the same days, one at a time
 * into one reused return buffer, so memory does not grow with the grid beyond a few numbers per
 * configuration (Sharpe, mean, total return, drawdown, PBO's per-block sums) and a bounded sample
 * of return series kept for the effective number of trials. Two evaluators fill the buffer: the
 * engine itself per configuration (any strategy), and the vectorised one for asi-regime
 * (asi-regime-sweep.ts), checked equal to it.
 *
 * A sweep is cut into parts (contiguous ranges of configurations, evaluated anywhere: worker
 * threads run one each) and the parts are merged in index order. Every per-configuration figure is
 * computed the same way whatever the cut, and the merge keeps the first configuration on a tie, so
 * a sweep in parts is byte-identical to a sweep in one.
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

/** What every part of a sweep must agree on: which configurations keep their series and which feed PBO. */
export interface SweepLayout {
  configurations: number;
  /** Returns per configuration. */
  periods: number;
  keptIndices: Int32Array;
  /** S, or null when PBO's block sums are not collected. */
  blocks: number | null;
  cscvIndices: Int32Array | null;
  cscvNote: string | null;
}

export function sweepLayout(count: number, periods: number, options: Omit<SweepRunOptions, 'onConfiguration'> = {}): SweepLayout {
  const keep = Math.min(count, options.keep ?? DEFAULT_KEPT_SERIES);
  const keptIndices = Int32Array.from({ length: keep }, (_, k) => Math.floor((k * count) / keep));
  const S = options.blocks === undefined ? 16 : options.blocks;
  let cscvIndices: Int32Array | null = null;
  let cscvNote: string | null = null;
  let blocks: number | null = null;
  if (S !== null && count >= 2) {
    const slots = Math.min(count, options.pboConfigurations ?? PBO_MAX_CONFIGURATIONS);
    try {
      cscvBlocks(0, periods, S); // checks S and the length
      blocks = S;
      cscvIndices = Int32Array.from({ length: slots }, (_, k) => Math.floor((k * count) / slots));
      if (slots < count) {
        cscvNote = `PBO over an evenly spaced ${slots.toLocaleString('en-US')} of the ${count.toLocaleString('en-US')} configurations: CSCV costs splits × configurations (≈ 1.7 s per 1,000 configurations at 16 blocks on a 2-core machine), so grids above ${slots.toLocaleString('en-US')} are sampled`;
      }
    } catch (error) {
      cscvNote = error instanceof Error ? error.message : String(error);
    }
  }
  return { configurations: count, periods, keptIndices, blocks, cscvIndices, cscvNote };
}

/** Configurations start … end − 1 of a sweep: their figures, kept series and PBO block sums. */
export interface SweepPart {
  start: number;
  end: number;
  sharpe: Float64Array;
  mean: Float64Array;
  totalReturn: Float64Array;
  maxDrawdown: Float64Array;
  kept: Float32Array[];
  /** Block sums of the layout's PBO slots that fall in this part (in slot order); null when none are collected. */
  cscv: CscvBlocks | null;
}

/** The first position of `indices` (ascending) holding a value ≥ `value`. */
function firstAtLeast(indices: Int32Array, value: number): number {
  let lo = 0;
  let hi = indices.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indices[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Evaluates configurations start … end − 1 of the layout's sweep. */
export function sweepPart(evaluator: SweepEvaluator, layout: SweepLayout, start: number, end: number, onConfiguration?: SweepRunOptions['onConfiguration']): SweepPart {
  const T = evaluator.length;
  const size = end - start;
  const part: SweepPart = {
    start,
    end,
    sharpe: new Float64Array(size),
    mean: new Float64Array(size),
    totalReturn: new Float64Array(size),
    maxDrawdown: new Float64Array(size),
    kept: [],
    cscv: null,
  };
  const { keptIndices, cscvIndices } = layout;
  let nextKept = firstAtLeast(keptIndices, start);
  let nextCscv = cscvIndices ? firstAtLeast(cscvIndices, start) : 0;
  const firstSlot = nextCscv;
  if (cscvIndices && layout.blocks !== null) part.cscv = cscvBlocks(firstAtLeast(cscvIndices, end) - firstSlot, T, layout.blocks);
  const buffer = new Float64Array(T);
  for (let i = start; i < end; i++) {
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
    const k = i - start;
    part.sharpe[k] = variance > 1e-300 ? mean / Math.sqrt(variance) : Number.NaN;
    part.mean[k] = mean;
    part.totalReturn[k] = equity - 1;
    part.maxDrawdown[k] = drawdown;
    if (nextKept < keptIndices.length && keptIndices[nextKept] === i) {
      part.kept.push(Float32Array.from(buffer));
      nextKept++;
    }
    if (part.cscv && nextCscv < cscvIndices!.length && cscvIndices![nextCscv] === i) addCscvSeries(part.cscv, nextCscv++ - firstSlot, buffer);
    onConfiguration?.(i, buffer);
  }
  return part;
}

/** Block sums of several parts' slots, side by side in slot order. */
function concatenateBlocks(parts: readonly CscvBlocks[], periods: number, S: number): CscvBlocks {
  const total = parts.reduce((n, p) => n + p.configurations, 0);
  const merged = cscvBlocks(total, periods, S);
  let offset = 0;
  for (const p of parts) {
    const N = p.configurations;
    merged.centers.set(p.centers, offset);
    for (let b = 0; b < S; b++) {
      merged.blockSum.set(p.blockSum.subarray(b * N, (b + 1) * N), b * total + offset);
      merged.blockSquares.set(p.blockSquares.subarray(b * N, (b + 1) * N), b * total + offset);
      merged.blockCount.set(p.blockCount.subarray(b * N, (b + 1) * N), b * total + offset);
    }
    offset += N;
  }
  return merged;
}

/** The sweep's summary from parts that cover 0 … configurations − 1 without overlap (in any order). */
export function mergeSweepParts(layout: SweepLayout, parts: readonly SweepPart[]): SweepSummary {
  const count = layout.configurations;
  const ordered = [...parts].sort((a, b) => a.start - b.start);
  let expected = 0;
  for (const p of ordered) {
    if (p.start !== expected) throw new RangeError(`sweep parts: configurations ${expected} … ${p.start - 1} are missing or overlap`);
    expected = p.end;
  }
  if (expected !== count) throw new RangeError(`sweep parts cover ${expected} of ${count} configurations`);
  const one = ordered.length === 1 ? ordered[0]! : null;
  const join = (pick: (p: SweepPart) => Float64Array): Float64Array => {
    if (one) return pick(one);
    const out = new Float64Array(count);
    for (const p of ordered) out.set(pick(p), p.start);
    return out;
  };
  const sharpe = join((p) => p.sharpe);
  let best = -1;
  let bestSharpe = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    // Strictly greater: the first configuration wins a tie; NaN never wins.
    if (sharpe[i]! > bestSharpe) {
      bestSharpe = sharpe[i]!;
      best = i;
    }
  }
  let cscv: CscvBlocks | null = null;
  if (layout.cscvIndices && layout.blocks !== null) {
    const blocks = ordered.map((p) => p.cscv!);
    cscv = one ? blocks[0]! : concatenateBlocks(blocks, layout.periods, layout.blocks);
  }
  return {
    configurations: count,
    sharpe,
    mean: join((p) => p.mean),
    totalReturn: join((p) => p.totalReturn),
    maxDrawdown: join((p) => p.maxDrawdown),
    best,
    keptIndices: layout.keptIndices,
    kept: ordered.flatMap((p) => p.kept),
    cscv,
    cscvIndices: cscv ? layout.cscvIndices : null,
    cscvNote: layout.cscvNote,
  };
}

/** Contiguous, nearly equal ranges of 0 … count − 1, at most `parts` of them (none empty). */
export function sweepRanges(count: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, count));
  return Array.from({ length: n }, (_, k) => [Math.floor((k * count) / n), Math.floor(((k + 1) * count) / n)] as [number, number]);
}

/** The whole sweep on this thread. */
export function runSweep(evaluator: SweepEvaluator, count: number, options: SweepRunOptions = {}): SweepSummary {
  const layout = sweepLayout(count, evaluator.length, options);
  return mergeSweepParts(layout, [sweepPart(evaluator, layout, 0, count, options.onConfiguration)]);
}
