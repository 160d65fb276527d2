/** Student's t distribution through the regularized incomplete beta function. */
import { invertCdf, regularizedIncompleteBeta } from './special-functions.ts';

/** P(T ≤ t) for T ~ t(degreesOfFreedom): with x = ν / (ν + t²), P(|T| > |t|) = I_x(ν/2, ½). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`studentTCdf: degrees of freedom must be > 0, got ${degreesOfFreedom}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value P(|T| ≥ |t|), without the cancellation of 1 − CDF. */
export function studentTTwoSidedPValue(t: number, degreesOfFreedom: number): number {
  return regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
}

export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`studentTQuantile: probability must be in (0, 1), got ${probability}`);
  if (probability < 0.5) return -studentTQuantile(1 - probability, degreesOfFreedom);
  return invertCdf((t) => studentTCdf(t, degreesOfFreedom), probability, 0, 10);
}
