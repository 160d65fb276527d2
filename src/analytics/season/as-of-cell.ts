/**
 * As-of lookup: the cell holding the latest value at or before `day`, at most `stalenessDays` old.
 * Never reads a cell after `day`, which is what keeps every analytic free of look-ahead.
 */
import type { DayNumber } from '../../domain/dates.ts';

/** The cell index (day - firstDay) of the as-of value, or -1 when there is none fresh enough. */
export function asOfCell(column: Float64Array, firstDay: DayNumber, day: number, stalenessDays: number): number {
  const target = day - firstDay;
  const oldest = Math.max(0, target - stalenessDays);
  for (let cell = Math.min(target, column.length - 1); cell >= oldest; cell--) {
    // x === x is false only for NaN (missing).
    if (column[cell] === column[cell]) return cell;
  }
  return -1;
}
