import { describe, expect, it } from 'vitest';
import { logTicks } from './log-ticks.ts';

describe('logTicks', () => {
  it('puts round values on a wide log axis', () => {
    expect(logTicks(8e8, 3e12), 'market caps from 2013 to 2025').toEqual([1e9, 2e9, 5e9, 1e10, 2e10, 5e10, 1e11, 2e11, 5e11, 1e12, 2e12]);
  });

  it('steps evenly through a range narrower than 1-2-5 (a year of the Russell 2000)', () => {
    expect(logTicks(1531.05, 2880)).toEqual([1600, 1800, 2000, 2200, 2400, 2600, 2800]);
    expect(logTicks(7e11, 2.8e12), 'a year of market caps').toEqual([1e12, 1.5e12, 2e12, 2.5e12]);
  });

  it('gives nothing for a range a log axis cannot show', () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(5, 5)).toEqual([]);
  });
});
