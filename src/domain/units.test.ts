import { describe, expect, it } from 'vitest';
import { formatPercent, formatPoints, formatReturn, formatUsd } from './units.ts';

describe('units', () => {
  it('writes percentages with no space and a true minus sign', () => {
    expect(formatPercent(61.74)).toBe('61.7%');
    expect(formatPercent(-7.56, 1)).toBe('−7.6%');
    expect(formatPercent(3, 0, true)).toBe('+3%');
    expect(formatPercent(null), 'undefined figures are a dash, never NaN').toBe('—');
  });
  it('writes returns as signed percentages of a fraction', () => {
    expect(formatReturn(0.1234)).toBe('+12.3%');
    expect(formatReturn(-0.5)).toBe('−50.0%');
    expect(formatReturn(Number.NaN)).toBe('—');
  });
  it('writes differences of percentages in percentage points', () => {
    expect(formatPoints(20.74), 'an excess of growth rates is points, not percent').toBe('+20.7 pp');
    expect(formatPoints(-0.42, 2)).toBe('−0.42 pp');
    expect(formatPoints(0)).toBe('0.0 pp');
  });
  it('writes dollars scaled to T, B and M, one format everywhere', () => {
    expect([formatUsd(1_089_330_000_000), formatUsd(241_000_078_758), formatUsd(2_470_000), formatUsd(1234), formatUsd(-5e9), formatUsd(null)]).toEqual(['$1.09T', '$241.0B', '$2.5M', '$1,234', '−$5.0B', '—']);
  });
});
