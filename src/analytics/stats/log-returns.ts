/**
 * Log returns ln(p[t] / p[t−1]). Statistics run on returns, never on price levels (levels of
 * trending series correlate spuriously). Element t of the result is the return into day t; the
 * first element is NaN, so the result stays aligned with the prices' days. A missing or
 * non-positive price makes the returns into and out of it NaN.
 */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(prices.length).fill(Number.NaN);
  for (let t = 1; t < prices.length; t++) {
    const before = prices[t - 1]!;
    const after = prices[t]!;
    if (before > 0 && after > 0 && Number.isFinite(before) && Number.isFinite(after)) out[t] = Math.log(after / before);
  }
  return out;
}
