/**
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV):
 * Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting", Journal of
 * Computational Finance 20(4), 2017 (reference implementation: mrbcuda/pbo, R). METHODS.md steps:
 *
 * 1. M = one per-period return series per configuration of the sweep (same dates).
 * 2. Drop the oldest T mod S rows; cut the rest into S contiguous blocks of equal length (S even).
 * 3. For each of the C(S, S/2) choices of S/2 blocks: in-sample J = those blocks, out-of-sample J̄ =
 *    the rest.
 * 4. n* = argmaxₙ Rₙ(J) (Sharpe by default; the first configuration wins an in-sample tie).
 * 5. ω̄ = rank of R_{n*}(J̄) among all Rₙ(J̄) / (N + 1), rank 1 = worst, ties averaged.
 * 6. λ = ln(ω̄ / (1 − ω̄)).  7. PBO = #{λ ≤ 0} / C(S, S/2).
 *
 * Speed: per block and configuration we keep Σd, Σd² and the count, with d = r − (the
 * configuration's overall mean) for accuracy; a split's in-sample sums are the sum of S/2 blocks and
 * its out-of-sample sums the totals minus those, so a split costs O(S/2 + 1) per configuration.
 * NaN returns are skipped (counted out of the block's count).
 */
import { InvalidInputError } from '../../domain/errors.ts';

export type OverfittingMetric = 'sharpe' | 'mean';

export interface BacktestOverfittingOptions {
  /** S, the number of blocks: even, ≥ 2; default 16 (C(16, 8) = 12,870 splits). */
  blocks?: number;
  /** R: per-period Sharpe (default) or mean return of the configuration on the blocks. */
  metric?: OverfittingMetric;
}

export interface BacktestOverfitting {
  /** PBO = share of splits whose in-sample best ranks at or below the out-of-sample median (λ ≤ 0). */
  pbo: number;
  /** C(S, S/2). */
  splits: number;
  blocks: number;
  /** Rows per block. */
  blockLength: number;
  /** Oldest rows dropped (T mod S). */
  droppedRows: number;
  configurations: number;
  metric: OverfittingMetric;
  /** λ_c per split, splits in lexicographic order of their in-sample block sets. */
  logits: Float64Array;
  /** ω̄_c per split. */
  relativeRanks: Float64Array;
  /** n* per split. */
  selected: Int32Array;
  /** R_{n*}(J) per split. */
  inSampleMetric: Float64Array;
  /** R_{n*}(J̄) per split. */
  outOfSampleMetric: Float64Array;
  /** OLS of R_{n*}(J̄) on R_{n*}(J) across splits (performance degradation); null when undefined. */
  degradation: { slope: number; intercept: number } | null;
  /** Share of splits with R_{n*}(J̄) < 0. */
  probabilityOfLoss: number;
}

/** Binomial coefficient C(n, k) (exact for the sizes used here). */
export function binomialCoefficient(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(result);
}

function metricOf(metric: OverfittingMetric, center: number, sum: number, sumSquares: number, count: number): number {
  if (count === 0) return Number.NaN;
  const meanDeviation = sum / count;
  const mean = center + meanDeviation;
  if (metric === 'mean') return mean;
  if (count < 2) return Number.NaN;
  const variance = (sumSquares - sum * meanDeviation) / (count - 1);
  if (!(variance > 1e-300)) return mean > 0 ? Number.POSITIVE_INFINITY : mean < 0 ? Number.NEGATIVE_INFINITY : 0;
  return mean / Math.sqrt(variance);
}

/**
 * PBO by CSCV over `configurations` (one per-period return series per configuration of a sweep,
 * all of the same length T, oldest first). Throws InvalidInputError when there are fewer than two
 * configurations, the lengths differ, S is odd or T is too short for S blocks.
 */
export function probabilityOfBacktestOverfitting(
  configurations: readonly ArrayLike<number>[],
  options: BacktestOverfittingOptions = {},
): BacktestOverfitting {
  const S = options.blocks ?? 16;
  const metric = options.metric ?? 'sharpe';
  const N = configurations.length;
  if (N < 2) throw new InvalidInputError(`probability of backtest overfitting: needs at least 2 configurations, got ${N}`);
  if (!(Number.isInteger(S) && S >= 2 && S % 2 === 0)) throw new InvalidInputError(`probability of backtest overfitting: blocks must be an even integer ≥ 2, got ${S}`);
  const T = configurations[0]!.length;
  configurations.forEach((series, n) => {
    if (series.length !== T) throw new InvalidInputError(`probability of backtest overfitting: configuration ${n} has ${series.length} periods, configuration 0 has ${T}`);
  });
  const blocks = cscvBlocks(N, T, S);
  configurations.forEach((series, n) => addCscvSeries(blocks, n, series));
  return overfittingFromBlocks(blocks, metric);
}

/**
 * Per block b and configuration n, Σd, Σd² and the count at [b·N + n] (d = r − the configuration's
 * mean): all CSCV needs of a sweep, ≈ 3·S·8 bytes per configuration, so a sweep can feed every
 * configuration through addCscvSeries without keeping any return series.
 */
export interface CscvBlocks {
  blocks: number;
  configurations: number;
  periods: number;
  blockLength: number;
  dropped: number;
  centers: Float64Array;
  blockSum: Float64Array;
  blockSquares: Float64Array;
  blockCount: Float64Array;
}

/** Empty block sums for `configurations` series of `periods` returns cut into `blocks` blocks (checked as for PBO). */
export function cscvBlocks(configurations: number, periods: number, blocks: number): CscvBlocks {
  const S = blocks;
  if (!(Number.isInteger(S) && S >= 2 && S % 2 === 0)) throw new InvalidInputError(`probability of backtest overfitting: blocks must be an even integer ≥ 2, got ${S}`);
  const blockLength = Math.floor(periods / S);
  if (blockLength * (S / 2) < 2) throw new InvalidInputError(`probability of backtest overfitting: ${periods} periods are too few for ${S} blocks`);
  return {
    blocks: S,
    configurations,
    periods,
    blockLength,
    dropped: periods - blockLength * S,
    centers: new Float64Array(configurations),
    blockSum: new Float64Array(S * configurations),
    blockSquares: new Float64Array(S * configurations),
    blockCount: new Float64Array(S * configurations),
  };
}

/** Adds configuration n's return series (length `periods`) to the block sums. */
export function addCscvSeries(target: CscvBlocks, n: number, series: ArrayLike<number>): void {
  const { blocks: S, configurations: N, periods: T, blockLength, dropped, centers, blockSum, blockSquares, blockCount } = target;
  let sum = 0;
  let count = 0;
  for (let t = dropped; t < T; t++) {
    const value = series[t]!;
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  const center = count > 0 ? sum / count : 0;
  centers[n] = center;
  for (let b = 0; b < S; b++) {
    let s = 0;
    let s2 = 0;
    let c = 0;
    const start = dropped + b * blockLength;
    for (let t = start; t < start + blockLength; t++) {
      const value = series[t]!;
      if (Number.isFinite(value)) {
        const d = value - center;
        s += d;
        s2 += d * d;
        c++;
      }
    }
    blockSum[b * N + n] = s;
    blockSquares[b * N + n] = s2;
    blockCount[b * N + n] = c;
  }
}

/** The per-split figures of CSCV splits first … last − 1 (lexicographic order of their in-sample block sets). */
export interface OverfittingSplits {
  first: number;
  last: number;
  logits: Float64Array;
  relativeRanks: Float64Array;
  selected: Int32Array;
  inSampleMetric: Float64Array;
  outOfSampleMetric: Float64Array;
}

/** C(S, S/2), the number of CSCV splits of block sums. */
export function splitCount(source: CscvBlocks): number {
  return binomialCoefficient(source.blocks, source.blocks / 2);
}

/**
 * Splits first … last − 1 of CSCV over the block sums: each split independent of the others, so
 * ranges of splits can run on different threads and overfittingFromSplits joins them.
 */
export function overfittingSplits(source: CscvBlocks, metric: OverfittingMetric = 'sharpe', first = 0, last = splitCount(source)): OverfittingSplits {
  const { blocks: S, configurations: N, centers, blockSum, blockSquares, blockCount } = source;
  if (N < 2) throw new InvalidInputError(`probability of backtest overfitting: needs at least 2 configurations, got ${N}`);
  const totalSum = new Float64Array(N);
  const totalSquares = new Float64Array(N);
  const totalCount = new Float64Array(N);
  for (let b = 0; b < S; b++) {
    for (let n = 0; n < N; n++) {
      totalSum[n]! += blockSum[b * N + n]!;
      totalSquares[n]! += blockSquares[b * N + n]!;
      totalCount[n]! += blockCount[b * N + n]!;
    }
  }

  const half = S / 2;
  const size = last - first;
  const logits = new Float64Array(size);
  const relativeRanks = new Float64Array(size);
  const selected = new Int32Array(size);
  const inSampleMetric = new Float64Array(size);
  const outOfSampleMetric = new Float64Array(size);
  const isSum = new Float64Array(N);
  const isSquares = new Float64Array(N);
  const isCount = new Float64Array(N);
  const oos = new Float64Array(N);
  const chosen = Array.from({ length: half }, (_, i) => i);
  for (let c = 0; c < first; c++) nextCombination(chosen, S);

  for (let k = 0; k < size; k++) {
    isSum.fill(0);
    isSquares.fill(0);
    isCount.fill(0);
    for (const b of chosen) {
      const offset = b * N;
      for (let n = 0; n < N; n++) {
        isSum[n]! += blockSum[offset + n]!;
        isSquares[n]! += blockSquares[offset + n]!;
        isCount[n]! += blockCount[offset + n]!;
      }
    }
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let n = 0; n < N; n++) {
      // An undefined metric (no finite return on the blocks) ranks as the worst.
      const value = orWorst(metricOf(metric, centers[n]!, isSum[n]!, isSquares[n]!, isCount[n]!));
      if (best < 0 || value > bestValue) {
        best = n;
        bestValue = value;
      }
      oos[n] = orWorst(metricOf(metric, centers[n]!, totalSum[n]! - isSum[n]!, totalSquares[n]! - isSquares[n]!, totalCount[n]! - isCount[n]!));
    }
    const target = oos[best]!;
    let below = 0;
    let equal = 0;
    for (let n = 0; n < N; n++) {
      const value = oos[n]!;
      if (value < target) below++;
      else if (value === target) equal++;
    }
    const omega = (below + (equal + 1) / 2) / (N + 1);
    logits[k] = Math.log(omega / (1 - omega));
    relativeRanks[k] = omega;
    selected[k] = best;
    inSampleMetric[k] = bestValue;
    outOfSampleMetric[k] = target;
    nextCombination(chosen, S);
  }
  return { first, last, logits, relativeRanks, selected, inSampleMetric, outOfSampleMetric };
}

/** PBO from split ranges that together cover every split once (in any order). */
export function overfittingFromSplits(source: CscvBlocks, parts: readonly OverfittingSplits[], metric: OverfittingMetric = 'sharpe'): BacktestOverfitting {
  const splits = splitCount(source);
  const ordered = [...parts].sort((a, b) => a.first - b.first);
  let expected = 0;
  for (const p of ordered) {
    if (p.first !== expected) throw new RangeError(`overfitting splits: ${expected} … ${p.first - 1} are missing or overlap`);
    expected = p.last;
  }
  if (expected !== splits) throw new RangeError(`overfitting splits cover ${expected} of ${splits}`);
  const join = <A extends Float64Array | Int32Array>(pick: (p: OverfittingSplits) => A, make: (n: number) => A): A => {
    if (ordered.length === 1) return pick(ordered[0]!);
    const out = make(splits);
    for (const p of ordered) out.set(pick(p), p.first);
    return out;
  };
  const float = (n: number) => new Float64Array(n);
  const logits = join((p) => p.logits, float);
  const outOfSampleMetric = join((p) => p.outOfSampleMetric, float);
  const inSampleMetric = join((p) => p.inSampleMetric, float);
  let overfit = 0;
  let losses = 0;
  for (let c = 0; c < splits; c++) {
    if (logits[c]! <= 0) overfit++;
    if (outOfSampleMetric[c]! < 0) losses++;
  }
  return {
    pbo: overfit / splits,
    splits,
    blocks: source.blocks,
    blockLength: source.blockLength,
    droppedRows: source.dropped,
    configurations: source.configurations,
    metric,
    logits,
    relativeRanks: join((p) => p.relativeRanks, float),
    selected: join((p) => p.selected, (n) => new Int32Array(n)),
    inSampleMetric,
    outOfSampleMetric,
    degradation: simpleRegression(inSampleMetric, outOfSampleMetric),
    probabilityOfLoss: losses / splits,
  };
}

/** PBO from block sums filled for every configuration (cscvBlocks + addCscvSeries). */
export function overfittingFromBlocks(source: CscvBlocks, metric: OverfittingMetric = 'sharpe'): BacktestOverfitting {
  return overfittingFromSplits(source, [overfittingSplits(source, metric)], metric);
}

function orWorst(value: number): number {
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/** Advances a k-subset of 0..n−1 (ascending) to the next one in lexicographic order. */
function nextCombination(chosen: number[], n: number): void {
  const k = chosen.length;
  let i = k - 1;
  while (i >= 0 && chosen[i] === n - k + i) i--;
  if (i < 0) return;
  chosen[i]!++;
  for (let j = i + 1; j < k; j++) chosen[j] = chosen[j - 1]! + 1;
}

/** y = a + b·x by least squares over the pairs where both are finite; null when x has no spread. */
function simpleRegression(x: Float64Array, y: Float64Array): { slope: number; intercept: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      n++;
      sx += x[i]!;
      sy += y[i]!;
    }
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      sxx += (x[i]! - mx) ** 2;
      sxy += (x[i]! - mx) * (y[i]! - my);
    }
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export interface LogitBin {
  /** Lower edge (inclusive). */
  from: number;
  /** Upper edge (exclusive; the last bin includes it). */
  to: number;
  count: number;
}

/**
 * Histogram of the logits λ for the report: bins of `binWidth` (default 0.5) aligned on 0, so the
 * bins left of 0 hold the overfit splits. Infinite λ cannot occur (0 < ω̄ < 1); empty input → [].
 */
export function logitHistogram(logits: ArrayLike<number>, binWidth = 0.5): LogitBin[] {
  if (!(binWidth > 0)) throw new RangeError(`logitHistogram: binWidth must be > 0, got ${binWidth}`);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) {
    low = Math.min(low, logits[i]!);
    high = Math.max(high, logits[i]!);
  }
  if (!Number.isFinite(low)) return [];
  const first = Math.floor(low / binWidth);
  const last = Math.max(first, Math.ceil(high / binWidth) - 1);
  const bins: LogitBin[] = [];
  for (let k = first; k <= last; k++) bins.push({ from: k * binWidth, to: (k + 1) * binWidth, count: 0 });
  for (let i = 0; i < logits.length; i++) {
    const index = Math.min(bins.length - 1, Math.floor(logits[i]! / binWidth) - first);
    bins[index]!.count++;
  }
  return bins;
}
