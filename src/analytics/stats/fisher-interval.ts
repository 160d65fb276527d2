/**
 * A confidence interval for a correlation by Fisher's z transform: atanh(r) is close to normal
 * with variance 1/(n − 3), so the interval tanh(atanh(r) ± z_{1−α/2} / √(n_eff − 3)) is asymmetric
 * and stays inside (−1, 1). r ± z·SE with the standard error under NO correlation (the band of a
 * correlogram) is a test band around 0, not an interval for r. Autocorrelation and shared
 * volatility are carried by an effective sample size n_eff = 1 / SE², with SE the (robust)
 * standard error of r under the null (cross-correlation.ts); for white noise that is n.
 */
import { normalQuantile } from './normal-distribution.ts';

/** The (1 − alpha) Fisher-z interval of r; null when r is undefined or n_eff ≤ 3. */
export function fisherInterval(r: number | null, standardError: number | null, alpha = 0.05): [number, number] | null {
  if (r === null || standardError === null || !(standardError > 0) || !(Math.abs(r) < 1)) return null;
  const effectiveN = 1 / standardError ** 2;
  if (effectiveN <= 3) return null;
  const center = Math.atanh(r);
  const half = normalQuantile(1 - alpha / 2) / Math.sqrt(effectiveN - 3);
  return [Math.tanh(center - half), Math.tanh(center + half)];
}
