/**
 * Power: the smallest effect a test could detect with the data at hand, so that "no evidence"
 * can be told apart from "evidence of no effect". Normal approximations throughout:
 *   minimum detectable effect = (z_{1−α'/2} + z_{power}) × standard error,
 * with α' = 1 − (1 − α)^(1/tests) (Šidák) when the test scans several lags.
 */
import { normalQuantile } from './normal-distribution.ts';

export interface PowerOptions {
  /** Default 0.05. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Number of lags (hypotheses) the test scans; default 1. */
  tests?: number;
}

function criticalSum(options: PowerOptions): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const tests = options.tests ?? 1;
  const perTest = -Math.expm1(Math.log1p(-alpha) / tests);
  return normalQuantile(1 - perTest / 2) + normalQuantile(power);
}

/** n / varianceInflation: the number of independent observations the sample is worth. */
export function effectiveSampleSize(n: number, varianceInflation = 1): number {
  return n / Math.max(varianceInflation, 1e-12);
}

/**
 * Smallest |correlation| detected with the given power by a two-sided test on n pairs whose
 * correlation's variance is inflated by `varianceInflation` (Bartlett, see cross-correlation.ts).
 * Uses Fisher's z: r = tanh((z_{1−α'/2} + z_power) / √(n_eff − 3)). Null when n_eff ≤ 3.
 */
export function minimumDetectableCorrelation(n: number, varianceInflation = 1, options: PowerOptions = {}): number | null {
  const effective = effectiveSampleSize(n, varianceInflation);
  if (effective <= 3) return null;
  return Math.tanh(criticalSum(options) / Math.sqrt(effective - 3));
}

/** Smallest |effect| detected with the given power when the estimate has this standard error. */
export function minimumDetectableEffect(standardError: number, options: PowerOptions = {}): number | null {
  if (!(standardError > 0) || !Number.isFinite(standardError)) return null;
  return criticalSum(options) * standardError;
}
