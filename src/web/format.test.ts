import { describe, expect, it } from 'vitest';
import { compact, formatTicks } from './format.ts';

describe('formatTicks', () => {
  it('writes whole ticks without decimals ("80", not "80.00")', () => {
    expect(formatTicks([0, 20, 40, 60, 80, 100]), 'the ASI axis reads 0…100').toEqual(['0', '20', '40', '60', '80', '100']);
    expect(formatTicks([1000, 1500, 2000, 2500]), 'the Russell 2000 axis keeps its digits').toEqual(['1000', '1500', '2000', '2500']);
  });

  it('keeps the decimals that tell ticks apart, one count for the whole axis', () => {
    expect(formatTicks([50, 52.5, 55]), 'aligned decimals on one axis').toEqual(['50.0', '52.5', '55.0']);
    expect(formatTicks([0.3, 0.35000000000000003, 0.4]), 'float noise is not a decimal').toEqual(['0.30', '0.35', '0.40']);
  });

  it('writes negatives with a minus sign and zero without one', () => {
    expect(formatTicks([-0.1, -0.05, -1e-17, 0.05, 0.1])).toEqual(['\u22120.10', '\u22120.05', '0', '0.05', '0.10']);
    expect(formatTicks([-40, -20, 0])).toEqual(['\u221240', '\u221220', '0']);
  });

  it('uses one unit on a linear axis and one per tick on a log axis', () => {
    expect(formatTicks([0, 5e11, 1e12, 1.5e12])).toEqual(['0', '0.5T', '1.0T', '1.5T']);
    expect(formatTicks([2e11, 4e11, 6e11])).toEqual(['200B', '400B', '600B']);
    expect(formatTicks([1e9, 1e10, 1e11, 1e12], { log: true })).toEqual(['1B', '10B', '100B', '1T']);
  });

  it('leaves missing ticks blank', () => {
    expect(formatTicks([null, 1, undefined])).toEqual(['', '1', '']);
    expect(formatTicks([])).toEqual([]);
  });
});

describe('compact', () => {
  it('keeps about three significant digits for table cells', () => {
    expect(compact(457e9)).toBe('457B');
    expect(compact(1.23456e12)).toBe('1.23T');
    expect(compact(0.0001234)).toBe('0.000123');
  });
});
