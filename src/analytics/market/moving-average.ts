/** Simple moving average over the last `window` observations (rows, i.e. trading days for equities). */
import { InvalidInputError } from '../../domain/errors.ts';
import { assertSeries, makeSeries, type DailySeries } from '../../domain/series.ts';

/**
 * NaN until `window` finite values have been seen; a NaN inside the window makes that day NaN too
 * (an average over a gap would silently cover fewer days than it says).
 */
export function simpleMovingAverage(series: DailySeries, window: number): DailySeries {
  assertSeries(series);
  if (!Number.isInteger(window) || window < 1) throw new InvalidInputError(`moving average of ${series.name}: window must be a whole number ≥ 1, got ${window}`);
  const n = series.values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let finiteInWindow = 0;
  for (let i = 0; i < n; i++) {
    const value = series.values[i]!;
    if (Number.isFinite(value)) {
      sum += value;
      finiteInWindow++;
    }
    if (i >= window) {
      const leaving = series.values[i - window]!;
      if (Number.isFinite(leaving)) {
        sum -= leaving;
        finiteInWindow--;
      }
    }
    if (i >= window - 1 && finiteInWindow === window) out[i] = sum / window;
  }
  return makeSeries(`${series.name} SMA${window}`, series.days, out);
}
