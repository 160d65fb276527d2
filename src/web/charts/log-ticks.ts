/**
 * Tick values for a log axis over [min, max] (pure). uPlot's own log splits start at the range's
 * minimum when the range is not whole powers of ten ("1531.052174"); these are round numbers:
 * 1, 2, 5 × 10ⁿ (and 3 when few), or evenly stepped round values when the range is narrower than
 * one of those steps (a year of the Russell 2000: 1,800–2,700).
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 5]]) {
    const ticks: number[] = [];
    for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++) {
      for (const m of mantissas) {
        const value = m * 10 ** exponent;
        if (value >= min && value <= max) ticks.push(Number(value.toPrecision(12)));
      }
    }
    if (ticks.length >= 3) return ticks;
  }
  // Narrow: about five evenly stepped round values (1, 2 or 5 × 10ⁿ apart).
  const rough = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .reduce((best, s) => (Math.abs(Math.log(s / rough)) < Math.abs(Math.log(best / rough)) ? s : best));
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}
