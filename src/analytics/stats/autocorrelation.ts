/**
 * Sample autocorrelation ρ(0 … maxLag) with the usual divisor n at every lag (Box–Jenkins), which
 * keeps the estimated sequence positive definite. Missing values (NaN) are skipped pairwise;
 * the mean is that of all present values. Returns NaN at every lag when the series is constant or
 * has fewer than two values.
 */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): Float64Array {
  const out = new Float64Array(maxLag + 1).fill(Number.NaN);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      sum += value;
      n++;
    }
  }
  if (n < 2) return out;
  const center = sum / n;
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    deviations[i] = Number.isFinite(value) ? value - center : Number.NaN;
  }
  let gamma0 = 0;
  for (let i = 0; i < deviations.length; i++) if (!Number.isNaN(deviations[i]!)) gamma0 += deviations[i]! ** 2;
  if (gamma0 === 0) return out;
  for (let k = 0; k <= maxLag && k < values.length; k++) {
    let acc = 0;
    for (let i = 0; i + k < deviations.length; i++) {
      const product = deviations[i]! * deviations[i + k]!;
      if (!Number.isNaN(product)) acc += product;
    }
    out[k] = acc / gamma0;
  }
  return out;
}
