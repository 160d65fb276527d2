/** Pearson's product-moment correlation over the pairs where both values are present. */

export interface Correlation {
  /** null when fewer than 3 complete pairs or either series is constant over them. */
  r: number | null;
  /** Complete pairs used. */
  n: number;
}

/**
 * Correlation of x[i] with y[i + lag] over complete pairs (both finite); lag 0 is the ordinary
 * correlation. Means are taken over the complete pairs, so the result is an ordinary Pearson r.
 */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, lag = 0): Correlation {
  const start = Math.max(0, -lag);
  const end = Math.min(x.length, y.length - lag);
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let lowX = Number.POSITIVE_INFINITY;
  let highX = Number.NEGATIVE_INFINITY;
  let lowY = Number.POSITIVE_INFINITY;
  let highY = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const a = x[i]!;
    const b = y[i + lag]!;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      n++;
      sumX += a;
      sumY += b;
      if (a < lowX) lowX = a;
      if (a > highX) highX = a;
      if (b < lowY) lowY = b;
      if (b > highY) highY = b;
    }
  }
  if (n < 3) return { r: null, n };
  // A constant series has no correlation, whatever rounding of its mean leaves in the sums below.
  if (lowX === highX || lowY === highY) return { r: null, n };
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = start; i < end; i++) {
    const a = x[i]!;
    const b = y[i + lag]!;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      const dx = a - meanX;
      const dy = b - meanY;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
  }
  if (sxx === 0 || syy === 0) return { r: null, n };
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n };
}
