import { describe, expect, it } from 'vitest';
import { xRangeFor } from './x-range.ts';

const s = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('xRangeFor', () => {
  it('shows the last 365 or 1095 days of each chart, ending at its own last day', () => {
    expect(xRangeFor('1y', s('2013-04-28'), s('2025-07-28')), '1Y ends at the data end').toEqual([s('2024-07-28'), s('2025-07-28')]);
    expect(xRangeFor('3y', s('2013-04-28'), s('2025-07-28'))).toEqual([s('2022-07-29'), s('2025-07-28')]);
  });

  it('never starts before the data do, and "all" is the whole history', () => {
    expect(xRangeFor('3y', s('2024-01-01'), s('2025-07-28'))?.[0], 'a short history starts at its first day').toBe(s('2024-01-01'));
    expect(xRangeFor('all', s('2013-04-28'), s('2025-07-28'))).toBeNull();
  });

  it('gives every chart the same dragged range', () => {
    expect(xRangeFor({ min: 100, max: 200 }, 0, 1e9)).toEqual([100, 200]);
  });
});
