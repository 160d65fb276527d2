import { describe, expect, it } from 'vitest';
import { renderIndexChart } from './render-index-chart.ts';

describe('renderIndexChart', () => {
  const points = [0, 20, 50, 80, 100, null].map((index, i) => ({ date: `2021-01-0${i + 1}`, index }));
  const lines = renderIndexChart(points, { width: 40, height: 8 }).split('\n');

  it('draws one column per point, full blocks up to the value, a sliver for zero and nothing for missing', () => {
    expect(lines[0], 'only 100 reaches the top band (87.5–100)').toBe('100 ┤    █');
    expect(lines[7], 'the bottom band: a sliver for 0, full blocks for the rest, blank for the missing day').toBe('  0 ┤▁████');
    expect(lines.at(-2), 'the range is labelled under the chart').toMatch(/2021-01-01 +2021-01-06/);
  });

  it('marks the 75 and 25 thresholds with underscores where there is no bar', () => {
    expect(lines[1], 'the 75–87.5 band carries the 75 line; 80 shows as a partial block').toBe(' 75 ┤___▃█_');
    expect(lines[5], 'the 25–37.5 band carries the 25 line').toBe(' 25 ┤__███_');
  });

  it('averages days into buckets when the range is wider than the chart', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ date: 'd', index: i < 500 ? 100 : 0 }));
    const top = renderIndexChart(many, { width: 25, height: 8 }).split('\n')[0]!;
    expect(top, '20 columns: the first 10 full, the rest empty').toBe('100 ┤' + '█'.repeat(10));
  });
});
