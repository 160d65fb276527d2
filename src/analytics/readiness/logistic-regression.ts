/**
 * Ridge-penalised logistic regression by iteratively reweighted least squares: each Newton step is
 * a weighted least-squares fit (analytics/stats/ordinary-least-squares.ts) of the working response
 * z = η + (y − p)/(p(1 − p)) on the design, rows scaled by √(p(1 − p)), with √λ·I pseudo-rows for
 * the penalty (the intercept is not penalised). The penalty keeps the fit finite when a season
 * history is separable (few seasons, many components).
 */
import { ordinaryLeastSquares } from '../stats/ordinary-least-squares.ts';

export interface LogisticFit {
  intercept: number;
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
}

export const DEFAULT_RIDGE = 1;

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Fits P(y = 1 | x) = σ(b₀ + Σ bⱼ xⱼ). `rows[i]` are the features of observation i (finite), y ∈ {0, 1}. */
export function fitLogistic(rows: readonly ArrayLike<number>[], y: ArrayLike<number>, ridge = DEFAULT_RIDGE, maxIterations = 25): LogisticFit {
  const n = rows.length;
  const k = n > 0 ? rows[0]!.length : 0;
  let beta = new Float64Array(k + 1);
  let iterations = 0;
  let converged = false;
  const penaltyRows = ridge > 0 ? k : 0;
  for (; iterations < maxIterations; iterations++) {
    const columns = Array.from({ length: k + 1 }, () => new Float64Array(n + penaltyRows));
    const z = new Float64Array(n + penaltyRows);
    for (let i = 0; i < n; i++) {
      const x = rows[i]!;
      let eta = beta[0]!;
      for (let j = 0; j < k; j++) eta += beta[j + 1]! * x[j]!;
      const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(eta)));
      const w = p * (1 - p);
      const s = Math.sqrt(w);
      z[i] = s * (eta + (y[i]! - p) / w);
      columns[0]![i] = s;
      for (let j = 0; j < k; j++) columns[j + 1]![i] = s * x[j]!;
    }
    for (let j = 0; j < penaltyRows; j++) columns[j + 1]![n + j] = Math.sqrt(ridge);
    const next = ordinaryLeastSquares(columns, z).coefficients;
    let change = 0;
    for (let j = 0; j <= k; j++) change = Math.max(change, Math.abs(next[j]! - beta[j]!));
    beta = Float64Array.from(next);
    if (change < 1e-8) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.subarray(1), iterations, converged };
}

export function predictLogistic(fit: LogisticFit, x: ArrayLike<number>): number {
  let eta = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) eta += fit.coefficients[j]! * x[j]!;
  return sigmoid(eta);
}
