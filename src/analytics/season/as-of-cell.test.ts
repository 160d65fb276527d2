import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { asOfCell } from './as-of-cell.ts';

describe('asOfCell', () => {
  const column = Float64Array.from([1, NaN, NaN, 4, NaN]);
  const first = 100 as DayNumber;
  it('finds the latest value at or before the day within the staleness limit', () => {
    expect(asOfCell(column, first, 103, 0), 'a value on the day itself').toBe(3);
    expect(asOfCell(column, first, 102, 2), 'two days old is allowed with a 2-day limit').toBe(0);
    expect(asOfCell(column, first, 102, 1), 'too old with a 1-day limit').toBe(-1);
  });
  it('never looks after the day, before the column, or too far past its end', () => {
    expect(asOfCell(column, first, 99, 5), 'before the first cell').toBe(-1);
    expect(asOfCell(column, first, 106, 3), 'three days after the last value (cell 3 = day 103)').toBe(3);
    expect(asOfCell(column, first, 107, 3), 'four days after it').toBe(-1);
  });
});
