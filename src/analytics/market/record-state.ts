/**
 * Record-close bookkeeping for an exchange-day series (the Russell 2000): for each day, the record
 * so far, how far below it the close is, and how long ago it was set. A record close is a close
 * above every earlier close (strictly: equalling the record is not a new one). The first close is
 * the first record: there is nothing earlier to beat, so load the full history before computing.
 */
import { assertSeries, type DailySeries } from '../../domain/series.ts';

export interface RecordState {
  readonly name: string;
  readonly days: Int32Array;
  readonly closes: Float64Array;
  /** True where the close is a new record. */
  readonly isRecord: Uint8Array;
  /** The highest close up to and including this day. */
  readonly record: Float64Array;
  readonly recordDay: Int32Array;
  /** (close / record − 1) × 100: 0 on a record day, negative below it. */
  readonly distanceFromRecordPct: Float64Array;
  /** Depth below the record as a positive percentage (−distance): "a 12 % drawdown". */
  readonly drawdownPct: Float64Array;
  /** The deepest drawdown since the record was set (the current cycle's trough). */
  readonly maxDrawdownSinceRecordPct: Float64Array;
  /** Calendar days since the record day (0 on a record day). */
  readonly daysSinceRecord: Int32Array;
  /** Trading days (rows) since the record day. */
  readonly sessionsSinceRecord: Int32Array;
}

/** NaN closes are skipped (they inherit the previous day's state with NaN distance). */
export function computeRecordState(series: DailySeries): RecordState {
  assertSeries(series);
  const n = series.days.length;
  const isRecord = new Uint8Array(n);
  const record = new Float64Array(n).fill(Number.NaN);
  const recordDay = new Int32Array(n).fill(-1);
  const distanceFromRecordPct = new Float64Array(n).fill(Number.NaN);
  const drawdownPct = new Float64Array(n).fill(Number.NaN);
  const maxDrawdownSinceRecordPct = new Float64Array(n).fill(Number.NaN);
  const daysSinceRecord = new Int32Array(n).fill(-1);
  const sessionsSinceRecord = new Int32Array(n).fill(-1);

  let best = Number.NaN;
  let bestDay = -1;
  let bestIndex = -1;
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    const close = series.values[i]!;
    if (Number.isFinite(close) && (bestIndex < 0 || close > best)) {
      best = close;
      bestDay = series.days[i]!;
      bestIndex = i;
      deepest = 0;
      isRecord[i] = 1;
    }
    if (bestIndex < 0) continue;
    record[i] = best;
    recordDay[i] = bestDay;
    daysSinceRecord[i] = series.days[i]! - bestDay;
    sessionsSinceRecord[i] = i - bestIndex;
    if (Number.isFinite(close)) {
      // Difference first, then divide: (90 − 100) / 100 is exactly −0.1, 90 / 100 − 1 is not.
      const distance = ((close - best) / best) * 100;
      distanceFromRecordPct[i] = distance;
      drawdownPct[i] = distance === 0 ? 0 : -distance;
      deepest = Math.max(deepest, drawdownPct[i]!);
    }
    maxDrawdownSinceRecordPct[i] = deepest;
  }
  return {
    name: series.name,
    days: series.days,
    closes: series.values,
    isRecord,
    record,
    recordDay,
    distanceFromRecordPct,
    drawdownPct,
    maxDrawdownSinceRecordPct,
    daysSinceRecord,
    sessionsSinceRecord,
  };
}
