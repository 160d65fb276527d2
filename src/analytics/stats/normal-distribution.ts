/** The standard normal distribution: CDF through the incomplete gamma function, quantile by inversion. */
import { invertCdf, regularizedGammaP, regularizedGammaQ } from './special-functions.ts';

/** Φ(z) = P(Z ≤ z), accurate to about 1e-15 including the tails (erfc(x) = Q(½, x²)). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const halfSquare = (z * z) / 2;
  if (z < 0) return 0.5 * regularizedGammaQ(0.5, halfSquare);
  return 0.5 + 0.5 * regularizedGammaP(0.5, halfSquare);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function normalTwoSidedPValue(z: number): number {
  return regularizedGammaQ(0.5, (z * z) / 2);
}

/** Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(probability: number): number {
  if (!(probability > 0 && probability < 1)) {
    if (probability === 0) return Number.NEGATIVE_INFINITY;
    if (probability === 1) return Number.POSITIVE_INFINITY;
    throw new RangeError(`normalQuantile: probability must be in [0, 1], got ${probability}`);
  }
  if (probability < 0.5) return -normalQuantile(1 - probability);
  return invertCdf(normalCdf, probability, 0, 10);
}
