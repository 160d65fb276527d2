/** Results carry figures at the precision of their inputs, not float noise (94.27573669924452). */
export function roundOrNull(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  // The same number as Number(value.toFixed(digits)) — the definition — without the round trip
  // through a string, which is most of the cost of a full-history index's ~18,000 rounded figures:
  // |value| × 10^digits is within a few units in its last place of the exact product, so away from
  // a tie (a fractional part of exactly .5 before rounding) it rounds to the same integer n, and
  // n / 10^digits is the double nearest to the decimal toFixed writes. Near a tie, or beyond 2^52,
  // toFixed decides.
  const scale = POWERS_OF_TEN[digits];
  if (scale !== undefined) {
    const scaled = Math.abs(value) * scale;
    if (scaled < 2 ** 52) {
      const whole = Math.floor(scaled);
      const fraction = scaled - whole;
      if (Math.abs(fraction - 0.5) > 1e-9 + scaled * 1e-15) {
        const n = fraction > 0.5 ? whole + 1 : whole;
        return (value < 0 ? -n : n) / scale;
      }
    }
  }
  return Number(value.toFixed(digits));
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, d) => 10 ** d);
