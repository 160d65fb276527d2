import { describe, expect, it } from 'vitest';
import { isoDateOf, parseDay } from '../../domain/dates.ts';
import { makeSeries } from '../../domain/series.ts';
import { findBreakouts } from './find-breakouts.ts';
import { findRecordCloses } from './find-record-closes.ts';
import { computeRecordState } from './record-state.ts';

const start = parseDay('2024-01-01');
const series = (closes: number[]) => makeSeries('^X', closes.map((_, i) => start + i), closes);

describe('findBreakouts', () => {
  it('finds the first record after a drawdown of at least the threshold, with its trough', () => {
    const state = computeRecordState(series([100, 95, 89, 99, 101, 102, 92, 103]));
    const [breakout, ...rest] = findBreakouts(state, 10);
    expect(rest, 'the 102 → 92 dip (9.8 %) is below the 10 % threshold').toEqual([]);
    expect(isoDateOf(breakout!.day), '101 on day 4 is the first record after the 11 % drawdown').toBe('2024-01-05');
    expect(breakout!.drawdownPct, 'drawdown from 100 to 89').toBeCloseTo(11, 10);
    expect(isoDateOf(breakout!.troughDay), 'trough on day 2').toBe('2024-01-03');
    expect(breakout!.daysSincePriorRecord, 'four days after the prior record').toBe(4);
  });

  it('a drawdown of exactly the threshold counts', () => {
    expect(findBreakouts(computeRecordState(series([100, 90, 101])), 10).length, '10 % ≥ 10 %').toBe(1);
  });

  it('rejects a nonsensical threshold', () => {
    expect(() => findBreakouts(computeRecordState(series([1])), 0), '0 % would make every record a breakout').toThrow(/between 0 and 100/);
  });

  it('lists record closes with the record each beat', () => {
    const records = findRecordCloses(computeRecordState(series([100, 90, 120])));
    expect(records.map((r) => [r.close, r.previousRecord]), 'the first close has no previous record').toEqual([
      [100, null],
      [120, 100],
    ]);
    expect(records[1]!.gainOverPreviousPct, '120 is 20 % over 100').toBeCloseTo(20, 10);
  });
});
