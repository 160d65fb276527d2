import { describe, expect, it } from 'vitest';
import { renderSparkline } from './render-sparkline.ts';

describe('renderSparkline', () => {
  it('maps the minimum to the lowest block and the maximum to the highest', () => {
    expect(renderSparkline([1, 2, 3, 4, 5, 6, 7, 8]), 'eight levels for eight values').toBe('▁▂▃▄▅▆▇█');
  });
  it('buckets long series to the width and shows gaps as spaces', () => {
    expect(renderSparkline(Array.from({ length: 100 }, (_, i) => i), 10).length, 'one cell per bucket').toBe(10);
    expect(renderSparkline([1, Number.NaN, 2]), 'a missing value is a gap').toBe('▁ █');
  });
});
