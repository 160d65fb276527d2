/**
 * Rolling Pearson correlation over a trailing window of `window` observations ending at each
 * index (90 or 180 days in the thesis report). Element t covers indices t − window + 1 … t; it is
 * NaN while the window is incomplete, when fewer than `minPairs` complete pairs fall inside, or
 * when either series is constant there. Running sums make it O(n) in the window length.
 */
export function rollingCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, window: number, minPairs: number = Math.ceil(window * 0.8)): Float64Array {
  if (x.length !== y.length) throw new RangeError(`rollingCorrelation: x and y must be aligned, got lengths ${x.length} and ${y.length}`);
  if (!(Number.isInteger(window) && window >= 3)) throw new RangeError(`rollingCorrelation: window must be a whole number ≥ 3, got ${window}`);
  const n = x.length;
  const out = new Float64Array(n).fill(Number.NaN);
  // Center by the overall means so running sums of squares do not cancel catastrophically.
  let centerX = 0;
  let centerY = 0;
  let centerCount = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      centerX += x[i]!;
      centerY += y[i]!;
      centerCount++;
    }
  }
  if (centerCount === 0) return out;
  centerX /= centerCount;
  centerY /= centerCount;
  let count = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const update = (i: number, sign: 1 | -1): void => {
    const a = x[i]!;
    const b = y[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    const dx = a - centerX;
    const dy = b - centerY;
    count += sign;
    sx += sign * dx;
    sy += sign * dy;
    sxx += sign * dx * dx;
    syy += sign * dy * dy;
    sxy += sign * dx * dy;
  };
  for (let t = 0; t < n; t++) {
    update(t, 1);
    if (t >= window) update(t - window, -1);
    if (t < window - 1 || count < Math.max(3, minPairs)) continue;
    const covariance = sxy - (sx * sy) / count;
    const varianceX = sxx - (sx * sx) / count;
    const varianceY = syy - (sy * sy) / count;
    if (varianceX <= 1e-14 * sxx || varianceY <= 1e-14 * syy) continue;
    out[t] = Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
  }
  return out;
}
