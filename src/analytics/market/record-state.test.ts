import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { makeSeries } from '../../domain/series.ts';
import { computeRecordState } from './record-state.ts';

const series = (closes: number[]) => makeSeries('^X', closes.map((_, i) => parseDay('2024-01-01') + i), closes);

describe('computeRecordState', () => {
  it('marks closes above every earlier close as records, and ties are not records', () => {
    const state = computeRecordState(series([100, 110, 105, 110, 120]));
    expect(Array.from(state.isRecord), 'the first close, 110 and 120 are records; 110 again only ties').toEqual([1, 1, 0, 0, 1]);
  });

  it('measures distance, drawdown, the cycle’s deepest drawdown and time since the record', () => {
    const state = computeRecordState(series([100, 80, 90, 100]));
    expect(Array.from(state.distanceFromRecordPct), 'distance is negative below the record').toEqual([0, -20, -10, 0]);
    expect(Array.from(state.drawdownPct), 'drawdown is the positive depth').toEqual([0, 20, 10, 0]);
    expect(Array.from(state.maxDrawdownSinceRecordPct), 'the cycle remembers its trough').toEqual([0, 20, 20, 20]);
    expect(Array.from(state.daysSinceRecord), 'equal to the record is still the old record').toEqual([0, 1, 2, 3]);
  });

  it('skips missing closes without breaking the record', () => {
    const state = computeRecordState(series([Number.NaN, 100, Number.NaN, 90]));
    expect(Array.from(state.isRecord), 'the first finite close is the first record').toEqual([0, 1, 0, 0]);
    expect(state.record[3], 'the record carries over a gap').toBe(100);
    expect(Number.isNaN(state.distanceFromRecordPct[2]!), 'no close, no distance').toBe(true);
  });
});
