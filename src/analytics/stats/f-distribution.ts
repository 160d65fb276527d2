/** Fisher's F distribution through the regularized incomplete beta function. */
import { invertCdf, regularizedIncompleteBeta } from './special-functions.ts';

/** P(F ≤ f) for F ~ F(d1, d2): I_{d1 f / (d1 f + d2)}(d1/2, d2/2). */
export function fCdf(f: number, numeratorDf: number, denominatorDf: number): number {
  if (!(numeratorDf > 0 && denominatorDf > 0)) throw new RangeError(`fCdf: degrees of freedom must be > 0, got ${numeratorDf}, ${denominatorDf}`);
  if (Number.isNaN(f)) return Number.NaN;
  if (f <= 0) return 0;
  if (f === Number.POSITIVE_INFINITY) return 1;
  return regularizedIncompleteBeta((numeratorDf * f) / (numeratorDf * f + denominatorDf), numeratorDf / 2, denominatorDf / 2);
}

/** Upper tail P(F > f), computed directly so small p-values keep their digits. */
export function fSurvival(f: number, numeratorDf: number, denominatorDf: number): number {
  if (!(numeratorDf > 0 && denominatorDf > 0)) throw new RangeError(`fSurvival: degrees of freedom must be > 0, got ${numeratorDf}, ${denominatorDf}`);
  if (Number.isNaN(f)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  return regularizedIncompleteBeta(denominatorDf / (denominatorDf + numeratorDf * f), denominatorDf / 2, numeratorDf / 2);
}

export function fQuantile(probability: number, numeratorDf: number, denominatorDf: number): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`fQuantile: probability must be in (0, 1), got ${probability}`);
  return invertCdf((f) => fCdf(f, numeratorDf, denominatorDf), probability, 0, 10);
}
