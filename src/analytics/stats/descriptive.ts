/**
 * Descriptive statistics. NaN marks a missing value and is skipped; a statistic that the data do
 * not define (the mean of nothing, the variance of one value) is null, never 0.
 */

function finiteValues(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) out[count++] = value;
  }
  return out.subarray(0, count);
}

export function countFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) count++;
  return count;
}

export function mean(values: ArrayLike<number>): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? null : sum / count;
}

/** Sample variance (divisor n − 1), computed in two passes for accuracy. */
export function variance(values: ArrayLike<number>): number | null {
  const center = mean(values);
  if (center === null) return null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      sum += (value - center) ** 2;
      count++;
    }
  }
  return count < 2 ? null : sum / (count - 1);
}

export function standardDeviation(values: ArrayLike<number>): number | null {
  const v = variance(values);
  return v === null ? null : Math.sqrt(v);
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman–Fan type 7, the default of R
 * and NumPy), so results can be checked against either.
 */
export function quantile(values: ArrayLike<number>, probability: number): number | null {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`quantile: probability must be in [0, 1], got ${probability}`);
  const sorted = finiteValues(values).sort();
  return quantileOfSorted(sorted, probability);
}

/** Type-7 quantile of values already sorted ascending (no NaN). */
export function quantileOfSorted(sorted: ArrayLike<number>, probability: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const position = (n - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const weight = position - below;
  return sorted[below]! + weight * (sorted[above]! - sorted[below]!);
}

export function median(values: ArrayLike<number>): number | null {
  return quantile(values, 0.5);
}
