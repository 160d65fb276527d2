/**
 * Ordinary least squares by Householder QR (no normal equations: they square the condition
 * number). Small designs only (a few dozen columns), as in Granger regressions.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export interface OlsResult {
  coefficients: Float64Array;
  /** Standard errors from σ² (XᵀX)⁻¹ with σ² = RSS / (n − k); null when n = k. */
  standardErrors: Float64Array | null;
  /** (XᵀX)⁻¹ by rows (k × k), for sandwich covariances such as HC3; null when n = k. */
  unscaledCovariance: Float64Array[] | null;
  residuals: Float64Array;
  residualSumOfSquares: number;
  /** Observations (rows). */
  n: number;
  /** Coefficients (columns). */
  k: number;
  degreesOfFreedom: number;
}

/**
 * Fits y ≈ X b. `columns` holds the design by column (include a column of ones for an intercept),
 * each of the same length as y; rows must be complete (no NaN). Throws when the design is rank
 * deficient, naming the column that depends on the others.
 */
export function ordinaryLeastSquares(columns: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>): OlsResult {
  const n = y.length;
  const k = columns.length;
  if (k === 0) throw new InvalidInputError('OLS: the design has no columns');
  if (n < k) throw new InvalidInputError(`OLS: ${n} observations cannot identify ${k} coefficients`);
  // Column-major copy of X and a copy of y, overwritten by the factorization.
  const a = columns.map((column, j) => {
    if (column.length !== n) throw new InvalidInputError(`OLS: column ${j} has ${column.length} rows but y has ${n}`);
    const copy = Float64Array.from(column);
    for (let i = 0; i < n; i++) if (!Number.isFinite(copy[i]!)) throw new InvalidInputError(`OLS: column ${j} row ${i} is ${copy[i]}, rows must be complete`);
    return copy;
  });
  const b = Float64Array.from(y);
  for (let i = 0; i < n; i++) if (!Number.isFinite(b[i]!)) throw new InvalidInputError(`OLS: y row ${i} is ${b[i]}, rows must be complete`);
  const diagonal = new Float64Array(k);
  const columnNorms = a.map((column) => Math.sqrt(column.reduce((acc, value) => acc + value * value, 0)));
  for (let j = 0; j < k; j++) {
    const column = a[j]!;
    let norm = 0;
    for (let i = j; i < n; i++) norm += column[i]! ** 2;
    norm = Math.sqrt(norm);
    if (norm <= 1e-12 * Math.max(columnNorms[j]!, 1e-300)) {
      throw new InvalidInputError(`OLS: the design is rank deficient: column ${j} is (nearly) a linear combination of columns 0…${j - 1}`);
    }
    const alpha = column[j]! > 0 ? -norm : norm;
    // Householder vector v = x − alpha e1, stored in place; H = I − 2 v vᵀ / (vᵀ v).
    column[j] = column[j]! - alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += column[i]! ** 2;
    for (let c = j + 1; c < k; c++) {
      const other = a[c]!;
      let dot = 0;
      for (let i = j; i < n; i++) dot += column[i]! * other[i]!;
      const factor = (2 * dot) / vv;
      for (let i = j; i < n; i++) other[i] = other[i]! - factor * column[i]!;
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += column[i]! * b[i]!;
    const factor = (2 * dot) / vv;
    for (let i = j; i < n; i++) b[i] = b[i]! - factor * column[i]!;
    diagonal[j] = alpha;
  }
  // R is upper triangular: R[i][j] = a[j][i] for i < j, R[j][j] = diagonal[j].
  const r = (i: number, j: number): number => (i === j ? diagonal[j]! : a[j]![i]!);
  const coefficients = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let j = i + 1; j < k; j++) sum -= r(i, j) * coefficients[j]!;
    coefficients[i] = sum / r(i, i);
  }
  const residuals = new Float64Array(n);
  let residualSumOfSquares = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += columns[j]![i]! * coefficients[j]!;
    residuals[i] = y[i]! - fitted;
    residualSumOfSquares += residuals[i]! ** 2;
  }
  const degreesOfFreedom = n - k;
  let standardErrors: Float64Array | null = null;
  let unscaledCovariance: Float64Array[] | null = null;
  if (degreesOfFreedom > 0) {
    // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ; its diagonal is the row sums of squares of R⁻¹.
    const rInverse = Array.from({ length: k }, () => new Float64Array(k));
    for (let column = 0; column < k; column++) {
      for (let i = column; i >= 0; i--) {
        let sum = i === column ? 1 : 0;
        for (let j = i + 1; j <= column; j++) sum -= r(i, j) * rInverse[j]![column]!;
        rInverse[i]![column] = sum / r(i, i);
      }
    }
    const sigma2 = residualSumOfSquares / degreesOfFreedom;
    standardErrors = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let sum = 0;
      for (let j = i; j < k; j++) sum += rInverse[i]![j]! ** 2;
      standardErrors[i] = Math.sqrt(sigma2 * sum);
    }
    unscaledCovariance = Array.from({ length: k }, () => new Float64Array(k));
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        let sum = 0;
        for (let m = j; m < k; m++) sum += rInverse[i]![m]! * rInverse[j]![m]!;
        unscaledCovariance[i]![j] = sum;
        unscaledCovariance[j]![i] = sum;
      }
    }
  }
  return { coefficients, standardErrors, unscaledCovariance, residuals, residualSumOfSquares, n, k, degreesOfFreedom };
}
