/** The record closes of a series, each with the record it beat. */
import type { DayNumber } from '../../domain/dates.ts';
import type { RecordState } from './record-state.ts';

export interface RecordClose {
  day: DayNumber;
  close: number;
  /** The record it beat, or null for the first close of the series. */
  previousRecord: number | null;
  previousRecordDay: DayNumber | null;
  /** (close / previousRecord − 1) × 100, or null for the first close. */
  gainOverPreviousPct: number | null;
}

export function findRecordCloses(state: RecordState): RecordClose[] {
  const records: RecordClose[] = [];
  let previous: RecordClose | null = null;
  for (let i = 0; i < state.days.length; i++) {
    if (!state.isRecord[i]) continue;
    const close = state.closes[i]!;
    const current: RecordClose = {
      day: state.days[i]! as DayNumber,
      close,
      previousRecord: previous ? previous.close : null,
      previousRecordDay: previous ? previous.day : null,
      gainOverPreviousPct: previous ? (close / previous.close - 1) * 100 : null,
    };
    records.push(current);
    previous = current;
  }
  return records;
}
