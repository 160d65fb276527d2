/**
 * Heteroskedasticity-robust Wald test that some OLS coefficients are all zero, with the HC3
 * covariance (MacKinnon & White 1985; Long & Ervin 2000 recommend it for small and moderate n):
 *   V = (XᵀX)⁻¹ Xᵀ diag(e_i² / (1 − h_ii)²) X (XᵀX)⁻¹,  h_ii = x_iᵀ (XᵀX)⁻¹ x_i,
 *   W = (R b)ᵀ (R V Rᵀ)⁻¹ (R b),  F = W / q ~ F(q, n − k) under H0,
 * which is what statsmodels reports for `OLS(...).fit(cov_type='HC3').f_test(R)`. Returns of
 * markets have volatility clusters (March 2020); the classical F test assumes constant error
 * variance and is then liberal, the HC3 one is not.
 */
import { fSurvival } from './f-distribution.ts';
import type { OlsResult } from './ordinary-least-squares.ts';

export interface RobustWaldResult {
  fStatistic: number;
  numeratorDf: number;
  denominatorDf: number;
  pValue: number;
}

/** Solves the small symmetric system A z = b by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const q = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < q; col++) {
    let pivot = col;
    for (let r = col + 1; r < q; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 0)) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < q; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= q; c++) m[r]![c] = m[r]![c]! - factor * m[col]![c]!;
    }
  }
  const z = new Array<number>(q).fill(0);
  for (let r = q - 1; r >= 0; r--) {
    let sum = m[r]![q]!;
    for (let c = r + 1; c < q; c++) sum -= m[r]![c]! * z[c]!;
    z[r] = sum / m[r]![r]!;
  }
  return z;
}

/**
 * Tests H0: b_j = 0 for every j in `tested` (column indexes of the design given to OLS). Null when
 * the fit has no residual degrees of freedom, a leverage is 1 (a row fitted exactly) or the robust
 * covariance of the tested coefficients is singular.
 */
export function hc3WaldTest(columns: ReadonlyArray<ArrayLike<number>>, fit: OlsResult, tested: readonly number[]): RobustWaldResult | null {
  const { n, k, unscaledCovariance: inverse, residuals, coefficients } = fit;
  if (inverse === null || fit.degreesOfFreedom < 1 || tested.length === 0) return null;
  // Meat: Σ_i w_i x_i x_iᵀ with w_i = e_i² / (1 − h_ii)².
  const meat = Array.from({ length: k }, () => new Float64Array(k));
  const row = new Float64Array(k);
  const projected = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) row[j] = columns[j]![i]!;
    let leverage = 0;
    for (let a = 0; a < k; a++) {
      let sum = 0;
      const inverseRow = inverse[a]!;
      for (let b = 0; b < k; b++) sum += inverseRow[b]! * row[b]!;
      projected[a] = sum;
      leverage += row[a]! * sum;
    }
    if (!(leverage < 1 - 1e-12)) return null;
    const weight = residuals[i]! ** 2 / (1 - leverage) ** 2;
    for (let a = 0; a < k; a++) {
      const wa = weight * row[a]!;
      const meatRow = meat[a]!;
      for (let b = a; b < k; b++) meatRow[b] = meatRow[b]! + wa * row[b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) meat[a]![b] = meat[b]![a]!;
  // Only the tested rows of the sandwich are needed: V[t][u] = Σ_ab inverse[t][a] meat[a][b] inverse[b][u].
  const q = tested.length;
  const left = tested.map((t) => {
    const out = new Float64Array(k);
    for (let b = 0; b < k; b++) {
      let sum = 0;
      for (let a = 0; a < k; a++) sum += inverse[t]![a]! * meat[a]![b]!;
      out[b] = sum;
    }
    return out;
  });
  const v: number[][] = left.map((l) =>
    tested.map((u) => {
      let sum = 0;
      for (let b = 0; b < k; b++) sum += l[b]! * inverse[b]![u]!;
      return sum;
    }),
  );
  const estimate = tested.map((t) => coefficients[t]!);
  const z = solve(v, estimate);
  if (z === null) return null;
  const wald = estimate.reduce((acc, value, i) => acc + value * z[i]!, 0);
  if (!(wald >= 0) || !Number.isFinite(wald)) return null;
  const fStatistic = wald / q;
  return { fStatistic, numeratorDf: q, denominatorDf: fit.degreesOfFreedom, pValue: fSurvival(fStatistic, q, fit.degreesOfFreedom) };
}
